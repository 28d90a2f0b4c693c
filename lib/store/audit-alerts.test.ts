import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import {
  acknowledgeAlert,
  appendAuditEvent,
  getAlert,
  listAlerts,
  listAuditEvents,
  putAlert,
  recordAlertDelivery,
  type Alert,
  type AuditEvent,
} from './index';
import { startTestStore, type TestStore } from './test-support';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(async () => t.close());

const minute = (i: number) => new Date(Date.UTC(2025, 2, 1, 0, i)).toISOString();

describe('audit', () => {
  // 40 events: actors ann/bob, actions rotating, one per minute.
  const events: AuditEvent[] = Array.from({ length: 40 }, (_, i): AuditEvent => {
    const base = {
      event_id: `e${String(i).padStart(2, '0')}`,
      at: minute(i),
      actor: i % 2 === 0 ? 'ann' : 'bob',
    };
    if (i % 3 === 0) return { ...base, action: 'threshold_changed', details: { from: 0.5, to: 0.6 } };
    if (i % 3 === 1)
      return {
        ...base,
        item_id: `item${i % 4}`,
        action: 'rescored',
        details: {
          changes: { amount: { from: 10, to: 20 } },
          old_score: 0.7,
          new_score: 0.8,
          model_version: 'm',
        },
      };
    return { ...base, item_id: `item${i % 4}`, action: 'released', details: {} };
  });

  beforeAll(async () => {
    await Promise.all(events.map((e) => appendAuditEvent(t.store, e)));
  });

  async function all(q: Parameters<typeof listAuditEvents>[1], limit: number): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await listAuditEvents(t.store, { ...q, limit, ...(cursor ? { cursor } : {}) });
      out.push(...page.items.map((e) => e.event_id));
      if (!page.cursor) return out;
      cursor = page.cursor;
    }
    throw new Error('pagination did not end');
  }
  const newestFirst = (keep: (e: AuditEvent) => boolean) =>
    events
      .filter(keep)
      .map((e) => e.event_id)
      .reverse();

  test('appending the same event id again is a no-op, even with different content', async () => {
    expect(await appendAuditEvent(t.store, events[0]!)).toBe(false);
    expect(await appendAuditEvent(t.store, { ...events[0]!, actor: 'mallory' } as AuditEvent)).toBe(false);
    const page = await listAuditEvents(t.store, { actor: 'mallory' });
    expect(page.items).toEqual([]);
    expect(await all({}, 100)).toHaveLength(40);
  });

  test('everything, newest first, across pages (merge over action partitions)', async () => {
    for (const limit of [1, 7, 40, 100]) expect(await all({}, limit)).toEqual(newestFirst(() => true));
  });

  test('by actor, by action, by item, combined, with date ranges', async () => {
    expect(await all({ actor: 'bob' }, 6)).toEqual(newestFirst((e) => e.actor === 'bob'));
    expect(await all({ action: 'rescored' }, 5)).toEqual(newestFirst((e) => e.action === 'rescored'));
    expect(await all({ itemId: 'item2' }, 3)).toEqual(newestFirst((e) => e.item_id === 'item2'));
    expect(await all({ actor: 'ann', action: 'released' }, 2)).toEqual(
      newestFirst((e) => e.actor === 'ann' && e.action === 'released'),
    );
    const range = { from: minute(10), to: minute(20) };
    const inRange = (e: AuditEvent) => e.at >= range.from && e.at <= range.to;
    expect(await all(range, 4)).toEqual(newestFirst(inRange));
    expect(await all({ ...range, actor: 'ann' }, 4)).toEqual(
      newestFirst((e) => inRange(e) && e.actor === 'ann'),
    );
    expect(await all({ ...range, action: 'threshold_changed' }, 4)).toEqual(
      newestFirst((e) => inRange(e) && e.action === 'threshold_changed'),
    );
  });
});

describe('alerts', () => {
  const alert = (i: number): Alert => ({
    alert_id: `a${i}`,
    kind: i % 2 === 0 ? 'high_risk_item' : 'fraud_rate_breach',
    at: minute(i),
    severity: 'critical',
    title: `alert ${i}`,
    ...(i % 2 === 0
      ? { transaction_id: `tx${i}`, score: 0.99 }
      : { day: '2025-03-01', rate: 0.02, threshold: 0.01 }),
  });

  test('feed is newest first, idempotent by id, paginated; acknowledge once', async () => {
    for (let i = 0; i < 12; i++) expect(await putAlert(t.store, alert(i))).toEqual({ created: true });
    expect(await putAlert(t.store, { ...alert(3), title: 'changed' })).toEqual({ created: false });
    const first = await listAlerts(t.store, { limit: 5 });
    const rest = await listAlerts(t.store, { limit: 50, cursor: first.cursor! });
    expect([...first.items, ...rest.items].map((a) => a.alert_id)).toEqual(
      Array.from({ length: 12 }, (_, i) => `a${11 - i}`),
    );
    expect(rest.cursor).toBeNull();
    expect(first.items.find((a) => a.alert_id === 'a10')?.title).toBe('alert 10');

    const ack = await acknowledgeAlert(t.store, {
      alertId: 'a3',
      analyst: 'ann',
      now: new Date('2025-03-02T00:00:00Z'),
    });
    expect(ack).toMatchObject({
      already: false,
      alert: { acknowledged_by: 'ann', acknowledged_at: '2025-03-02T00:00:00.000Z', title: 'alert 3' },
    });
    const again = await acknowledgeAlert(t.store, { alertId: 'a3', analyst: 'bob' });
    expect(again).toMatchObject({ already: true, alert: { acknowledged_by: 'ann' } });
    await expect(acknowledgeAlert(t.store, { alertId: 'nope', analyst: 'bob' })).rejects.toMatchObject({
      name: 'AlertNotFoundError',
    });
    const open = await listAlerts(t.store, { unacknowledgedOnly: true, limit: 100 });
    expect(open.items.map((a) => a.alert_id)).not.toContain('a3');
    expect(open.items).toHaveLength(11);
    const acks = await listAuditEvents(t.store, { action: 'alert_acknowledged' });
    expect(acks.items.map((e) => [e.event_id, e.actor])).toEqual([['alert#a3#ack', 'ann']]);
  });

  test('delivery results are recorded per channel', async () => {
    await putAlert(t.store, alert(100));
    await recordAlertDelivery(t.store, {
      alertId: 'a100',
      channel: 'webhook',
      delivery: { ok: false, attempts: 3, at: minute(1), error: 'HTTP 503' },
    });
    await recordAlertDelivery(t.store, {
      alertId: 'a100',
      channel: 'sns',
      delivery: { ok: true, attempts: 1, at: minute(1) },
    });
    await recordAlertDelivery(t.store, {
      alertId: 'a100',
      channel: 'webhook',
      delivery: { ok: true, attempts: 4, at: minute(2) },
    });
    expect((await getAlert(t.store, { alertId: 'a100' }))?.deliveries).toEqual({
      webhook: { ok: true, attempts: 4, at: minute(2) },
      sns: { ok: true, attempts: 1, at: minute(1) },
    });
    await expect(
      recordAlertDelivery(t.store, {
        alertId: 'zz',
        channel: 'sns',
        delivery: { ok: true, attempts: 1, at: minute(1) },
      }),
    ).rejects.toMatchObject({
      name: 'AlertNotFoundError',
    });
  });
});
