// Review-outcome figures for the risk pages, computed from review items: import from '@/lib/review-stats'.
export { attributionDrift, type AttributionDrift, type AttributionDriftDay } from './attribution-drift';
export {
  analystPrecisionCurve,
  type AnalystPrecisionPoint,
  type DailyOutcomes,
  median,
  reviewOutcomeStats,
  type ReviewOutcomeStats,
} from './outcomes';
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
export {
  attributionSampleIds,
  readReviewItems,
  readReviewsInRange,
  type ReviewRange,
  type ReviewRead,
  samplePerDay,
  txDay,
} from './read-reviews';
