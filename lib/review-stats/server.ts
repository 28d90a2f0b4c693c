// The risk pages' review-store reads on the console server. Items (drift and threshold pages) are cached
// for 30 seconds per range: reading them costs about a second per few thousand items on the embedded
// store. The dashboard's outcome figures come from the per-day counters in a few milliseconds and are
// cached for 5 seconds only, to share one read between concurrent renders (docs/ANALYTICS.md,
// "Review-outcome figures").
import 'server-only';

import { TtlCache } from '@/lib/analytics/ttl-cache';
import type { ReviewItem } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

import { readReviewOutcomes, type ReviewOutcomeRead } from './read-outcomes';
import { readReviewItems, readReviewsInRange, type ReviewRange, type ReviewRead } from './read-reviews';

interface Caches {
  ranges: TtlCache<ReviewRead>;
  items: TtlCache<ReviewItem[]>;
  outcomes: TtlCache<ReviewOutcomeRead>;
}

const KEY = Symbol.for('fraud-review.review-stats');
const slot = globalThis as { [KEY]?: Caches };

function caches(): Caches {
  slot[KEY] ??= {
    ranges: new TtlCache(30_000, 8),
    items: new TtlCache(30_000, 8),
    outcomes: new TtlCache(5_000, 8),
  };
  return slot[KEY];
}

/** Review summaries of every status for a transaction-day range (bounded; see readReviewsInRange). */
export function getReviewsInRange(range: ReviewRange): Promise<ReviewRead> {
  return caches().ranges.get(`${range.from}|${range.to}`, async () =>
    readReviewsInRange(await getStore(), range),
  );
}

/** The dashboard's review-outcome figures for a transaction-day range, from the per-day counters. */
export function getReviewOutcomes(range: ReviewRange): Promise<ReviewOutcomeRead> {
  return caches().outcomes.get(`${range.from}|${range.to}`, async () =>
    readReviewOutcomes(await getStore(), range),
  );
}

/** Full items (attributions) for a set of ids. */
export function getReviewItems(ids: readonly string[]): Promise<ReviewItem[]> {
  const sorted = [...ids].sort();
  return caches().items.get(sorted.join(','), async () => readReviewItems(await getStore(), sorted));
}
