// Review store on the embedded dynalite: flagging throughput (putReviewItems in batches against
// putReviewItem one by one, same run, same items), then the console's reads at 10k and 100k items —
// queue pages, one item, counts per status from the counters and from COUNT queries, and the queue
// page's store reads together. Every sampling loop stops at its repetition count or its time budget.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CHANNELS, type Transaction } from '@/lib/schema/transaction';
import { Rng } from '@/lib/simulator/random';
import {
  countReviewsByStatus,
  createStore,
  ensureTables,
  getReviewCounts,
  getReviewItem,
  listQueue,
  putReviewItem,
  putReviewItems,
  recountReviews,
  startDynalite,
  tableNames,
  type NewReview,
  type Store,
} from '@/lib/store';

import type { BenchResult } from './types';

export interface StoreBenchSizes {
  /** Item counts for the single-vs-batched flagging throughput. */
  throughput: readonly number[];
  /** Store sizes (ascending) at which the reads are measured; the last one is built with batches. */
  reads: readonly number[];
}

const DEFAULT_SIZES: StoreBenchSizes = { throughput: [1_000, 10_000], reads: [10_000, 100_000] };
const DAY_MS = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

/** A flagged transaction shaped like the pipeline's: 40 features, attributions, a card and terminal context. */
function benchReview(i: number, prefix: string): NewReview {
  const rng = new Rng(i, 'store-bench');
  const at = T0 + Math.floor(rng.float() * 60 * DAY_MS);
  const transaction: Transaction = {
    transaction_id: `${prefix}${String(i).padStart(7, '0')}`,
    timestamp: new Date(at).toISOString(),
    card_id: `C${String(rng.int(20_000)).padStart(6, '0')}`,
    terminal_id: `T${String(rng.int(5_000)).padStart(6, '0')}`,
    merchant_name: `Merchant ${rng.int(900)}`,
    mcc: rng.pick(['5411', '5812', '5732', '4111', '5999', '7011', '5310', '5541']),
    amount: Math.round(rng.uniform(1, 900) * 100) / 100,
    currency: 'EUR',
    channel: rng.pick(CHANNELS),
    card_country: rng.pick(['FR', 'DE', 'ES', 'IT', 'NL']),
    merchant_country: rng.pick(['FR', 'DE', 'ES', 'US', 'GB']),
    is_fraud: rng.chance(0.4),
  };
  const card = Array.from({ length: 30 }, (_, k) => [
    at - (30 - k) * 3_600_000 * 19,
    rng.int(20_000),
    0,
    0,
    0,
  ]);
  const terminal = Array.from({ length: 150 }, (_, k) => [
    at - (150 - k) * 1_200_000,
    rng.chance(0.01) ? 1 : 0,
  ]);
  return {
    transaction,
    score: 0.5 + rng.float() * 0.5,
    model_version: 'bench',
    threshold: 0.5,
    feature_set: 'realistic',
    features: Array.from({ length: 40 }, () => Math.round(rng.uniform(0, 500) * 1000) / 1000),
    attributions: { bias: -3.1, phi: Array.from({ length: 40 }, () => rng.uniform(-0.5, 0.5)) },
    context: {
      card: { columns: ['cents', 'ecommerce', 'foreign', 'small_ecommerce'], entries: card },
      terminal: { columns: ['fraud'], entries: terminal },
      terminalFirstFraudMs: null,
    },
    flaggedAt: new Date(at + 60_000),
  };
}

const range = (from: number, to: number, prefix: string) =>
  Array.from({ length: to - from }, (_, k) => benchReview(from + k, prefix));

async function tablesFor(store: Store, prefix: string): Promise<Store> {
  const s = { ...store, tables: tableNames(prefix) };
  await ensureTables(s);
  return s;
}

/** Writes items [from, to) in slices, so 100k items never sit in memory at once. */
async function fillBatched(store: Store, from: number, to: number, prefix: string): Promise<void> {
  for (let i = from; i < to; i += 5_000)
    await putReviewItems(store, range(i, Math.min(i + 5_000, to), prefix));
}

async function fillSingle(store: Store, n: number, prefix: string, concurrency = 8): Promise<void> {
  const items = range(0, n, prefix);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await putReviewItem(store, items[next++]!);
    }),
  );
}

async function rate(run: () => Promise<void>, n: number): Promise<number> {
  const t0 = performance.now();
  await run();
  return (n * 1000) / (performance.now() - t0);
}

interface Sample {
  p50: number;
  p95: number;
  n: number;
}

/** Times `fn` up to `reps` times or until `budgetMs` is spent (at least 3 runs). */
async function sample(fn: (i: number) => Promise<unknown>, reps: number, budgetMs: number): Promise<Sample> {
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < reps && (i < 3 || performance.now() - start < budgetMs); i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), n: times.length };
}

function percentiles(name: string, s: Sample, note?: string): BenchResult[] {
  const n = `${s.n} runs${note ? `; ${note}` : ''}`;
  return [
    { name: `${name} p50`, value: s.p50, unit: 'ms', note: n },
    { name: `${name} p95`, value: s.p95, unit: 'ms', note: n },
  ];
}

async function measureReads(store: Store, size: number, prefix: string): Promise<BenchResult[]> {
  const at = `${size.toLocaleString('en-US')} items`;
  const pick = (i: number) => `${prefix}${String((i * 7919) % size).padStart(7, '0')}`;
  // A recount first: the counters are reconciled, as startCountRepair leaves them in the console.
  const recount = await sample(() => recountReviews(store, { settleMs: 0 }), 1, 0);
  const byScore = await sample(
    () => listQueue(store, { status: 'open', order: 'score', limit: 50 }),
    60,
    10_000,
  );
  const byAge = await sample(() => listQueue(store, { status: 'open', order: 'age', limit: 50 }), 60, 10_000);
  const filtered = await sample(
    () => listQueue(store, { status: 'open', limit: 50, filters: { channel: 'ecommerce' } }),
    60,
    10_000,
  );
  const item = await sample((i) => getReviewItem(store, { transactionId: pick(i) }), 300, 10_000);
  const counters = await sample(() => getReviewCounts(store), 300, 10_000);
  const count = await sample(() => countReviewsByStatus(store), size > 20_000 ? 5 : 15, 30_000);
  const page = await sample(
    () =>
      Promise.all([getReviewCounts(store), listQueue(store, { status: 'open', order: 'score', limit: 50 })]),
    60,
    10_000,
  );
  return [
    ...percentiles(`queue list 50 by score, ${at}`, byScore),
    ...percentiles(`queue list 50 by age, ${at}`, byAge),
    ...percentiles(`queue list 50, channel filter (1 in 4), ${at}`, filtered),
    ...percentiles(`getReviewItem, ${at}`, item),
    ...percentiles(`counts: getReviewCounts (counter item), ${at}`, counters),
    ...percentiles(`counts: countReviewsByStatus (COUNT queries), ${at}`, count),
    ...percentiles(`queue page store reads (counts + list 50, parallel), ${at}`, page, 'target p95 < 150 ms'),
    { name: `recountReviews (repair), ${at}`, value: recount.p50, unit: 'ms', note: 'settleMs 0' },
  ];
}

export async function benchStore(sizes: StoreBenchSizes = DEFAULT_SIZES): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-store-'));
  const dynamo = await startDynalite({ dataDir });
  const base = createStore({
    connection: { kind: 'embedded', endpoint: dynamo.endpoint },
    tablePrefix: 'unused_',
  });
  try {
    const results: BenchResult[] = [];
    for (const n of sizes.throughput) {
      const single = await rate(async () => fillSingle(await tablesFor(base, `s${n}_`), n, 'S'), n);
      const batched = await rate(async () => fillBatched(await tablesFor(base, `b${n}_`), 0, n, 'B'), n);
      results.push({
        name: `flag ${n.toLocaleString('en-US')} items: putReviewItems (batches of 100, 4 in flight)`,
        value: batched,
        unit: 'items/s',
        baseline: { name: 'putReviewItem, 8 concurrent', value: single },
        note: 'item + flagged event + counter, dynalite in-process',
      });
    }
    const store = await tablesFor(base, 'r_');
    let have = 0;
    for (const size of sizes.reads) {
      await fillBatched(store, have, size, 'R');
      have = size;
      results.push(...(await measureReads(store, size, 'R')));
    }
    return results;
  } finally {
    base.client.destroy();
    await dynamo.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
