// Per-day review counters against a real dynalite: what creations, decisions, escalations,
// re-decisions and claims add; the rebuild that repairs a lost ADD and stands down on a day written
// while it scans; BatchGet over more than 100 days; the time-to-decision buckets.
import { BatchGetItemCommand, DeleteItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { dayCounterId, ttdKey } from './day-counts';
import {
  claimReview,
  decideReview,
  ensureTables,
  putReviewItem,
  putReviewItems,
  readDayCounts,
  rebuildDayCounts,
  releaseClaim,
  startCountRepair,
  tableNames,
  TTD_BUCKETS,
  ttdBucket,
  ttdBucketBounds,
  type DayRebuildResult,
  type Store,
} from './index';
import { toItem } from './marshal';
import { review, startTestStore, type TestStore } from './test-support';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore('d_');
});
afterAll(async () => t.close());

async function tables(prefix: string): Promise<Store> {
  const store = { ...t.store, tables: tableNames(`${prefix}_`) };
  await ensureTables(store);
  return store;
}

const fast = { settleMs: 0, pauseMs: 0 };
const at = (day: number, hour = 10) => new Date(Date.UTC(2025, 0, day, hour)).toISOString();

const decide = (
  store: Store,
  id: string,
  version: number,
  outcome: 'fraud' | 'legitimate' | 'escalate',
  when: string,
) =>
  decideReview(store, {
    transactionId: id,
    version,
    outcome,
    reason: 'r',
    analyst: 'ann',
    now: new Date(when),
  });

/** A day's counters as a plain object, zeros left out. */
async function day(store: Store, d: string): Promise<Record<string, number>> {
  const [c] = (await readDayCounts(store, [d])).days;
  const out: Record<string, number> = {};
  if (c!.flagged) out.flagged = c!.flagged;
  for (const [s, n] of Object.entries(c!.counts)) if (n) out[s] = n;
  c!.hoursToDecision.forEach((n, k) => {
    if (n) out[ttdKey(k)] = n;
  });
  return out;
}

async function addRaw(store: Store, d: string, field: string, by: number): Promise<void> {
  await store.client.send(
    new UpdateItemCommand({
      TableName: store.tables.counters,
      Key: toItem({ counter_id: dayCounterId(d) }),
      UpdateExpression: 'ADD #f :d, #seq :one',
      ExpressionAttributeNames: { '#f': field, '#seq': 'seq' },
      ExpressionAttributeValues: toItem({ ':d': by, ':one': 1 }),
    }),
  );
}

describe('time-to-decision buckets', () => {
  test('every duration falls inside its bucket, buckets are ordered and at most 2^(1/4) wide', () => {
    for (const hours of [0, 0.001, 1 / 60, 0.05, 0.5, 1, 2, 3, 7.5, 24, 100, 1000, 5000]) {
      const k = ttdBucket(hours);
      const { lo, hi } = ttdBucketBounds(k);
      expect(hours).toBeGreaterThanOrEqual(lo);
      expect(hours).toBeLessThan(hi);
    }
    expect(ttdBucket(-3)).toBe(0);
    expect(ttdBucket(1e9)).toBe(TTD_BUCKETS - 1);
    for (let k = 1; k < TTD_BUCKETS - 1; k++) {
      const { lo, hi } = ttdBucketBounds(k);
      expect(hi / lo).toBeCloseTo(2 ** 0.25, 9);
      expect(ttdBucketBounds(k + 1).lo).toBe(hi);
    }
  });
});

describe('per-day counters', () => {
  test('creations, decisions, escalations and re-decisions move them; claims do not', async () => {
    const store = await tables('p1');
    await putReviewItem(store, review({ id: 'a', score: 0.9, at: at(1) }));
    await putReviewItem(store, review({ id: 'a', score: 0.9, at: at(1) })); // exists: nothing
    await putReviewItems(store, [
      review({ id: 'b', score: 0.8, at: at(1, 11) }),
      review({ id: 'c', score: 0.7, at: at(1, 12) }),
      review({ id: 'd', score: 0.6, at: at(2) }),
    ]);
    await putReviewItems(store, [review({ id: 'd', score: 0.6, at: at(2) })]); // exists: nothing
    expect(await day(store, '2025-01-01')).toEqual({ flagged: 3, open: 3 });
    expect(await day(store, '2025-01-02')).toEqual({ flagged: 1, open: 1 });

    // A claim and a release change the item but no counter.
    const claimed = await claimReview(store, { transactionId: 'a', version: 1, analyst: 'ann' });
    expect(claimed.ok).toBe(true);
    await releaseClaim(store, { transactionId: 'a', version: 2, analyst: 'ann' });
    expect(await day(store, '2025-01-01')).toEqual({ flagged: 3, open: 3 });

    await decide(store, 'a', 3, 'fraud', at(1, 12)); // 2 h after flagging
    await decide(store, 'b', 1, 'escalate', at(1, 12));
    const k2h = ttdKey(ttdBucket(2));
    expect(await day(store, '2025-01-01')).toEqual({ flagged: 3, open: 1, escalated: 1, fraud: 1, [k2h]: 1 });

    // The escalated item is decided: counted with its time to the final decision (11:00 → 19:00).
    await decide(store, 'b', 2, 'legitimate', at(1, 19));
    const k8h = ttdKey(ttdBucket(8));
    expect(await day(store, '2025-01-01')).toEqual({
      flagged: 3,
      open: 1,
      fraud: 1,
      legitimate: 1,
      [k2h]: 1,
      [k8h]: 1,
    });

    // Re-decided fraud → legitimate a day later: the status moves and so does its decision time.
    await decide(store, 'a', 4, 'legitimate', at(2, 10));
    const k24h = ttdKey(ttdBucket(24));
    expect(await day(store, '2025-01-01')).toEqual({
      flagged: 3,
      open: 1,
      legitimate: 2,
      [k8h]: 1,
      [k24h]: 1,
    });
    expect(await day(store, '2025-01-02')).toEqual({ flagged: 1, open: 1 });
    // The rebuild agrees with everything the writers added.
    expect(await rebuildDayCounts(store, fast)).toMatchObject({ items: 4, repaired: 0, complete: true });
  });

  test('a lost ADD is repaired by the rebuild, which then records rebuilt_at', async () => {
    const store = await tables('p2');
    await putReviewItems(
      store,
      Array.from({ length: 12 }, (_, i) => review({ id: `r${i}`, score: 0.5, at: at(1 + (i % 3)) })),
    );
    await decide(store, 'r0', 1, 'fraud', at(1, 13));
    expect((await readDayCounts(store, ['2025-01-01'])).rebuiltAt).toBeNull();
    // A lost ADD (the writer died), a replayed one, and a counter that vanished.
    await addRaw(store, '2025-01-01', 'fraud', -1);
    await addRaw(store, '2025-01-02', 'open', 2);
    await store.client.send(
      new DeleteItemCommand({
        TableName: store.tables.counters,
        Key: toItem({ counter_id: dayCounterId('2025-01-03') }),
      }),
    );
    await addRaw(store, '2025-01-09', 'flagged', 1); // a day with no item at all
    const result = await rebuildDayCounts(store, fast);
    expect(result).toMatchObject({ items: 12, days: 4, repaired: 4, stoodDown: 0, complete: true });
    expect(await day(store, '2025-01-01')).toEqual({
      flagged: 4,
      open: 3,
      fraud: 1,
      [ttdKey(ttdBucket(3))]: 1,
    });
    expect(await day(store, '2025-01-02')).toEqual({ flagged: 4, open: 4 });
    expect(await day(store, '2025-01-03')).toEqual({ flagged: 4, open: 4 });
    expect(await day(store, '2025-01-09')).toEqual({});
    expect((await readDayCounts(store, ['2025-01-01'])).rebuiltAt).not.toBeNull();
    // Writers keep adding on top of a rebuilt counter.
    await decide(store, 'r1', 1, 'legitimate', at(2, 11));
    expect(await day(store, '2025-01-02')).toEqual({
      flagged: 4,
      open: 3,
      legitimate: 1,
      [ttdKey(ttdBucket(1))]: 1,
    });
    expect(await rebuildDayCounts(store, fast)).toMatchObject({ repaired: 0, complete: true });
  });

  test('a day written while the rebuild scans stands down; the next run repairs it', async () => {
    const store = await tables('p3');
    await putReviewItems(
      store,
      Array.from({ length: 8 }, (_, i) => review({ id: `s${i}`, score: 0.5, at: at(1 + (i % 2)) })),
    );
    await addRaw(store, '2025-01-01', 'open', 5);
    await addRaw(store, '2025-01-02', 'open', 5);
    let write: Promise<unknown> | null = null;
    const result = await rebuildDayCounts(store, {
      pageSize: 1,
      pauseMs: 30,
      settleMs: 50,
      // A hook between pages: a decision on day 1 lands while the scan runs.
      shouldStop: () => {
        write ??= decide(store, 's0', 1, 'fraud', at(1, 12));
        return false;
      },
    });
    await write;
    expect(result).toMatchObject({ items: 8, repaired: 1, stoodDown: 1, complete: false });
    expect(await day(store, '2025-01-02')).toEqual({ flagged: 4, open: 4 });
    expect((await day(store, '2025-01-01')).open).toBe(3 + 5); // untouched: its drift is still there
    expect((await readDayCounts(store, ['2025-01-01'])).rebuiltAt).toBeNull();
    expect(await rebuildDayCounts(store, fast)).toMatchObject({ repaired: 1, complete: true });
    // Now that every day was checked once, a day written during a later scan does not undo that.
    let later: Promise<unknown> | null = null;
    const again = await rebuildDayCounts(store, {
      pageSize: 1,
      pauseMs: 30,
      settleMs: 50,
      shouldStop: () => {
        later ??= decide(store, 's2', 1, 'fraud', at(1, 12));
        return false;
      },
    });
    await later;
    expect(again).toMatchObject({ repaired: 0, stoodDown: 1, complete: true });
    expect(await day(store, '2025-01-01')).toEqual({
      flagged: 4,
      open: 2,
      fraud: 2,
      [ttdKey(ttdBucket(2))]: 2,
    });
  });

  test('a rebuild past its item budget or told to stop changes nothing', async () => {
    const store = await tables('p4');
    await putReviewItems(
      store,
      Array.from({ length: 6 }, (_, i) => review({ id: `m${i}`, score: 0.5 })),
    );
    await addRaw(store, '2025-01-01', 'open', 9);
    expect(await rebuildDayCounts(store, { ...fast, pageSize: 2, maxItems: 3 })).toMatchObject({
      abandoned: true,
      complete: false,
      repaired: 0,
    });
    expect(await rebuildDayCounts(store, { ...fast, shouldStop: () => true })).toMatchObject({
      abandoned: true,
    });
    expect((await day(store, '2025-01-01')).open).toBe(15);
  });

  test('startCountRepair rebuilds the day counters after the recount, once per day interval, across restarts', async () => {
    const store = await tables('p5');
    await putReviewItems(
      store,
      Array.from({ length: 5 }, (_, i) => review({ id: `q${i}`, score: 0.5 })),
    );
    await addRaw(store, '2025-01-01', 'open', -2);
    const runs: DayRebuildResult[] = [];
    const repair = startCountRepair(store, {
      settleMs: 0,
      intervalMs: 30,
      days: { pauseMs: 0 },
      onDays: (r) => runs.push(r),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await repair.stop();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ repaired: 1, complete: true });
    expect(await day(store, '2025-01-01')).toEqual({ flagged: 5, open: 5 });

    // A process started right after that complete rebuild (a console restart) does not rescan.
    const again: DayRebuildResult[] = [];
    const restarted = startCountRepair(store, {
      settleMs: 0,
      intervalMs: 30,
      days: { pauseMs: 0 },
      onDays: (r) => again.push(r),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await restarted.stop();
    expect(again).toHaveLength(0);
  });

  test('reads more than 100 days in BatchGets of at most 100 keys', async () => {
    const store = await tables('p6');
    const n = 150;
    await putReviewItems(
      store,
      Array.from({ length: n }, (_, i) => review({ id: `b${i}`, score: 0.5, at: at(1 + i) })),
    );
    await rebuildDayCounts(store, fast);
    const days = Array.from({ length: n + 10 }, (_, i) =>
      new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const sent: number[] = [];
    const send = store.client.send.bind(store.client);
    const counting = {
      ...store,
      client: Object.assign(Object.create(store.client) as typeof store.client, {
        send: (command: Parameters<typeof send>[0], ...rest: unknown[]) => {
          if (command instanceof BatchGetItemCommand)
            sent.push(Object.values(command.input.RequestItems ?? {})[0]!.Keys!.length);
          return (send as (...a: unknown[]) => unknown)(command, ...rest);
        },
      }),
    } as Store;
    const read = await readDayCounts(counting, days);
    expect(read.requests).toBe(2);
    expect(sent.every((k) => k <= 100)).toBe(true);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(n + 10 + 1); // the days and the rebuild record
    expect(read.days.map((d) => d.day)).toEqual(days);
    expect(read.days.reduce((a, d) => a + d.flagged, 0)).toBe(n);
    expect(read.days.slice(n).every((d) => d.flagged === 0)).toBe(true);
    expect(read.rebuiltAt).not.toBeNull();
  });
});
