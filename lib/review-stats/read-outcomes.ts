// The dashboard's review-outcome figures for a transaction-day range, read from the store's per-day
// counters: one BatchGetItem per 100 days, plus one Query (Limit 1) per waiting status for the oldest
// waiting item — constant per day, whatever the number of items. A store whose day counters were never
// rebuilt (created before they existed, until the first startCountRepair finishes) may lack older
// items in them, so it is read the old way, from the items (readReviewsInRange, bounded).
import { daysBetween } from '@/lib/analytics/coverage';
import { listQueue, readDayCounts, type Store } from '@/lib/store';

import { outcomeStatsFromDays } from './outcome-counters';
import { reviewOutcomeStats, type ReviewOutcomeStats } from './outcomes';
import { readReviewsInRange, type ReviewRange } from './read-reviews';

export interface ReviewOutcomeRead {
  stats: ReviewOutcomeStats;
  /**
   * `counters`: the per-day counters (exact unless a writer died mid-change since `rebuiltAt`; the median
   * time to decision is approximate to a histogram bucket). `items`: read from the items, because the
   * counters were never rebuilt; `truncated` then says whether the read stopped at its bound.
   */
  source: 'counters' | 'items';
  /** When a rebuild last checked every day counter; null if none has. */
  rebuiltAt: string | null;
  /** Flagged items the figures cover. */
  items: number;
  truncated: boolean;
  ms: number;
}

const HOUR_MS = 3_600_000;

const hoursSince = (at: string | null, now: Date): number | null =>
  at === null ? null : Math.max(0, (now.getTime() - Date.parse(at)) / HOUR_MS);

/**
 * When the oldest item still waiting in the queue (open or escalated, any transaction day) was flagged:
 * the first entry of each waiting status on the age index, one Query with Limit 1 each. The range's own
 * oldest is not indexable (the index orders by flag time, the range is by transaction day, and items
 * flagged at ingestion time of replayed history do not follow transaction order), so this is the
 * queue's, as an SLA reads it.
 */
async function oldestWaitingAt(store: Store): Promise<string | null> {
  const pages = await Promise.all(
    (['open', 'escalated'] as const).map((status) => listQueue(store, { status, order: 'age', limit: 1 })),
  );
  const times = pages.flatMap((p) => p.items.map((i) => i.flagged_at));
  return times.length > 0 ? times.reduce((a, b) => (a < b ? a : b)) : null;
}

export async function readReviewOutcomes(
  store: Store,
  range: ReviewRange,
  now: Date = new Date(),
): Promise<ReviewOutcomeRead> {
  const started = performance.now();
  const [counters, oldest] = await Promise.all([
    readDayCounts(store, daysBetween(range)),
    oldestWaitingAt(store),
  ]);
  if (counters.rebuiltAt === null) {
    const read = await readReviewsInRange(store, range);
    const stats = reviewOutcomeStats(read.items, now);
    return {
      // The queue's oldest on both paths, so the figure means one thing.
      stats: { ...stats, oldestPendingHours: stats.backlog > 0 ? hoursSince(oldest, now) : null },
      source: 'items',
      rebuiltAt: null,
      items: read.items.length,
      truncated: read.truncated,
      ms: performance.now() - started,
    };
  }
  const stats = outcomeStatsFromDays(counters.days);
  stats.oldestPendingHours = stats.backlog > 0 ? hoursSince(oldest, now) : null;
  return {
    stats,
    source: 'counters',
    rebuiltAt: counters.rebuiltAt,
    items: stats.flagged,
    truncated: false,
    ms: performance.now() - started,
  };
}
