// The review store's public surface: import from '@/lib/store'.
export { acknowledgeAlert, getAlert, listAlerts, putAlert, recordAlertDelivery } from './alerts';
export { BatchIncompleteError, type BatchRetry } from './batch-io';
export { appendAuditEvent, type AuditQuery, getAuditEvent, listAuditEvents, versionEventId } from './audit';
export { claimNext, type ClaimNextParams, claimReview, DEFAULT_CLAIM_MS, releaseClaim } from './claims';
export {
  createStore,
  DEFAULT_TABLE_PREFIX,
  type Store,
  type StoreConnection,
  type StoreOptions,
  type StoreSettings,
  storeSettingsFromEnv,
  type TableNames,
  tableNames,
} from './client';
export type { ContextSnapshot } from './context-codec';
export {
  type CountRepair,
  getReviewCounts,
  recountReviews,
  type RecountOptions,
  type RecountResult,
  type ReviewCounts,
  startCountRepair,
  type StatusCounts,
} from './counts';
export {
  type DayCounts,
  type DayCountsRead,
  itemDay,
  readDayCounts,
  TTD_BUCKETS,
  ttdBucket,
  ttdBucketBounds,
} from './day-counts';
export { type DayRebuildOptions, type DayRebuildResult, rebuildDayCounts } from './day-repair';
export { type DecideParams, decideReview } from './decisions';
export { type DynaliteOptions, type EmbeddedDynamo, startDynalite } from './dynalite';
export {
  AlertNotFoundError,
  type CurrentState,
  InvalidCursorError,
  NotClaimHolderError,
  ReviewConflictError,
  ReviewNotFoundError,
} from './errors';
export { type OpenStore, openStore } from './open';
export type { Page } from './query';
export {
  countFlaggedBefore,
  countReviewsByStatus,
  listCardReviews,
  listQueue,
  listTerminalReviews,
  type QueueFilters,
  type QueueOrder,
  type QueueQuery,
} from './queue';
export { type PutReviewsOptions, putReviewItems } from './review-batch';
export {
  getReviewItem,
  MAX_REVIEW_ITEM_BYTES,
  type NewReview,
  newReviewItem,
  putReviewItem,
  ReviewTooLargeError,
} from './reviews';
export * from './schema';
export { ensureTables, tableDefinitions } from './tables';
