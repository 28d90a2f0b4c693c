// The risk pages' review-store reads on the console server, cached for 30 seconds per range: the
// dashboard and the drift page ask for the same items, and reading them costs about a second per few
// thousand items on the embedded store (docs/ANALYTICS.md, "Review outcomes").
import 'server-only';

import { TtlCache } from '@/lib/analytics/ttl-cache';
import type { ReviewItem } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

import { readReviewItems, readReviewsInRange, type ReviewRange, type ReviewRead } from './read-reviews';

interface Caches {
  ranges: TtlCache<ReviewRead>;
  items: TtlCache<ReviewItem[]>;
}

const KEY = Symbol.for('fraud-review.review-stats');
const slot = globalThis as { [KEY]?: Caches };

function caches(): Caches {
  slot[KEY] ??= { ranges: new TtlCache(30_000, 8), items: new TtlCache(30_000, 8) };
  return slot[KEY];
}

/** Review summaries of every status for a transaction-day range (bounded; see readReviewsInRange). */
export function getReviewsInRange(range: ReviewRange): Promise<ReviewRead> {
  return caches().ranges.get(`${range.from}|${range.to}`, async () =>
    readReviewsInRange(await getStore(), range),
  );
}

/** Full items (attributions) for a set of ids. */
export function getReviewItems(ids: readonly string[]): Promise<ReviewItem[]> {
  const sorted = [...ids].sort();
  return caches().items.get(sorted.join(','), async () => readReviewItems(await getStore(), sorted));
}
