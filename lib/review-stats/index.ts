// Review-outcome figures for the risk pages, from the store's per-day counters (the dashboard) or from
// review items (drift, overturned decisions, threshold): import from '@/lib/review-stats'.
export { attributionDrift, type AttributionDrift, type AttributionDriftDay } from './attribution-drift';
export {
  analystPrecisionCurve,
  type AnalystPrecisionPoint,
  type DailyOutcomes,
  median,
  reviewOutcomeStats,
  type ReviewOutcomeStats,
} from './outcomes';
export { histogramMedian, outcomeStatsFromDays } from './outcome-counters';
export {
  type BandRow,
  type FeatureRow,
  HIGH_SCORE,
  LOW_SCORE,
  overturnedByBand,
  overturnedByFeature,
  overturnKind,
  type OverturnKind,
  SCORE_BANDS,
} from './overturned';
export { readReviewOutcomes, type ReviewOutcomeRead } from './read-outcomes';
export {
  attributionSampleIds,
  readReviewItems,
  readReviewsInRange,
  type ReviewRange,
  type ReviewRead,
  samplePerDay,
} from './read-reviews';
