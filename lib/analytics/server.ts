// The console server's analytics handle: one engine (DuckDB over the local lake, or Athena) and its
// per-day cache, created on first use and kept for the life of the process.
import 'server-only';

import { createAnalyticsEngine } from './config';
import { DailyMetricsCache } from './daily-cache';
import type { AnalyticsEngine } from './types';

interface Analytics {
  engine: AnalyticsEngine;
  daily: DailyMetricsCache;
}

const KEY = Symbol.for('fraud-review.analytics');
const slot = globalThis as { [KEY]?: Analytics };

export function getAnalytics(): Analytics {
  let analytics = slot[KEY];
  if (!analytics) {
    const engine = createAnalyticsEngine();
    analytics = { engine, daily: new DailyMetricsCache(engine) };
    slot[KEY] = analytics;
  }
  return analytics;
}
