import { DeleteItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import {
  claimReview,
  countReviewsByStatus,
  decideReview,
  ensureTables,
  getReviewCounts,
  listQueue,
  putReviewItem,
  putReviewItems,
  recountReviews,
  startCountRepair,
  tableNames,
  type RecountResult,
  type Store,
} from './index';
import { toItem } from './marshal';
import { review, startTestStore, type TestStore } from './test-support';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(async () => t.close());

async function tables(prefix: string): Promise<Store> {
  const store = { ...t.store, tables: tableNames(`${prefix}_`) };
  await ensureTables(store);
  return store;
}

const fast = { settleMs: 0 };
const inputs = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => review({ id: `${prefix}${i}`, score: 0.5 + (i % 40) / 100 }));

/** An ADD with no item change behind it, as when an ADD is replayed after a lost response. */
async function skew(store: Store, status: string, by: number): Promise<void> {
  await store.client.send(
    new UpdateItemCommand({
      TableName: store.tables.counters,
      Key: toItem({ counter_id: 'review_status' }),
      UpdateExpression: 'ADD #s :d, #seq :one SET #at = :at',
      ExpressionAttributeNames: { '#s': status, '#seq': 'seq', '#at': 'updated_at' },
      ExpressionAttributeValues: toItem({ ':d': by, ':one': 1, ':at': new Date().toISOString() }),
    }),
  );
}

describe('review counts', () => {
  test('a fresh store is counted once, then read from the counters', async () => {
    const store = await tables('n1');
    const first = await getReviewCounts(store, fast);
    expect(first).toMatchObject({
      source: 'recount',
      counts: { open: 0, escalated: 0, fraud: 0, legitimate: 0 },
    });
    expect(first.recountedAt).not.toBeNull();
    const second = await getReviewCounts(store, fast);
    expect(second).toMatchObject({ source: 'counters', recountedAt: first.recountedAt });
  });

  test('creations and decisions move the counters; claims do not', async () => {
    const store = await tables('n2');
    await getReviewCounts(store, fast);
    await Promise.all(inputs('p', 5).map((r) => putReviewItem(store, r)));
    await putReviewItems(store, inputs('q', 130));
    await putReviewItems(store, inputs('q', 130)); // nothing new: no counts either
    await putReviewItem(store, inputs('p', 1)[0]!);
    expect((await getReviewCounts(store)).counts).toEqual({
      open: 135,
      escalated: 0,
      fraud: 0,
      legitimate: 0,
    });

    const claimed = await claimReview(store, { transactionId: 'p0', version: 1, analyst: 'ann' });
    expect(claimed.ok).toBe(true);
    const outcomes = ['fraud', 'legitimate', 'escalate', 'fraud'] as const;
    await Promise.all(
      outcomes.map((outcome, i) =>
        decideReview(store, {
          transactionId: `q${i}`,
          version: 1,
          outcome,
          reason: 'r',
          analyst: 'ann',
        }),
      ),
    );
    // A replayed decision (same request id) is not counted twice.
    const decide = {
      transactionId: 'q10',
      version: 1,
      outcome: 'fraud',
      reason: 'r',
      analyst: 'ann',
      requestId: 'x',
    } as const;
    await decideReview(store, decide);
    expect((await decideReview(store, decide)).replayed).toBe(true);
    // The escalated item is decided again by a manager.
    await decideReview(store, {
      transactionId: 'q2',
      version: 2,
      outcome: 'legitimate',
      reason: 'r',
      analyst: 'mgr',
    });

    const expected = { open: 130, escalated: 0, fraud: 3, legitimate: 2 };
    expect((await getReviewCounts(store)).counts).toEqual(expected);
    expect(await countReviewsByStatus(store)).toEqual(expected);
  });

  test('a recount repairs drift; counts below zero show as 0 until then', async () => {
    const store = await tables('n3');
    await putReviewItems(store, inputs('r', 30));
    await recountReviews(store, fast);
    await skew(store, 'open', -2);
    await skew(store, 'fraud', -5);
    expect((await getReviewCounts(store)).counts).toEqual({
      open: 28,
      escalated: 0,
      fraud: 0,
      legitimate: 0,
    });
    const repair = await recountReviews(store, fast);
    expect(repair).toMatchObject({
      repaired: true,
      drift: { open: 2, fraud: 5, escalated: 0, legitimate: 0 },
    });
    expect((await getReviewCounts(store)).counts).toEqual({
      open: 30,
      escalated: 0,
      fraud: 0,
      legitimate: 0,
    });
  });

  test('a store from before the counters existed is recounted on first read', async () => {
    const store = await tables('n4');
    await putReviewItems(store, inputs('o', 12));
    await store.client.send(
      new DeleteItemCommand({
        TableName: store.tables.counters,
        Key: toItem({ counter_id: 'review_status' }),
      }),
    );
    expect(await getReviewCounts(store, fast)).toMatchObject({ source: 'recount', counts: { open: 12 } });
    expect(await getReviewCounts(store, fast)).toMatchObject({ source: 'counters', counts: { open: 12 } });
  });

  test('counters written by ADDs alone (never reconciled) are not trusted', async () => {
    const store = await tables('n5');
    await putReviewItems(store, inputs('a', 4));
    await skew(store, 'open', 100);
    expect(await getReviewCounts(store, fast)).toMatchObject({ source: 'recount', counts: { open: 4 } });
  });

  test('a write that lands while counting makes the recount stand down, not guess', async () => {
    const store = await tables('n6');
    await putReviewItems(store, inputs('w', 10));
    await recountReviews(store, fast);
    await skew(store, 'open', 3);
    await new Promise((resolve) => setTimeout(resolve, 450)); // quiet before the count
    const racing = recountReviews(store, { settleMs: 400, maxAttempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await putReviewItem(store, review({ id: 'late', score: 0.9 }));
    const result = await racing;
    expect(result.repaired).toBe(false);
    // Left alone: the 3 of drift plus the new item's ADD.
    expect((await getReviewCounts(store)).counts.open).toBe(14);
    expect(await recountReviews(store, fast)).toMatchObject({ repaired: true, drift: { open: -3 } });
    expect((await getReviewCounts(store)).counts.open).toBe(11);
  });

  test('a counter written just before the recount is not trusted until it has been quiet', async () => {
    const store = await tables('n10');
    await putReviewItems(store, inputs('k', 8));
    await recountReviews(store, fast);
    await skew(store, 'open', 5);
    const once = await recountReviews(store, { settleMs: 300, maxAttempts: 1 });
    expect(once).toMatchObject({ repaired: false, counted: { open: 8 } });
    await skew(store, 'open', 5);
    const twice = await recountReviews(store, { settleMs: 300, maxAttempts: 2 });
    expect(twice).toMatchObject({ repaired: true, attempts: 2, counted: { open: 8 }, drift: { open: -10 } });
  });

  test('two recounts at once: both succeed or one stands down, and the result is exact', async () => {
    const store = await tables('n7');
    await putReviewItems(store, inputs('c', 20));
    await skew(store, 'open', 7);
    const results = await Promise.all([recountReviews(store, fast), recountReviews(store, fast)]);
    expect(results.some((r) => r.repaired)).toBe(true);
    expect((await getReviewCounts(store)).counts.open).toBe(20);
  });

  test('startCountRepair recounts now and on its interval until stopped', async () => {
    const store = await tables('n8');
    await putReviewItems(store, inputs('s', 5));
    const results: RecountResult[] = [];
    const repair = startCountRepair(store, { ...fast, intervalMs: 50, onResult: (r) => results.push(r) });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await repair.stop();
    const seen = results.length;
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(results.every((r) => r.repaired && r.counted.open === 5)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(results.length).toBe(seen);
  });
});

describe('queue: flaggedBefore', () => {
  test('keeps items flagged strictly before the cutoff, in both orders', async () => {
    const store = await tables('n9');
    await putReviewItems(
      store,
      Array.from({ length: 20 }, (_, i) =>
        review({
          id: `f${i}`,
          score: ((i * 7) % 20) / 20,
          flaggedAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
        }),
      ),
    );
    const cutoff = '2025-01-11T00:00:00.000Z';
    for (const order of ['age', 'score'] as const) {
      const page = await listQueue(store, {
        status: 'open',
        order,
        filters: { flaggedBefore: cutoff },
        limit: 100,
      });
      expect(page.items.map((i) => i.transaction_id).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `f${i}`).sort(),
      );
    }
  });
});
