// The analytics layer's public surface: import from '@/lib/analytics'.
export { AthenaEngine, AthenaQueryError, type AthenaSettings } from './athena';
export { type AnalyticsConfig, analyticsConfigFromEnv, createAnalyticsEngine } from './config';
export { daysBetween, daysIn, lakeDays, type LakeDay, lastDaysWithData } from './coverage';
export {
  type ColumnDrift,
  DRIFT_COLUMNS,
  type DriftWindows,
  populationStability,
  type PsiParams,
  referenceEdges,
  windowBinCounts,
} from './drift';
export { chooseDriftWindows, type DriftWindowChoice, type DriftWindowOptions } from './drift-windows';
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
export {
  binCounts,
  binEdges,
  PSI_MODERATE,
  PSI_WARNING,
  psiFromCounts,
  psiLevel,
  type PsiLevel,
} from './psi';
export { dayRollups, type DayRollup, mergeBreakdown } from './rollup';
export { DayRollupCache, type RollupParams } from './rollup-cache';
export { TtlCache } from './ttl-cache';
export {
  AnalyticsError,
  type AnalyticsEngine,
  type Cell,
  DIALECT_FUNCTIONS,
  type DialectFunctions,
  type ResultSet,
} from './types';
export { defaultThresholds, thresholdCurve, type WhatIfPoint } from './what-if';
