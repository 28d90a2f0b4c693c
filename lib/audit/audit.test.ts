// The audit page's URL view and the words it shows for each kind of event.
import { describe, expect, it } from 'vitest';

import type { AuditEvent } from '@/lib/store/schema';

import { describeEvent, eventNote } from './describe';
import { auditHref, auditQuery, parseAuditView } from './view';

describe('parseAuditView', () => {
  it('reads filters from the URL and names what it ignores', () => {
    const { view, ignored } = parseAuditView({
      actor: ' analyst (local) ',
      action: 'decided',
      from: '2025-03-01',
      to: '2025-03-31',
      cursor: 'abc',
    });
    expect(view).toEqual({
      actor: 'analyst (local)',
      action: 'decided',
      from: '2025-03-01',
      to: '2025-03-31',
      cursor: 'abc',
    });
    expect(ignored).toEqual([]);
    expect(auditQuery(view, 50)).toEqual({
      actor: 'analyst (local)',
      action: 'decided',
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-03-31T23:59:59.999Z',
      cursor: 'abc',
      limit: 50,
    });
    expect(auditHref(view)).toBe(
      '/audit?actor=analyst+%28local%29&action=decided&from=2025-03-01&to=2025-03-31',
    );
  });

  it('drops an unknown action, a malformed day and a reversed range', () => {
    const { view, ignored } = parseAuditView(
      new URLSearchParams('action=deleted&from=2025-3-1&to=2025-01-01&actor='),
    );
    expect(view).toEqual({ actor: null, action: null, from: null, to: '2025-01-01', cursor: null });
    expect(ignored.map((i) => i.param)).toEqual(['action', 'from']);
    const reversed = parseAuditView({ from: '2025-02-01', to: '2025-01-01' });
    expect(reversed.view.to).toBeNull();
    expect(reversed.ignored[0]).toMatchObject({ param: 'to', message: 'is before the first day' });
  });
});

describe('describeEvent', () => {
  const base = {
    event_id: 'e',
    at: '2025-03-01T10:00:00.000Z',
    actor: 'ana',
    item_id: 't1',
    item_version: 2,
  };
  it('puts each action into words', () => {
    const decided: AuditEvent = {
      ...base,
      action: 'decided',
      details: { outcome: 'fraud', reason: 'stolen_card', note: 'called the customer', status: 'fraud' },
    };
    expect(describeEvent(decided)).toBe('fraud: Lost or stolen card');
    expect(eventNote(decided)).toBe('called the customer');
    expect(
      describeEvent({
        ...base,
        action: 'rescored',
        details: {
          changes: { amount: { from: 10, to: 900 } },
          old_score: 0.031,
          new_score: 0.52,
          model_version: 'm',
        },
      }),
    ).toBe('amount 10 → 900; score 3.10% → 52.0%');
    expect(
      describeEvent({
        ...base,
        action: 'threshold_changed',
        details: { from: 0.0361, to: 0.05, model_version: 'm' },
      }),
    ).toBe('3.61% → 5.00% (model m)');
    expect(
      describeEvent({
        ...base,
        action: 'flagged',
        details: { score: 0.9, threshold: 0.0361, model_version: 'm' },
      }),
    ).toBe('score 90.0% at threshold 3.61% (model m)');
  });
});
