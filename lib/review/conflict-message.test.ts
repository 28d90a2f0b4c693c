// The stale-form message: who changed the item and when, in the viewer's zone and locale.
import { describe, expect, it } from 'vitest';

import { conflictMessage, formatInstant } from './conflict-message';

const current = {
  version: 4,
  status: 'fraud' as const,
  updated_by: 'ana (local)',
  updated_at: '2026-11-30T15:21:05.000Z',
  last_action: 'decided' as const,
};

describe('conflictMessage', () => {
  it('says who decided what, when, in en-US and UTC by default', () => {
    expect(conflictMessage(current)).toBe(
      'Changed by ana (local) at Nov 30, 2026, 15:21:05 UTC (decided: fraud) after you opened it — reload to see the latest. Nothing was saved.',
    );
  });

  it('writes the time in the viewer’s zone and locale', () => {
    expect(formatInstant(current.updated_at, 'Europe/Berlin', 'de-DE')).toBe('30.11.2026, 16:21:05 MEZ');
  });

  it('falls back to UTC for a zone Intl does not know', () => {
    expect(formatInstant(current.updated_at, 'Mars/Olympus', 'en-GB')).toBe('30 Nov 2026, 15:21:05 UTC');
  });
});
