import {
  DeleteTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { InvalidCursorError } from './errors';
import {
  countReviewsByStatus,
  ensureTables,
  getReviewItem,
  listAuditEvents,
  listCardReviews,
  listQueue,
  listTerminalReviews,
  putReviewItem,
  tableNames,
  type QueueQuery,
  type ReviewSummary,
} from './index';
import { toItem } from './marshal';
import { decodeExplain, encodeExplain } from './stored';
import { review, startTestStore, type ReviewSpec, type TestStore } from './test-support';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(async () => t.close());

describe('tables', () => {
  test('ensureTables is idempotent, also when called concurrently', async () => {
    await Promise.all([ensureTables(t.store), ensureTables(t.store), ensureTables(t.store)]);
    const out = await t.store.client.send(new ListTablesCommand({}));
    expect(out.TableNames?.filter((n) => n.startsWith('t_')).sort()).toEqual([
      't_alerts',
      't_audit',
      't_counters',
      't_reviews',
    ]);
  });

  test('a fresh prefix gets its own tables', async () => {
    const other = { ...t.store, tables: tableNames('x_') };
    await ensureTables(other);
    await ensureTables(other);
    await Promise.all(
      Object.values(other.tables).map((TableName) =>
        t.store.client.send(new DeleteTableCommand({ TableName })),
      ),
    );
  });
});

describe('review items', () => {
  test('putting the same transaction twice stores one item and one flagged event', async () => {
    const input = review({ id: 'dup-1', score: 0.8 });
    expect(await putReviewItem(t.store, input)).toEqual({ created: true });
    expect(await putReviewItem(t.store, { ...input, score: 0.99 })).toEqual({ created: false });
    const item = await getReviewItem(t.store, { transactionId: 'dup-1' });
    expect(item).toMatchObject({
      transaction_id: 'dup-1',
      score: 0.8,
      status: 'open',
      version: 1,
      last_action: 'flagged',
    });
    expect(item?.context).toEqual(input.context);
    expect(item?.attributions).toEqual(input.attributions);
    expect(item?.tx).toEqual(input.transaction);
    const trail = await listAuditEvents(t.store, { itemId: 'dup-1' });
    expect(trail.items.map((e) => e.event_id)).toEqual(['dup-1#v1']);
  });

  test('features and attributions are stored as exact float64s, and items written before are still read', async () => {
    const input = review({ id: 'f64-1', score: 0.8 });
    input.features = [0.1 + 0.2, -1e-300, 123456.789, 7];
    input.attributions = { bias: -3.0000000000000004, phi: [1 / 3, -2 / 3, 0, 5e-9] };
    await putReviewItem(t.store, input);
    const raw = await t.store.client.send(
      new GetItemCommand({ TableName: t.store.tables.reviews, Key: toItem({ transaction_id: 'f64-1' }) }),
    );
    expect(raw.Item?.features).toBeUndefined();
    expect(raw.Item?.attributions).toBeUndefined();
    expect(raw.Item?.explain_f64?.B?.byteLength).toBe(8 * (3 + 4 + 4));
    const item = await getReviewItem(t.store, { transactionId: 'f64-1' });
    expect(item?.features).toEqual(input.features);
    expect(item?.attributions).toEqual(input.attributions);

    // The layout before explain_f64: a number list and a map.
    const { explain_f64: _explain, ...rest } = raw.Item!;
    await t.store.client.send(
      new PutItemCommand({
        TableName: t.store.tables.reviews,
        Item: {
          ...rest,
          ...toItem({
            transaction_id: 'f64-old',
            features: [1, 2, 3, 4],
            attributions: { bias: 0.5, phi: [4, 3, 2, 1] },
          }),
        },
      }),
    );
    const old = await getReviewItem(t.store, { transactionId: 'f64-old' });
    expect(old?.features).toEqual([1, 2, 3, 4]);
    expect(old?.attributions).toEqual({ bias: 0.5, phi: [4, 3, 2, 1] });

    expect(() => encodeExplain([Number.NaN], { bias: 0, phi: [0] })).toThrow(/non-finite/);
    expect(() => decodeExplain(new Uint8Array(8 * 4))).toThrow(/not a feature vector/);
  });

  test('an unknown id reads as null', async () => {
    expect(await getReviewItem(t.store, { transactionId: 'nope' })).toBeNull();
  });

  test('a busy terminal context (40k entries) still fits well under 400 KB', async () => {
    const input = review({ id: 'big-ctx', score: 0.6, card: 'C-big', terminal: 'T-big' });
    const t0 = Date.parse('2024-11-20T00:00:00Z');
    input.context.terminal.entries = Array.from({ length: 40_000 }, (_, i) => [
      t0 + i * 80_000 + (i % 7) * 1000,
      i % 97 === 0 ? 1 : 0,
    ]);
    expect(await putReviewItem(t.store, input)).toEqual({ created: true });
    const item = await getReviewItem(t.store, { transactionId: 'big-ctx' });
    expect(item?.context.terminal.entries).toEqual(input.context.terminal.entries);
  });
});

describe('queue', () => {
  // 60 open items on their own card/terminal with varied attributes; ids q00..q59.
  const specs: ReviewSpec[] = Array.from({ length: 60 }, (_, i) => ({
    id: `q${String(i).padStart(2, '0')}`,
    score: Math.round((((i * 37) % 60) * 1000) / 59) / 1000, // a permutation of 0..1
    at: new Date(Date.UTC(2025, 0, 1 + (i % 30), i % 24)).toISOString(),
    flaggedAt: new Date(Date.UTC(2025, 1, 1, 0, (i * 13) % 60, i)).toISOString(),
    amount: 10 + ((i * 7) % 50) * 10,
    channel: (['chip', 'swipe', 'contactless', 'ecommerce'] as const)[i % 4],
    mcc: i % 3 === 0 ? '5732' : '5411',
    card: `QC${i % 5}`,
    terminal: `QT${i % 6}`,
    cardCountry: i % 2 === 0 ? 'FR' : 'DE',
    merchantCountry: i % 5 === 0 ? 'US' : 'FR',
  }));
  const queueT = () => ({
    ...t.store,
    tables: tableNames('q_'),
  });

  beforeAll(async () => {
    await ensureTables(queueT());
    await Promise.all(specs.map((s) => putReviewItem(queueT(), review(s))));
  });

  async function all(q: QueueQuery, limit: number): Promise<ReviewSummary[]> {
    const out: ReviewSummary[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await listQueue(queueT(), { ...q, limit, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...page.items);
      if (!page.cursor) return out;
      cursor = page.cursor;
    }
    throw new Error('pagination did not end');
  }

  test('by score, highest first; pages cover every item exactly once', async () => {
    for (const limit of [1, 7, 60, 100]) {
      const items = await all({ status: 'open', order: 'score' }, limit);
      expect(items.map((i) => i.transaction_id).sort()).toEqual(specs.map((s) => s.id).sort());
      const scores = items.map((i) => i.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  test('by age, oldest flagged first', async () => {
    const items = await all({ status: 'open', order: 'age' }, 9);
    expect(items).toHaveLength(60);
    const flagged = items.map((i) => i.flagged_at);
    expect(flagged).toEqual([...flagged].sort());
  });

  const cases: [string, QueueQuery['filters'], (s: ReviewSpec) => boolean][] = [
    [
      'date range',
      { from: '2025-01-05T00:00:00Z', to: '2025-01-10T23:59:59Z' },
      (s) => s.at! >= '2025-01-05' && s.at! < '2025-01-11',
    ],
    ['min score', { minScore: 0.75 }, (s) => s.score >= 0.75],
    ['amount range', { minAmount: 100, maxAmount: 250 }, (s) => s.amount! >= 100 && s.amount! <= 250],
    ['channel', { channel: 'ecommerce' }, (s) => s.channel === 'ecommerce'],
    ['card country', { cardCountry: 'DE' }, (s) => s.cardCountry === 'DE'],
    ['merchant country', { merchantCountry: 'US' }, (s) => s.merchantCountry === 'US'],
    ['mcc', { mcc: '5732' }, (s) => s.mcc === '5732'],
    ['unassigned', { assignee: null }, () => true],
    ['assignee', { assignee: 'nobody' }, () => false],
    [
      'combined',
      { channel: 'chip', minScore: 0.3, merchantCountry: 'FR' },
      (s) => s.channel === 'chip' && s.score >= 0.3 && s.merchantCountry === 'FR',
    ],
  ];
  test.each(cases)('filter: %s (both orders, small pages)', async (_name, filters, keep) => {
    const expected = specs
      .filter(keep)
      .map((s) => s.id)
      .sort();
    for (const order of ['score', 'age'] as const) {
      const items = await all({ status: 'open', order, ...(filters ? { filters } : {}) }, 4);
      expect(items.map((i) => i.transaction_id).sort()).toEqual(expected);
    }
  });

  test('counts per status', async () => {
    expect(await countReviewsByStatus(queueT())).toEqual({ open: 60, escalated: 0, fraud: 0, legitimate: 0 });
  });

  test("a card's and a terminal's items, newest first", async () => {
    const card = await listCardReviews(queueT(), { cardId: 'QC2', limit: 5 });
    const expected = specs.filter((s) => s.card === 'QC2').sort((a, b) => (a.at! < b.at! ? 1 : -1));
    expect(card.items.map((i) => i.transaction_id)).toEqual(expected.slice(0, 5).map((s) => s.id));
    const rest = await listCardReviews(queueT(), { cardId: 'QC2', limit: 50, cursor: card.cursor! });
    expect(rest.items.map((i) => i.transaction_id)).toEqual(expected.slice(5).map((s) => s.id));
    expect(rest.cursor).toBeNull();
    const terminal = await listTerminalReviews(queueT(), { terminalId: 'QT0', limit: 100 });
    expect(terminal.items.map((i) => i.transaction_id)).toEqual(
      specs
        .filter((s) => s.terminal === 'QT0')
        .sort((a, b) => (a.at! < b.at! ? 1 : -1))
        .map((s) => s.id),
    );
  });

  test('a cursor is only accepted by the list it came from', async () => {
    const page = await listQueue(queueT(), { status: 'open', order: 'score', limit: 3 });
    await expect(listQueue(queueT(), { status: 'open', order: 'age', cursor: page.cursor! })).rejects.toThrow(
      InvalidCursorError,
    );
    await expect(listQueue(queueT(), { status: 'open', cursor: 'garbage' })).rejects.toThrow(
      InvalidCursorError,
    );
  });

  test('a selective filter stops at the scan budget and hands back a cursor to continue', async () => {
    const first = await listQueue(queueT(), {
      status: 'open',
      filters: { assignee: 'nobody' },
      maxScanned: 10,
      limit: 5,
    });
    expect(first.items).toEqual([]);
    expect(first.scanned).toBeGreaterThanOrEqual(10);
    expect(first.scanned).toBeLessThan(60);
    expect(first.cursor).not.toBeNull();
  });
});
