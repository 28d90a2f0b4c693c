// The risk pages' lake reads on the console server, with the caching each can afford: the day list
// for a minute (a new day only has to appear within one), the dashboard's one-scan rollup per settled
// day for ten minutes (as the daily-metrics cache does), drift for five minutes (its windows are whole
// days and PSI moves slowly).
import 'server-only';

import { lakeDays, type LakeDay } from './coverage';
import { populationStability, type ColumnDrift, type PsiParams } from './drift';
import type { BreakdownDimension, DayRange } from './queries';
import { DayRollupCache, type DayRollup } from './rollup';
import { getAnalytics } from './server';
import { TtlCache } from './ttl-cache';

interface Caches {
  days: TtlCache<LakeDay[]>;
  drift: TtlCache<ColumnDrift[]>;
  rollup: DayRollupCache;
}

const KEY = Symbol.for('fraud-review.risk-pages');
const slot = globalThis as { [KEY]?: Caches };

function caches(): Caches {
  slot[KEY] ??= {
    days: new TtlCache(60_000, 1),
    drift: new TtlCache(5 * 60_000, 16),
    rollup: new DayRollupCache(getAnalytics().engine),
  };
  return slot[KEY];
}

/** The lake's days with data, oldest first (empty for an empty lake). */
export function getLakeDays(): Promise<LakeDay[]> {
  return caches().days.get('days', () => lakeDays(getAnalytics().engine));
}

/** PSI per column for two windows. */
export function getDrift(params: PsiParams): Promise<ColumnDrift[]> {
  const key = JSON.stringify([params.reference, params.recent, params.columns, params.bins ?? 10]);
  return caches().drift.get(key, () => populationStability(getAnalytics().engine, params));
}

/** Per-day daily metrics and breakdown totals of a range, in one scan of the days not cached. */
export function getDayRollups(
  params: DayRange & { threshold: number; dimensions: readonly BreakdownDimension[] },
): Promise<DayRollup[]> {
  return caches().rollup.get(params);
}
