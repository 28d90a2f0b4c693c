// The ingestion pipeline's public surface: import from '@/lib/pipeline'.
export { type Checkpoint, CheckpointError, type CheckpointFile, loadCheckpoint } from './checkpoint';
export { type InboxOptions, type InboxReport, ingestInbox, watchInbox, type WatchOptions } from './inbox';
export {
  accountingLine,
  DUPLICATE_REASON,
  type IngestDeps,
  type IngestEvent,
  IngestFailedError,
  ingestFile,
  type IngestFileOptions,
  type IngestReport,
  type IngestSession,
  type IngestStatus,
  openIngestSession,
} from './ingest';
