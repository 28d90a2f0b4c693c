// The live threshold against a real dynalite: the manifest value until someone changes it, the newest
// change for the current model after that, a short cache, conflicts, idempotent retries, and the change
// in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { appendAuditEvent, listAuditEvents } from '@/lib/store';
import { startTestStore, type TestStore } from '@/lib/store/test-support';

import {
  getLiveThreshold,
  listThresholdChanges,
  readLiveThreshold,
  setLiveThreshold,
  ThresholdConflictError,
} from './live';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore('live_');
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const MODEL = { version: 'aaaaaaaaaaaaaaaa', threshold: 0.036 };
const OTHER = { version: 'bbbbbbbbbbbbbbbb', threshold: 0.05 };

describe('live threshold', () => {
  it('is the manifest threshold until someone changes it', async () => {
    expect(await readLiveThreshold(t.store, MODEL)).toEqual({
      value: 0.036,
      modelVersion: MODEL.version,
      source: 'manifest',
      manifestValue: 0.036,
      change: null,
    });
  });

  it('is the newest change for the model, recorded in the audit trail', async () => {
    await setLiveThreshold(t.store, {
      model: MODEL,
      to: 0.05,
      actor: 'admin (local)',
      note: 'fewer alerts over the holidays',
      now: new Date('2025-01-01T10:00:00.000Z'),
      requestId: 'req-00000001',
    });
    const { change } = await setLiveThreshold(t.store, {
      model: MODEL,
      to: 0.042,
      actor: 'admin (local)',
      expected: 0.05,
      now: new Date('2025-01-02T10:00:00.000Z'),
      requestId: 'req-00000002',
    });
    expect(change).toMatchObject({ from: 0.05, to: 0.042, modelVersion: MODEL.version });

    const live = await readLiveThreshold(t.store, MODEL);
    expect(live).toMatchObject({ value: 0.042, source: 'audit', manifestValue: 0.036 });
    expect(live.change).toMatchObject({ actor: 'admin (local)', at: '2025-01-02T10:00:00.000Z' });

    const trail = await listAuditEvents(t.store, { action: 'threshold_changed' });
    expect(trail.items.map((e) => e.action === 'threshold_changed' && e.details)).toEqual([
      { from: 0.05, to: 0.042, model_version: MODEL.version },
      { from: 0.036, to: 0.05, model_version: MODEL.version, note: 'fewer alerts over the holidays' },
    ]);
  });

  it('does not carry a change over to another model version', async () => {
    expect(await readLiveThreshold(t.store, OTHER)).toMatchObject({ value: 0.05, source: 'manifest' });
  });

  it('records a retried request once', async () => {
    const first = await setLiveThreshold(t.store, {
      model: OTHER,
      to: 0.07,
      actor: 'admin (local)',
      requestId: 'req-retry-0001',
    });
    const again = await setLiveThreshold(t.store, {
      model: OTHER,
      to: 0.07,
      actor: 'admin (local)',
      expected: 0.05,
      requestId: 'req-retry-0001',
    });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    const { changes } = await listThresholdChanges(t.store, { limit: 50 });
    expect(changes.filter((c) => c.eventId === first.change.eventId)).toHaveLength(1);
  });

  it('refuses a change made from a stale view, and nonsense values', async () => {
    const error = await setLiveThreshold(t.store, {
      model: MODEL,
      to: 0.1,
      actor: 'other admin',
      expected: 0.05,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThresholdConflictError);
    expect((error as ThresholdConflictError).current.value).toBe(0.042);
    for (const to of [0, 1, -0.2, Number.NaN])
      await expect(setLiveThreshold(t.store, { model: MODEL, to, actor: 'x' })).rejects.toThrow(RangeError);
  });

  it('caches reads briefly, and a change made here is seen at once', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const before = await getLiveThreshold(t.store, MODEL, { now });
    await setLiveThreshold(t.store, { model: MODEL, to: 0.03, actor: 'admin (local)' });
    // This process wrote it, so its cache was dropped: the next read sees the new value.
    expect((await getLiveThreshold(t.store, MODEL, { now })).value).toBe(0.03);
    expect(before.value).toBe(0.042);

    // A cached value is reused within the TTL even if the store moved on…
    const cached = await getLiveThreshold(t.store, MODEL, { now });
    // Another process's change: an event written straight to the store, past this process's cache.
    await appendAuditEvent(t.store, {
      event_id: 'threshold#elsewhere',
      at: new Date().toISOString(),
      actor: 'admin elsewhere',
      action: 'threshold_changed',
      details: { from: 0.03, to: 0.2, model_version: MODEL.version },
    });
    expect((await getLiveThreshold(t.store, MODEL, { now })).value).toBe(cached.value);
    // …and re-read once it expires.
    clock += 10_001;
    expect((await getLiveThreshold(t.store, MODEL, { now })).value).toBe(0.2);
  });
});
