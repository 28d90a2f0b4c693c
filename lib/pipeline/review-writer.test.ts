import { afterAll, beforeAll, expect, test } from 'vitest';

import { getReviewItem } from '@/lib/store';
import { createStore } from '@/lib/store/client';
import { review, startTestStore, type TestStore } from '@/lib/store/test-support';

import { ReviewWriter } from './review-writer';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore('rw_');
});
afterAll(async () => t.close());

const reviews = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => review({ id: `${prefix}-${i}`, score: 0.9 }));

test('writes full batches while reviews arrive and the remainder on close, with ordered progress', async () => {
  const events: { created: number; done: number; of: number | null }[] = [];
  const writer = new ReviewWriter({
    store: t.store,
    batch: 3,
    onBatch: async (p) => {
      events.push(p);
      await new Promise((resolve) => setTimeout(resolve, 5)); // a slow handler keeps the order
    },
  });
  writer.push(reviews('a', 2)); // not a full batch: waits
  writer.push(reviews('b', 5)); // 7 queued: two batches of 3 start
  for (let i = 0; i < 200 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
  await writer.close(); // the last one
  expect(events.map((e) => e.done)).toEqual([3, 6, 7]);
  expect(events.at(-1)).toEqual({ created: 1, done: 7, of: 7 });
  expect(events.slice(0, 2).every((e) => e.of === null)).toBe(true);
  expect(writer.created).toBe(7);
  expect(await getReviewItem(t.store, { transactionId: 'b-4' })).toMatchObject({ status: 'open' });

  // The same reviews again: nothing new, every batch still reported.
  const again = new ReviewWriter({ store: t.store, batch: 3 });
  again.push([...reviews('a', 2), ...reviews('b', 5)]);
  await again.close();
  expect(again.created).toBe(0);
});

test('when every batch is done before close, close reports the total in one more event', async () => {
  const events: { created: number; done: number; of: number | null }[] = [];
  const writer = new ReviewWriter({ store: t.store, batch: 2, onBatch: (p) => void events.push(p) });
  writer.push(reviews('f', 4));
  for (let i = 0; i < 200 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
  await writer.close();
  expect(events).toEqual([
    { created: 2, done: 2, of: null },
    { created: 2, done: 4, of: null },
    { created: 0, done: 4, of: 4 },
  ]);
});

test('a failed write stops the writer: push and close report the error', async () => {
  // Tables that were never created: every write fails.
  const missing = createStore({
    connection: { kind: 'embedded', endpoint: t.endpoint },
    tablePrefix: 'none_',
  });
  const writer = new ReviewWriter({ store: missing, batch: 2 });
  writer.push(reviews('c', 2));
  await expect(writer.close()).rejects.toThrow(/non-existent table|not found|ResourceNotFound/i);
  expect(() => writer.push(reviews('d', 1))).toThrow();
  missing.client.destroy();
});

test('abandon drops what is queued and waits for the batches in flight', async () => {
  const writer = new ReviewWriter({ store: t.store, batch: 2, inFlight: 1 });
  writer.push(reviews('e', 6)); // one batch in flight, four queued
  await writer.abandon();
  expect(writer.created).toBe(2);
  expect(await getReviewItem(t.store, { transactionId: 'e-5' })).toBeNull();
});
