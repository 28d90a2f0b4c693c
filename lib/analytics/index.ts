// The analytics layer's public surface: import from '@/lib/analytics'.
export { AthenaEngine, AthenaQueryError, type AthenaSettings } from './athena';
export { type AnalyticsConfig, analyticsConfigFromEnv, createAnalyticsEngine } from './config';
export { DailyMetricsCache, daysBetween } from './daily-cache';
export { DuckDBEngine } from './duckdb-engine';
export {
  BREAKDOWN_DIMENSIONS,
  breakdown,
  type BreakdownDimension,
  type BreakdownRow,
  bucketLowerScore,
  dailyMetrics,
  type DailyMetrics,
  type DayRange,
  scoreHistogram,
  type ScoreBucket,
} from './queries';
export { AnalyticsError, type AnalyticsEngine, type Cell, type ResultSet } from './types';
export { thresholdCurve, type WhatIfPoint } from './what-if';
