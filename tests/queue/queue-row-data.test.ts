import { describe, expect, test } from 'vitest';

import { toQueueRow } from '@/components/queue/queue-row-data';
import type { ReviewSummary } from '@/lib/store/schema';

const NOW = new Date('2026-11-30T12:00:00.000Z');

function summary(overrides: Partial<ReviewSummary> = {}): ReviewSummary {
  return {
    transaction_id: 't1',
    status: 'open',
    score: 0.9,
    model_version: 'm',
    threshold: 0.04,
    tx: {
      transaction_id: 't1',
      timestamp: '2026-11-30T06:00:00.000Z',
      card_id: 'C1',
      terminal_id: 'T1',
      merchant_name: 'Shop',
      mcc: '5411',
      amount: 12.5,
      currency: 'EUR',
      channel: 'chip',
      card_country: 'FR',
      merchant_country: 'DE',
    },
    tx_time: '2026-11-30T06:00:00.000Z',
    card_id: 'C1',
    terminal_id: 'T1',
    flagged_at: '2026-11-30T06:00:00.000Z',
    version: 3,
    updated_at: '2026-11-30T06:00:00.000Z',
    updated_by: 'pipeline',
    last_action: 'flagged',
    ...overrides,
  };
}

describe('toQueueRow', () => {
  test('ages an open item from its flag time and bands it', () => {
    expect(toQueueRow(summary(), NOW, 'me')).toMatchObject({
      ageMs: 6 * 3_600_000,
      band: 'warning',
      claim: null,
    });
  });

  test('shows live claims only, marking the viewer’s own', () => {
    const live = summary({ assignee: 'me', claim_expires_at: '2026-11-30T12:10:00.000Z' });
    expect(toQueueRow(live, NOW, 'me').claim).toEqual({
      holder: 'me',
      until: '2026-11-30T12:10:00.000Z',
      mine: true,
    });
    expect(toQueueRow(live, NOW, 'you').claim?.mine).toBe(false);
    const lapsed = summary({ assignee: 'me', claim_expires_at: '2026-11-30T11:59:59.999Z' });
    expect(toQueueRow(lapsed, NOW, 'me').claim).toBeNull();
  });

  test('a decided item measures flag to decision and carries the decision', () => {
    const decided = summary({
      status: 'fraud',
      decided_at: '2026-11-30T07:30:00.000Z',
      decision: { outcome: 'fraud', reason: 'stolen_card', analyst: 'ann', at: '2026-11-30T07:30:00.000Z' },
    });
    expect(toQueueRow(decided, NOW, 'me')).toMatchObject({
      ageMs: 1.5 * 3_600_000,
      decision: { outcome: 'fraud', reason: 'stolen_card', analyst: 'ann' },
    });
  });
});
