import {
  DeleteItemCommand,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import {
  BatchIncompleteError,
  countReviewsByStatus,
  createStore,
  decideReview,
  ensureTables,
  getReviewCounts,
  getReviewItem,
  listAuditEvents,
  putReviewItem,
  putReviewItems,
  ReviewTooLargeError,
  tableNames,
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

async function trail(store: Store, id: string): Promise<string[]> {
  const page = await listAuditEvents(store, { itemId: id, limit: 100 });
  return page.items.map((e) => `${e.event_id} ${e.action}`).reverse();
}

const specs = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    review({ id: `${prefix}${String(i).padStart(4, '0')}`, score: 0.5 + (i % 50) / 100 }),
  );

/**
 * A client on the same dynalite whose BatchWriteItem sends only the first `keep(n)` of n puts and
 * reports the rest as unprocessed, the way DynamoDB does under throttling.
 */
function throttled(store: Store, keep: (n: number) => number): Store {
  const s = createStore({ connection: { kind: 'embedded', endpoint: t.endpoint }, tablePrefix: 'unused' });
  s.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'BatchWriteItemCommand') return next(args);
      const input = args.input as BatchWriteItemCommandInput;
      const [table, requests] = Object.entries(input.RequestItems ?? {})[0]!;
      const n = keep(requests.length);
      const result = await next({
        ...args,
        input: { ...input, RequestItems: { [table]: requests.slice(0, n) } },
      });
      const output = result.output as BatchWriteItemCommandOutput;
      output.UnprocessedItems = requests.length > n ? { [table]: requests.slice(n) } : {};
      return result;
    },
    { step: 'initialize', name: 'dropSomePuts' },
  );
  return { client: s.client, tables: store.tables };
}

describe('putReviewItems', () => {
  test('creates every item with its flagged event, the same item putReviewItem would write', async () => {
    const store = await tables('b1');
    const inputs = specs('b', 230);
    const progress: number[] = [];
    const out = await putReviewItems(store, inputs, { onProgress: (p) => progress.push(p.done) });
    expect(out.created).toEqual(inputs.map(() => true));
    expect(progress.at(-1)).toBe(230);
    expect((await countReviewsByStatus(store)).open).toBe(230);

    const single = await tables('b1s');
    await putReviewItem(single, inputs[7]!);
    expect(await getReviewItem(store, { transactionId: 'b0007' })).toEqual(
      await getReviewItem(single, { transactionId: 'b0007' }),
    );
    for (const id of ['b0000', 'b0099', 'b0100', 'b0229'])
      expect(await trail(store, id)).toEqual([`${id}#v1 flagged`]);
    const flagged = await listAuditEvents(store, { action: 'flagged', limit: 500 });
    expect(flagged.items).toHaveLength(230);
  });

  test('is idempotent and never overwrites an existing item, whatever its version', async () => {
    const store = await tables('b2');
    const inputs = specs('i', 60);
    await putReviewItems(store, inputs.slice(0, 40));
    const decided = await decideReview(store, {
      transactionId: 'i0003',
      version: 1,
      outcome: 'fraud',
      reason: 'stolen_card',
      analyst: 'ann',
    });
    // Re-run over all 60, with a different score that must not reach the existing items.
    const again = await putReviewItems(
      store,
      inputs.map((r) => ({ ...r, score: 0.01 })),
    );
    expect(again.created).toEqual(inputs.map((_, i) => i >= 40));
    expect(await getReviewItem(store, { transactionId: 'i0003' })).toEqual(decided.item);
    expect((await getReviewItem(store, { transactionId: 'i0010' }))?.score).toBe(inputs[10]!.score);
    expect((await getReviewItem(store, { transactionId: 'i0050' }))?.score).toBe(0.01);
    expect(await trail(store, 'i0003')).toEqual(['i0003#v1 flagged', 'i0003#v2 decided']);
    expect(await countReviewsByStatus(store)).toEqual({ open: 59, escalated: 0, fraud: 1, legitimate: 0 });
    expect((await putReviewItems(store, inputs)).created.every((c) => !c)).toBe(true);
  });

  test('an id repeated in the input is created once, by its first occurrence', async () => {
    const store = await tables('b3');
    const a = review({ id: 'dup', score: 0.7 });
    const inputs = [a, ...specs('d', 150), { ...a, score: 0.9 }];
    const out = await putReviewItems(store, inputs);
    expect(out.created[0]).toBe(true);
    expect(out.created.at(-1)).toBe(false);
    expect((await getReviewItem(store, { transactionId: 'dup' }))?.score).toBe(0.7);
    expect((await getReviewCounts(store, { settleMs: 0 })).counts.open).toBe(151);
  });

  test('a re-run heals flagged events lost between the item writes and the event writes', async () => {
    const store = await tables('b4');
    const inputs = specs('h', 120);
    await putReviewItems(store, inputs);
    // The crash: items written, some events never were.
    for (const id of ['h0000', 'h0042', 'h0119']) {
      await store.client.send(
        new DeleteItemCommand({ TableName: store.tables.audit, Key: toItem({ event_id: `${id}#v1` }) }),
      );
    }
    const decided = await decideReview(store, {
      transactionId: 'h0042',
      version: 1,
      outcome: 'legitimate',
      reason: 'customer_confirmed',
      analyst: 'ann',
    });
    // The decision's own heal already put h0042#v1 back; delete its v2 event to test the latest one.
    await store.client.send(
      new DeleteItemCommand({ TableName: store.tables.audit, Key: toItem({ event_id: 'h0042#v2' }) }),
    );
    expect(await trail(store, 'h0000')).toEqual([]);
    const again = await putReviewItems(store, inputs);
    expect(again.created.some((c) => c)).toBe(false);
    expect(await trail(store, 'h0000')).toEqual(['h0000#v1 flagged']);
    expect(await trail(store, 'h0119')).toEqual(['h0119#v1 flagged']);
    expect(await trail(store, 'h0042')).toEqual(['h0042#v1 flagged', 'h0042#v2 decided']);
    expect(decided.item.version).toBe(2);
  });

  test('unprocessed puts are retried until written', async () => {
    const store = await tables('b5');
    const slow = throttled(store, (n) => Math.min(n, 3));
    const inputs = specs('u', 80);
    const out = await putReviewItems(slow, inputs, {
      retry: { maxAttempts: 20, baseDelayMs: 1, maxDelayMs: 5 },
    });
    expect(out.created.every(Boolean)).toBe(true);
    expect(await countReviewsByStatus(store)).toMatchObject({ open: 80 });
    expect((await listAuditEvents(store, { action: 'flagged', limit: 500 })).items).toHaveLength(80);
    slow.client.destroy();
  });

  test('after bounded attempts it gives up with BatchIncompleteError; a re-run completes the trail', async () => {
    const store = await tables('b6');
    const stuck = throttled(store, (n) => Math.min(n, 10));
    const inputs = specs('s', 25);
    await expect(
      putReviewItems(stuck, inputs, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } }),
    ).rejects.toThrow(BatchIncompleteError);
    stuck.client.destroy();
    // 20 of 25 items got written (10 per attempt), and none of their events: items come first.
    expect((await countReviewsByStatus(store)).open).toBe(20);
    expect((await listAuditEvents(store, { action: 'flagged', limit: 500 })).items).toHaveLength(0);
    const again = await putReviewItems(store, inputs);
    expect(again.created.filter(Boolean)).toHaveLength(5);
    expect((await listAuditEvents(store, { action: 'flagged', limit: 500 })).items).toHaveLength(25);
  });

  test('an item over the size limit is refused before its chunk writes anything', async () => {
    const store = await tables('b7');
    const big = review({ id: 'big', score: 0.9 });
    big.features = Array.from({ length: 40_000 }, (_, i) => i + 0.123456789);
    await expect(putReviewItems(store, [review({ id: 'ok', score: 0.6 }), big])).rejects.toThrow(
      ReviewTooLargeError,
    );
    expect(await getReviewItem(store, { transactionId: 'ok' })).toBeNull();
  });

  test('an empty input is a no-op', async () => {
    const store = await tables('b8');
    expect(await putReviewItems(store, [])).toEqual({ created: [] });
  });
});
