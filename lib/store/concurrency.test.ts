import { DeleteItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import {
  claimNext,
  claimReview,
  decideReview,
  getReviewItem,
  listAuditEvents,
  listQueue,
  NotClaimHolderError,
  putReviewItem,
  releaseClaim,
  ReviewConflictError,
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

/** Each test works in its own tables so counts stay exact. */
async function tables(prefix: string): Promise<Store> {
  const { ensureTables } = await import('./tables');
  const store = {
    ...t.store,
    tables: tableNames(`${prefix}_`),
  };
  await ensureTables(store);
  return store;
}

async function trail(store: Store, id: string): Promise<string[]> {
  const page = await listAuditEvents(store, { itemId: id, limit: 500 });
  return page.items.map((e) => `${e.event_id} ${e.action} ${e.actor}`).reverse();
}

const T0 = new Date('2025-03-01T09:00:00.000Z');

describe('claims', () => {
  test('20 analysts call claimNext at once over 10 items: 10 distinct claims, 10 get nothing', async () => {
    const store = await tables('c1');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        putReviewItem(store, review({ id: `c${i}`, score: 0.5 + i / 100 })),
      ),
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        claimNext(store, { analyst: `analyst-${i}`, claimMs: 60_000, now: T0 }),
      ),
    );
    const claimed = results.filter((r) => r !== null);
    expect(claimed).toHaveLength(10);
    expect(new Set(claimed.map((r) => r.transaction_id)).size).toBe(10);
    expect(new Set(claimed.map((r) => r.assignee)).size).toBe(10);
    for (const r of claimed) {
      const stored = await getReviewItem(store, { transactionId: r.transaction_id });
      expect(stored).toMatchObject({
        assignee: r.assignee,
        version: 2,
        claim_expires_at: '2025-03-01T09:01:00.000Z',
      });
      expect(await trail(store, r.transaction_id)).toEqual([
        `${r.transaction_id}#v1 flagged pipeline`,
        `${r.transaction_id}#v2 claimed ${r.assignee}`,
      ]);
    }
    const unassigned = await listQueue(store, { status: 'open', filters: { assignee: null }, now: T0 });
    expect(unassigned.items).toEqual([]);
  });

  test('claimNext takes the highest score first, and an expired claim can be taken over', async () => {
    const store = await tables('c2');
    await putReviewItem(store, review({ id: 'hi', score: 0.9 }));
    await putReviewItem(store, review({ id: 'lo', score: 0.6 }));
    const first = await claimNext(store, { analyst: 'ann', claimMs: 60_000, now: T0 });
    expect(first?.transaction_id).toBe('hi');
    const second = await claimNext(store, { analyst: 'bob', claimMs: 60_000, now: T0 });
    expect(second?.transaction_id).toBe('lo');
    expect(
      await claimNext(store, { analyst: 'cat', claimMs: 60_000, now: new Date(T0.getTime() + 59_000) }),
    ).toBeNull();
    // Past ann's expiry: cat takes over the highest-score item.
    const later = new Date(T0.getTime() + 61_000);
    const takeover = await claimNext(store, { analyst: 'cat', claimMs: 60_000, now: later });
    expect(takeover).toMatchObject({ transaction_id: 'hi', assignee: 'cat', version: 3 });
    // ann's claim is gone: she can no longer release it.
    await expect(
      releaseClaim(store, { transactionId: 'hi', version: 3, analyst: 'ann', now: later }),
    ).rejects.toThrow(NotClaimHolderError);
    const released = await releaseClaim(store, {
      transactionId: 'hi',
      version: 3,
      analyst: 'cat',
      now: later,
    });
    expect(released.assignee).toBeUndefined();
    expect(await trail(store, 'hi')).toEqual([
      'hi#v1 flagged pipeline',
      'hi#v2 claimed ann',
      'hi#v3 claimed cat',
      'hi#v4 released cat',
    ]);
  });

  test('claimNext honours queue filters', async () => {
    const store = await tables('c3');
    await putReviewItem(store, review({ id: 'web', score: 0.7, channel: 'ecommerce' }));
    await putReviewItem(store, review({ id: 'pos', score: 0.9, channel: 'chip' }));
    const got = await claimNext(store, { analyst: 'ann', filters: { channel: 'ecommerce' }, now: T0 });
    expect(got?.transaction_id).toBe('web');
  });
});

describe('decisions', () => {
  test('20 concurrent decisions at the same version: one wins, 19 conflicts naming the winner', async () => {
    const store = await tables('d1');
    await putReviewItem(store, review({ id: 'x', score: 0.8 }));
    const outcomes = ['fraud', 'legitimate', 'escalate'] as const;
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        decideReview(store, {
          transactionId: 'x',
          version: 1,
          outcome: outcomes[i % 3]!,
          reason: 'test_reason',
          note: `from ${i}`,
          analyst: `analyst-${i}`,
          requestId: `req-${i}`,
          now: new Date(T0.getTime() + i),
        }),
      ),
    );
    const won = settled.filter((s) => s.status === 'fulfilled');
    const lost = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    const item = await getReviewItem(store, { transactionId: 'x' });
    expect(item?.version).toBe(2);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(ReviewConflictError);
      const c = l.reason as ReviewConflictError;
      expect(c.expectedVersion).toBe(1);
      expect(c.current).toMatchObject({
        version: 2,
        updated_by: item?.decision?.analyst,
        updated_at: item?.decision?.at,
        last_action: 'decided',
      });
    }
    expect(await trail(store, 'x')).toEqual([
      'x#v1 flagged pipeline',
      `x#v2 decided ${item?.decision?.analyst}`,
    ]);
  });

  test('a stale form conflicts; a retried submit with the same request id is recognised, even after later changes', async () => {
    const store = await tables('d2');
    await putReviewItem(store, review({ id: 'y', score: 0.8 }));
    const claim = await claimReview(store, { transactionId: 'y', version: 1, analyst: 'ann', now: T0 });
    expect(claim.ok).toBe(true);
    // bob's form was rendered at version 1, before ann's claim.
    const stale = decideReview(store, {
      transactionId: 'y',
      version: 1,
      outcome: 'fraud',
      reason: 'r',
      analyst: 'bob',
      now: T0,
    });
    await expect(stale).rejects.toMatchObject({
      name: 'ReviewConflictError',
      current: { version: 2, updated_by: 'ann', last_action: 'claimed' },
    });

    const first = await decideReview(store, {
      transactionId: 'y',
      version: 2,
      outcome: 'escalate',
      reason: 'needs_review',
      analyst: 'ann',
      requestId: 'r1',
      now: T0,
    });
    expect(first).toMatchObject({
      replayed: false,
      item: { status: 'escalated', version: 3, decision: { outcome: 'escalate' } },
    });
    expect(first.item.assignee).toBeUndefined();
    const again = await decideReview(store, {
      transactionId: 'y',
      version: 2,
      outcome: 'escalate',
      reason: 'needs_review',
      analyst: 'ann',
      requestId: 'r1',
      now: T0,
    });
    expect(again.replayed).toBe(true);
    await decideReview(store, {
      transactionId: 'y',
      version: 3,
      outcome: 'fraud',
      reason: 'stolen_card',
      analyst: 'mgr',
      now: T0,
    });
    const late = await decideReview(store, {
      transactionId: 'y',
      version: 2,
      outcome: 'escalate',
      reason: 'needs_review',
      analyst: 'ann',
      requestId: 'r1',
      now: T0,
    });
    expect(late).toMatchObject({ replayed: true, item: { version: 4, status: 'fraud' } });
    expect(await trail(store, 'y')).toEqual([
      'y#v1 flagged pipeline',
      'y#v2 claimed ann',
      'y#v3 decided ann',
      'y#v4 decided mgr',
    ]);
  });

  test('a writer that died between the item write and the event write leaves no gap', async () => {
    const store = await tables('d3');
    await putReviewItem(store, review({ id: 'z', score: 0.8 }));
    // Simulate the crash: the flagged event never reached the audit table.
    await store.client.send(
      new DeleteItemCommand({ TableName: store.tables.audit, Key: toItem({ event_id: 'z#v1' }) }),
    );
    expect(await trail(store, 'z')).toEqual([]);
    // Re-ingesting the same transaction (what the pipeline does after a crash) heals it…
    expect(await putReviewItem(store, review({ id: 'z', score: 0.8 }))).toEqual({ created: false });
    expect(await trail(store, 'z')).toEqual(['z#v1 flagged pipeline']);
    // …and so does the next change: it re-appends the previous change's event from the item.
    const d = await decideReview(store, {
      transactionId: 'z',
      version: 1,
      outcome: 'legitimate',
      reason: 'customer_confirmed',
      analyst: 'ann',
      now: T0,
    });
    await store.client.send(
      new DeleteItemCommand({ TableName: store.tables.audit, Key: toItem({ event_id: 'z#v2' }) }),
    );
    await decideReview(store, {
      transactionId: 'z',
      version: d.item.version,
      outcome: 'fraud',
      reason: 'chargeback',
      analyst: 'mgr',
      now: T0,
    });
    expect(await trail(store, 'z')).toEqual([
      'z#v1 flagged pipeline',
      'z#v2 decided ann',
      'z#v3 decided mgr',
    ]);
  });

  test('deciding a missing item says so', async () => {
    const store = await tables('d4');
    await expect(
      decideReview(store, {
        transactionId: 'ghost',
        version: 1,
        outcome: 'fraud',
        reason: 'r',
        analyst: 'a',
      }),
    ).rejects.toMatchObject({
      name: 'ReviewNotFoundError',
    });
    // An item can also be changed behind our back outside the store API; the version check still holds.
    await putReviewItem(store, review({ id: 'w', score: 0.8 }));
    await store.client.send(
      new UpdateItemCommand({
        TableName: store.tables.reviews,
        Key: toItem({ transaction_id: 'w' }),
        UpdateExpression: 'SET version = :v',
        ExpressionAttributeValues: toItem({ ':v': 7 }),
      }),
    );
    await expect(
      decideReview(store, { transactionId: 'w', version: 1, outcome: 'fraud', reason: 'r', analyst: 'a' }),
    ).rejects.toThrow(ReviewConflictError);
  });
});
