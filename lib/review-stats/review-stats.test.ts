// Review-outcome figures: the reads against a real dynalite (range, bound, full items) and the pure
// summaries on hand-made items with known answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decideReview, putReviewItem, type Outcome, type ReviewItem, type ReviewSummary } from '@/lib/store';
import { review, startTestStore, type TestStore } from '@/lib/store/test-support';

import { attributionDrift } from './attribution-drift';
import { analystPrecisionCurve, median, reviewOutcomeStats } from './outcomes';
import { overturnedByBand, overturnedByFeature, overturnKind } from './overturned';
import { readReviewItems, readReviewsInRange, samplePerDay } from './read-reviews';

let t: TestStore;

// Day 1: 3 items (one decided fraud, one legitimate, one open); day 2: 2 (one escalated, one open);
// day 3 is outside the range read below. Decisions come `after` hours after the transaction, which is
// also the flagged time.
const SPECS: { id: string; score: number; at: string; decide?: Outcome; after?: number }[] = [
  { id: 'a1', score: 0.9, at: '2025-01-01T10:00:00.000Z', decide: 'fraud', after: 2 },
  { id: 'a2', score: 0.6, at: '2025-01-01T11:00:00.000Z', decide: 'legitimate', after: 4 },
  { id: 'a3', score: 0.2, at: '2025-01-01T12:00:00.000Z' },
  { id: 'b1', score: 0.05, at: '2025-01-02T09:00:00.000Z', decide: 'escalate', after: 6 },
  { id: 'b2', score: 0.3, at: '2025-01-02T10:00:00.000Z' },
  { id: 'c1', score: 0.7, at: '2025-01-03T10:00:00.000Z', decide: 'fraud', after: 2 },
];

beforeAll(async () => {
  t = await startTestStore('rs_');
  for (const s of SPECS) {
    await putReviewItem(t.store, review({ id: s.id, score: s.score, at: s.at }));
    if (s.decide)
      await decideReview(t.store, {
        transactionId: s.id,
        version: 1,
        outcome: s.decide,
        reason: 'test_reason',
        analyst: 'analyst (local)',
        now: new Date(Date.parse(s.at) + (s.after ?? 0) * 3_600_000),
      });
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('readReviewsInRange', () => {
  it('reads every status for the transaction days asked for', async () => {
    const read = await readReviewsInRange(t.store, { from: '2025-01-01', to: '2025-01-02' });
    expect(read.items.map((i) => i.transaction_id).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(read.truncated).toBe(false);
    expect(read.scanned).toBeGreaterThanOrEqual(5);
  });

  it('says when a status has more items than its bound', async () => {
    const read = await readReviewsInRange(t.store, {
      from: '2025-01-01',
      to: '2025-01-03',
      statuses: ['open'],
      maxPerStatus: 1,
    });
    expect(read.items).toHaveLength(1);
    expect(read.truncated).toBe(true);
  });

  it('reads full items with their attributions, skipping unknown ids', async () => {
    const items = await readReviewItems(t.store, ['a1', 'nope', 'b2']);
    expect(items.map((i) => i.transaction_id)).toEqual(['a1', 'b2']);
    expect(items[0]!.attributions.phi).toEqual([0.5, -0.25, 0.125]);
  });
});

describe('reviewOutcomeStats', () => {
  it('counts decisions, precision, backlog and time to decision', async () => {
    const { items } = await readReviewsInRange(t.store, { from: '2025-01-01', to: '2025-01-02' });
    const stats = reviewOutcomeStats(items, new Date('2025-01-02T12:00:00.000Z'));
    expect(stats).toMatchObject({
      flagged: 5,
      open: 2,
      escalated: 1,
      decided: 2,
      confirmedFraud: 1,
      legitimate: 1,
      precision: 0.5,
      backlog: 3,
      // The oldest waiting item (a3) was flagged on Jan 1 at 12:00.
      oldestPendingHours: 24,
      // Final decisions only: a1 after 2 h, a2 after 4 h.
      medianHoursToDecision: 3,
    });
    expect(stats.daily).toEqual([
      { day: '2025-01-01', flagged: 3, decided: 2, fraud: 1, legitimate: 1, pending: 1, precision: 0.5 },
      { day: '2025-01-02', flagged: 2, decided: 0, fraud: 0, legitimate: 0, pending: 2, precision: null },
    ]);
  });

  it('has a median of an odd and an even list, and none of an empty one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

const summary = (status: ReviewSummary['status'], score: number, threshold = 0.05) =>
  ({ status, score, threshold }) as const;

describe('analystPrecisionCurve', () => {
  it('gives precision among decided items at or above each threshold, none below the flag threshold', () => {
    const items = [
      summary('fraud', 0.8),
      summary('legitimate', 0.6),
      summary('fraud', 0.3),
      summary('legitimate', 0.1),
      summary('open', 0.9),
    ];
    expect(analystPrecisionCurve(items, [0.01, 0.05, 0.5, 0.95])).toEqual([
      { threshold: 0.01, decided: 0, precision: null },
      { threshold: 0.05, decided: 4, precision: 0.5 },
      { threshold: 0.5, decided: 2, precision: 0.5 },
      { threshold: 0.95, decided: 0, precision: null },
    ]);
  });
});

describe('overturned decisions', () => {
  const items = [
    summary('legitimate', 0.8), // overturned: legitimate on a high score
    summary('legitimate', 0.55), // overturned
    summary('fraud', 0.06), // overturned: fraud just over the threshold
    summary('fraud', 0.3),
    summary('legitimate', 0.06),
    summary('open', 0.9),
  ];

  it('classifies and counts them by score band', () => {
    expect(items.map(overturnKind)).toEqual([
      'legitimate_high',
      'legitimate_high',
      'fraud_low',
      null,
      null,
      null,
    ]);
    expect(overturnedByBand(items)).toEqual([
      { band: 'below 10%', decided: 2, fraud: 1, legitimate: 1, overturned: 1, overturnedShare: 0.5 },
      { band: '10–25%', decided: 0, fraud: 0, legitimate: 0, overturned: 0, overturnedShare: null },
      { band: '25–50%', decided: 1, fraud: 1, legitimate: 0, overturned: 0, overturnedShare: 0 },
      { band: '50–75%', decided: 1, fraud: 0, legitimate: 1, overturned: 1, overturnedShare: 1 },
      { band: '75% and above', decided: 1, fraud: 0, legitimate: 1, overturned: 1, overturnedShare: 1 },
    ]);
  });

  it('attributes them to the feature that pushed the score up most', () => {
    const full = (id: string, status: ReviewItem['status'], score: number, phi: number[]) =>
      ({
        transaction_id: id,
        status,
        score,
        tx_time: '2025-01-01T00:00:00.000Z',
        attributions: { bias: 0, phi },
      }) as unknown as ReviewItem;
    const names = () => ['amount', 'foreign', 'night'];
    const rows = overturnedByFeature(
      [
        full('x', 'legitimate', 0.9, [2, 0.5, -3]),
        full('y', 'fraud', 0.05, [0.1, 0.7, 0.2]),
        full('z', 'legitimate', 0.7, [1, -1, 0]),
        full('w', 'fraud', 0.4, [1, 1, 1]), // not overturned
      ],
      names,
    );
    expect(rows).toEqual([
      { feature: 'amount', legitimateHigh: 2, fraudLow: 0, total: 2 },
      { feature: 'foreign', legitimateHigh: 0, fraudLow: 1, total: 1 },
    ]);
  });
});

describe('attributionDrift and sampling', () => {
  it('averages |φ| per feature and day, skipping items of unknown input order', () => {
    const item = (id: string, day: string, phi: number[]) =>
      ({
        transaction_id: id,
        tx_time: `${day}T08:00:00.000Z`,
        attributions: { bias: 0, phi },
      }) as unknown as ReviewItem;
    const drift = attributionDrift(
      [
        item('a', '2025-01-01', [1, -2]),
        item('b', '2025-01-01', [-3, 0]),
        item('c', '2025-01-02', [0.5, 0.5]),
        item('d', '2025-01-02', [9, 9, 9]),
      ],
      (i) => (i.transaction_id === 'd' ? null : ['amount', 'foreign']),
    );
    expect(drift.used).toBe(3);
    expect(drift.skipped).toBe(1);
    expect(drift.features).toEqual(['amount', 'foreign']);
    expect(drift.days).toEqual([
      { day: '2025-01-01', items: 2, meanAbsPhi: { amount: 2, foreign: 1 } },
      { day: '2025-01-02', items: 1, meanAbsPhi: { amount: 0.5, foreign: 0.5 } },
    ]);
  });

  it('samples at most n items per day, spread over the day', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({
      transaction_id: `t${i}`,
      tx_time: `2025-01-0${1 + (i % 2)}T00:00:00.000Z`,
    }));
    const sample = samplePerDay(items, 2);
    expect(sample.map((s) => s.transaction_id)).toEqual(['t0', 't4', 't1', 't5']);
  });
});
