// The console server's analytics handle: one engine (DuckDB over the local lake, or Athena), created on
// first use and kept for the life of the process.
import 'server-only';

import { createAnalyticsEngine } from './config';
import type { AnalyticsEngine } from './types';

interface Analytics {
  engine: AnalyticsEngine;
}

const KEY = Symbol.for('fraud-review.analytics');
const slot = globalThis as { [KEY]?: Analytics };

export function getAnalytics(): Analytics {
  let analytics = slot[KEY];
  if (!analytics) {
    const engine = createAnalyticsEngine();
    analytics = { engine };
    slot[KEY] = analytics;
  }
  return analytics;
}
