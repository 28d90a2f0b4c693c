// The risk pages' lake reads on the console server, with the caching each can afford: the day list
// for a minute (a new day only has to appear within one), the dashboard's one-scan rollup per day for
// as long as the day's row count is unchanged, on disk under the data dir so it survives restarts
// (rollup-cache.ts), drift for five minutes (its windows are whole days and PSI moves slowly).
import 'server-only';

import path from 'node:path';

import { dataPaths } from '@/lib/config/paths';

import { lakeDays, type LakeDay } from './coverage';
import { populationStability, type ColumnDrift, type PsiParams } from './drift';
import type { DayRollup } from './rollup';
import { DayRollupCache, type RollupParams } from './rollup-cache';
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
    rollup: new DayRollupCache(getAnalytics().engine, path.join(dataPaths().dataDir, 'cache', 'analytics')),
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

/**
 * Per-day daily metrics and breakdown totals of a range, in one scan of the days not cached; `days` is
 * the lake's day list (getLakeDays), which says which days hold data and how many rows.
 */
export function getDayRollups(params: RollupParams, days: readonly LakeDay[]): Promise<DayRollup[]> {
  return caches().rollup.get(params, days);
}
