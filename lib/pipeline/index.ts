// The ingestion pipeline's public surface: import from '@/lib/pipeline'. The Lambda handler is its own
// entry point (lib/pipeline/lambda.ts), so importing the pipeline never builds AWS dependencies.
export {
  type Checkpoint,
  type CheckpointAt,
  CheckpointError,
  type CheckpointFile,
  loadCheckpoint,
} from './checkpoint';
export {
  INBOX_CHECKPOINT_EVERY_MS,
  type InboxOptions,
  type InboxReport,
  ingestInbox,
  watchInbox,
  type WatchOptions,
} from './inbox';
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
  type IngestSessionOptions,
  type IngestStatus,
  openIngestSession,
} from './ingest';
export { CHECKPOINT_KEY } from './io';
export {
  DuplicateSourceNameError,
  listSources,
  locateFolder,
  localFolder,
  localSource,
  objectSource,
  resolveLocation,
  type ResolvedLocation,
  type SourceFile,
  type SourceFolder,
  storeRoot,
} from './sources';
