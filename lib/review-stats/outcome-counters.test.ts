// Outcome figures from the per-day counters equal those computed from the items of the same store (a
// randomized small store: creations, claims, escalations, decisions and re-decisions), the median to
// within its histogram bucket; a store whose counters were never rebuilt is read from its items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  claimReview,
  decideReview,
  ensureTables,
  putReviewItem,
  putReviewItems,
  rebuildDayCounts,
  tableNames,
  ttdBucket,
  ttdBucketBounds,
  type Outcome,
  type Store,
} from '@/lib/store';
import { review, startTestStore, type TestStore } from '@/lib/store/test-support';

import { histogramMedian } from './outcome-counters';
import { reviewOutcomeStats } from './outcomes';
import { readReviewOutcomes } from './read-outcomes';
import { readReviewsInRange } from './read-reviews';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore('oc_');
});
afterAll(async () => t?.close());

async function tables(prefix: string): Promise<Store> {
  const store = { ...t.store, tables: tableNames(`${prefix}_`) };
  await ensureTables(store);
  return store;
}

/** A small deterministic PRNG (mulberry32): the same seed, the same store. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 2, 1);

/** `n` items over 12 days, then random claims, decisions, escalations and re-decisions. */
async function randomStore(store: Store, seed: number, n: number): Promise<void> {
  const random = rng(seed);
  const specs = Array.from({ length: n }, (_, i) => ({
    id: `x${seed}_${i}`,
    at: new Date(START + Math.floor(random() * 12 * DAY_MS)).toISOString(),
  }));
  // Half one by one, half in a batch: both writers keep the counters.
  const half = n >> 1;
  for (const s of specs.slice(0, half))
    await putReviewItem(store, review({ id: s.id, score: random(), at: s.at }));
  await putReviewItems(
    store,
    specs.slice(half).map((s) => review({ id: s.id, score: random(), at: s.at })),
  );
  const outcomes: Outcome[] = ['fraud', 'legitimate', 'escalate'];
  // One item after another, so the random draws (and the store) are the same on every run.
  for (const s of specs) {
    await (async () => {
      let version = 1;
      let now = Date.parse(s.at);
      const steps = Math.floor(random() * 4); // 0–3 changes
      for (let k = 0; k < steps; k++) {
        now += Math.floor(random() * 72 * 3_600_000);
        if (random() < 0.3) {
          const r = await claimReview(store, {
            transactionId: s.id,
            version,
            analyst: 'ann',
            now: new Date(now),
          });
          if (r.ok) version = r.item.version;
          continue;
        }
        const { item } = await decideReview(store, {
          transactionId: s.id,
          version,
          outcome: outcomes[Math.floor(random() * outcomes.length)]!,
          reason: 'r',
          analyst: 'ann',
          now: new Date(now),
        });
        version = item.version;
      }
    })();
  }
}

describe('outcomes from the day counters', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equal the figures from the items (random store ${seed})`, async () => {
      const store = await tables(`r${seed}`);
      await randomStore(store, seed, 60);
      await rebuildDayCounts(store, { settleMs: 0, pauseMs: 0 }); // a fresh store: nothing to repair
      const now = new Date(START + 40 * DAY_MS);
      // The queue's oldest waiting item, whatever its transaction day.
      const all = (await readReviewsInRange(store, { from: '2025-01-01', to: '2025-12-31' })).items;
      const queueOldest = reviewOutcomeStats(all, now).oldestPendingHours;
      for (const range of [
        { from: '2025-03-01', to: '2025-03-12' },
        { from: '2025-03-04', to: '2025-03-07' },
        { from: '2025-02-20', to: '2025-03-02' },
      ]) {
        const items = (await readReviewsInRange(store, range)).items;
        const fromItems = reviewOutcomeStats(items, now);
        const fromCounters = await readReviewOutcomes(store, range, now);
        expect(fromCounters.source).toBe('counters');
        const { medianHoursToDecision: approx, oldestPendingHours: oldest, ...counted } = fromCounters.stats;
        const { medianHoursToDecision: exact, ...expected } = fromItems;
        expect(counted).toEqual({ ...expected, oldestPendingHours: undefined });
        expect(oldest).toBe(expected.backlog > 0 ? queueOldest : null);
        if (exact === null) expect(approx).toBeNull();
        else {
          // In the bucket of the middle decision; with an even count, between the buckets of the two
          // middle ones (whose mean is the exact median).
          const hours = items
            .filter((i) => (i.status === 'fraud' || i.status === 'legitimate') && i.decided_at)
            .map((i) => (Date.parse(i.decided_at!) - Date.parse(i.flagged_at)) / 3_600_000)
            .sort((a, b) => a - b);
          const lower = hours[(hours.length - 1) >> 1]!;
          const upper = hours[hours.length >> 1]!;
          expect(approx).not.toBeNull();
          expect(approx!).toBeGreaterThanOrEqual(ttdBucketBounds(ttdBucket(lower)).lo);
          expect(approx!).toBeLessThanOrEqual(ttdBucketBounds(ttdBucket(upper)).hi);
          if (ttdBucket(lower) === ttdBucket(upper))
            expect(Math.abs(approx! - exact)).toBeLessThanOrEqual(
              ttdBucketBounds(ttdBucket(lower)).hi - ttdBucketBounds(ttdBucket(lower)).lo,
            );
        }
      }
    });
  }

  it('reads a store whose counters were never rebuilt from its items', async () => {
    const store = await tables('legacy');
    await putReviewItem(store, review({ id: 'l1', score: 0.5, at: '2025-03-02T10:00:00.000Z' }));
    const range = { from: '2025-03-01', to: '2025-03-03' };
    const now = new Date('2025-03-05T00:00:00.000Z');
    const before = await readReviewOutcomes(store, range, now);
    expect(before).toMatchObject({ source: 'items', items: 1, rebuiltAt: null });
    await rebuildDayCounts(store, { settleMs: 0, pauseMs: 0 });
    const after = await readReviewOutcomes(store, range, now);
    expect(after).toMatchObject({ source: 'counters', items: 1 });
    expect(after.stats).toEqual(before.stats);
  });
});

describe('histogram median', () => {
  const unit = (k: number) => ({ lo: k, hi: k + 1 });
  it('interpolates within the bucket that holds the middle', () => {
    expect(histogramMedian([0, 4], unit)).toBe(1.5);
    expect(histogramMedian([2, 2], unit)).toBe(1);
    expect(histogramMedian([1, 0, 3], unit)).toBeCloseTo(2 + 1 / 3, 12);
    expect(histogramMedian([0, 0], unit)).toBeNull();
    expect(histogramMedian([1, 3], (k) => ({ lo: k, hi: k === 1 ? Infinity : k + 1 }))).toBe(1);
  });
});
