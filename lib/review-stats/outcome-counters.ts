// The dashboard's review-outcome figures from the store's per-day counters (lib/store day-counts):
// the same ReviewOutcomeStats that reviewOutcomeStats computes from items, in time proportional to the
// days of the range, not the items. Every count is exact (as exact as the counters); the median time to
// decision is read from a histogram with buckets a factor 2^(1/4) wide, interpolated linearly within
// its bucket: it lies in the bucket of the middle decision (with an even count, between the buckets of
// the two middle ones), so within one bucket (≤ 19 %) of the exact median when those share a bucket.
// Pure.
import { TTD_BUCKETS, ttdBucketBounds, type DayCounts } from '@/lib/store';

import { outcomeStats, type DailyOutcomes, type ReviewOutcomeStats } from './outcomes';

/**
 * The median of a histogram whose bucket k spans `bounds(k)`: the point where half the mass lies below,
 * assuming the values spread evenly within their bucket. The open last bucket gives its lower edge.
 */
export function histogramMedian(
  counts: readonly number[],
  bounds: (k: number) => { lo: number; hi: number },
): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const half = total / 2;
  let below = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]!;
    if (c > 0 && below + c >= half) {
      const { lo, hi } = bounds(k);
      return Number.isFinite(hi) ? lo + ((half - below) / c) * (hi - lo) : lo;
    }
    below += c;
  }
  return null;
}

/**
 * ReviewOutcomeStats from the counters of the range's days. The counters hold no item, so
 * `oldestPendingHours` is null here; readReviewOutcomes fills it from the queue's age index.
 */
export function outcomeStatsFromDays(days: readonly DayCounts[]): ReviewOutcomeStats {
  const daily: DailyOutcomes[] = [];
  const hist = new Array<number>(TTD_BUCKETS).fill(0);
  let flagged = 0;
  let open = 0;
  let escalated = 0;
  let fraud = 0;
  let legitimate = 0;
  for (const d of [...days].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    if (d.flagged === 0) continue;
    const { counts } = d;
    const decided = counts.fraud + counts.legitimate;
    daily.push({
      day: d.day,
      flagged: d.flagged,
      decided,
      fraud: counts.fraud,
      legitimate: counts.legitimate,
      pending: counts.open + counts.escalated,
      precision: decided > 0 ? counts.fraud / decided : null,
    });
    flagged += d.flagged;
    open += counts.open;
    escalated += counts.escalated;
    fraud += counts.fraud;
    legitimate += counts.legitimate;
    d.hoursToDecision.forEach((n, k) => (hist[k]! += n));
  }
  return outcomeStats(
    { flagged, open, escalated, fraud, legitimate },
    { oldestPendingHours: null, medianHoursToDecision: histogramMedian(hist, ttdBucketBounds), daily },
  );
}
