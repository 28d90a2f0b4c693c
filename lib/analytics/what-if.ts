// The threshold what-if: from a labelled score histogram, what each candidate threshold would mean —
// alerts per day, precision and recall on labelled rows, and the analyst hours the alerts need.
import { bucketLowerScore, SCORE_BUCKETS, type ScoreBucket } from './queries';

export interface WhatIfPoint {
  threshold: number;
  /** Rows at or above the threshold over the whole range. */
  alerts: number;
  alertsPerDay: number;
  /** Labelled frauds among the alerts / labelled alerts; null with no labelled alert. */
  precision: number | null;
  /** Labelled frauds caught / all labelled frauds; null when there is no labelled fraud. */
  recall: number | null;
  /** alertsPerDay × minutes per review / 60. */
  analystHoursPerDay: number;
}

export interface WhatIfOptions {
  /** Days the histogram covers (for per-day figures). */
  days: number;
  minutesPerReview: number;
  /** Candidate thresholds; default: every bucket edge from 0.0001 to 0.9 on the √ scale. */
  thresholds?: readonly number[];
}

/** Smallest bucket whose scores are all ≥ threshold when the threshold sits on a bucket edge. */
const firstBucketAtOrAbove = (threshold: number): number =>
  Math.min(SCORE_BUCKETS, Math.max(0, Math.ceil(Math.sqrt(Math.max(0, threshold)) * SCORE_BUCKETS - 1e-9)));

export function defaultThresholds(): number[] {
  const out: number[] = [];
  for (let b = 10; b <= 950; b += b < 100 ? 2 : b < 400 ? 5 : 25) out.push(bucketLowerScore(b));
  return out;
}

export function thresholdCurve(histogram: readonly ScoreBucket[], options: WhatIfOptions): WhatIfPoint[] {
  // Suffix sums over buckets: everything at or above bucket b.
  const rows = new Float64Array(SCORE_BUCKETS + 1);
  const labelled = new Float64Array(SCORE_BUCKETS + 1);
  const frauds = new Float64Array(SCORE_BUCKETS + 1);
  for (const h of histogram) {
    const b = Math.min(SCORE_BUCKETS - 1, Math.max(0, h.bucket));
    rows[b]! += h.rows;
    labelled[b]! += h.labelled;
    frauds[b]! += h.frauds;
  }
  for (let b = SCORE_BUCKETS - 1; b >= 0; b--) {
    rows[b]! += rows[b + 1]!;
    labelled[b]! += labelled[b + 1]!;
    frauds[b]! += frauds[b + 1]!;
  }
  const totalFrauds = frauds[0]!;
  const days = Math.max(1, options.days);
  return (options.thresholds ?? defaultThresholds()).map((threshold) => {
    const b = firstBucketAtOrAbove(threshold);
    const alerts = rows[b]!;
    const perDay = alerts / days;
    return {
      threshold,
      alerts,
      alertsPerDay: perDay,
      precision: labelled[b]! > 0 ? frauds[b]! / labelled[b]! : null,
      recall: totalFrauds > 0 ? frauds[b]! / totalFrauds : null,
      analystHoursPerDay: (perDay * options.minutesPerReview) / 60,
    };
  });
}
