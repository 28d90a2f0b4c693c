// Ingests transaction files exactly once, through a session that keeps the checkpoint, the feature
// state and a DuckDB connection across files. The steps of one file are in file-steps.ts: read and
// validate, quarantine bad rows and ids the lake already holds from other files, compute features from
// the checkpointed feature state, score in batch, put flagged rows in the review store with their
// attributions and context (while later rows are still being scored), write the lake part (with score
// and model version) and raise high-risk alerts. Only then does the session record the file in the
// checkpoint. Over many files, the lake and review writes of one file run while the next one starts.
//
// Exactly-once: nothing before the checkpoint write is visible as "done". A crash anywhere earlier
// re-runs the file from the old checkpoint: the lake part files are replaced (same part name), review
// puts are conditional (an existing item is kept), alerts have ids derived from the transaction, and
// the quarantine file is rewritten. The feature state is the checkpoint's, so re-run vectors are equal.
// A session over many files (an inbox) may write the checkpoint only every few seconds: a crash then
// re-runs every file since the last write, in order, from the state written with it, which is the
// same argument file by file.
//
// Every file goes through lib/files' FileStore (deps.files: the data folder or an S3 bucket), so the
// CLI, the watch loop and the Lambda handler run this same code wherever the files are.
import type { DuckDBConnection } from '@duckdb/node-api';

import type { AlertDispatcher } from '@/lib/alerts';
import { FeatureState, type FeatureStateSnapshot } from '@/lib/features';
import { isFileNotFound, type FileStore } from '@/lib/files';
import { openDuckDB } from '@/lib/lake/duckdb';
import { modelFeatureSet } from '@/lib/model/feature-set';
import type { FraudModel } from '@/lib/model/scorer';
import type { Store } from '@/lib/store';

import { loadCheckpoint, saveCheckpoint, type Checkpoint, type CheckpointFile } from './checkpoint';
import { startFile, type LakeInFlight } from './file-steps';
import { CHECKPOINT_KEY } from './io';
import type { SourceFile } from './sources';

export { DUPLICATE_REASON, IngestFailedError } from './file-steps';

export interface IngestDeps {
  store: Store;
  model: FraudModel;
  /**
   * Where the outputs go, in the lib/files key layout: `lake/transactions/…` parts, `quarantine/`,
   * `failed/` and the checkpoint. The data folder (LocalFileStore) or a bucket (S3FileStore).
   */
  files: FileStore;
  /** The checkpoint's key in `files` (default `pipeline/checkpoint.json`). */
  checkpointKey?: string;
  /** High-risk alerts for flagged rows with score ≥ highRiskScore (drained at the end of each file). */
  alerts?: { dispatcher: AlertDispatcher; highRiskScore: number };
  /** Clock for flagged_at and the checkpoint (tests). */
  now?: () => Date;
  /**
   * What a review item's flagged_at is: the ingestion time (default) or the transaction's time
   * (replayed history, e.g. the demo bootstrap, so queue ages look real).
   */
  flaggedAt?: 'ingestion' | 'transaction';
  /**
   * The live threshold (lib/threshold/live.ts), asked once per file; rows at or above it are flagged.
   * Without it, the model's manifest threshold.
   */
  liveThreshold?: () => Promise<number>;
  /** Review items written per batch (default 500, two in flight); a progress event follows each batch. */
  reviewBatch?: number;
  /** Progress events; an async handler is awaited (the kill test holds the process here). */
  onEvent?: (event: IngestEvent) => void | Promise<void>;
}

export type IngestEvent =
  | { kind: 'read'; file: string; read: number; accepted: number; quarantined: number; duplicates: number }
  | { kind: 'lake'; file: string; partitions: number }
  /** `of` is the file's flagged total, known once every row is scored (null until then). */
  | { kind: 'review'; file: string; created: number; done: number; of: number | null }
  /** The checkpoint was written, recording `files` more ingested files (and the state after them). */
  | { kind: 'checkpoint'; files: number; ms: number };

export type IngestStatus = 'ingested' | 'skipped' | 'failed';

export interface IngestReport {
  /** Where the source is: a path or an s3:// URL. */
  file: string;
  /** The source name the checkpoint knows the file by (its base name). */
  name: string;
  status: IngestStatus;
  /** Why it was skipped or failed, or that a changed file replaced an earlier version. */
  message: string;
  sha256: string | null;
  /** Same name as an ingested file, different content: ingested again, replacing its lake part. */
  replaced: boolean;
  read: number;
  accepted: number;
  quarantined: number;
  duplicates: number;
  flagged: number;
  reviewsCreated: number;
  alerts: number;
  /** Day partitions written. */
  partitions: string[];
  /** Where the rejected rows went (a path or an s3:// URL). */
  quarantineFile: string | null;
  /** Where an unreadable file went (a path or an s3:// URL); its error is at `<failedFile>.error.txt`. */
  failedFile: string | null;
  elapsedMs: number;
  /**
   * Milliseconds per phase (read, duplicates, features, score, replay, lake, reviews, checkpoint; the
   * checkpoint is 0 when the session deferred its write).
   */
  phases: Record<string, number>;
}

export interface IngestFileOptions {
  /**
   * The source: a key in a store, or a local path (a key of `deps.files` when it lies in the data
   * folder, so a failed file is moved within it).
   */
  file: SourceFile | string;
  /** Throw IngestFailedError for an unreadable file (the Lambda form, so the DLQ gets the event). */
  throwOnFailure?: boolean;
}

export interface IngestSessionOptions {
  /**
   * Write the checkpoint after a file only once this long has passed since the last write (default 0:
   * after every file). Writing it means serialising the whole feature state (about 16 MB and 130 ms
   * after the demo's 90 days), so a run over many small files writes it every few seconds instead;
   * `flush()` and `close()` write what is pending, and a crash re-runs the files since the last write.
   */
  checkpointEveryMs?: number;
}

/**
 * A checkpoint, its feature state and a DuckDB connection kept across files (an inbox run, a watch
 * loop). One session per checkpoint file at a time, and one call at a time: two workers on one
 * checkpoint would race.
 */
export interface IngestSession {
  /**
   * Ingests one file. With `checkpointEveryMs`, an `ingested` report may come before the checkpoint
   * records the file: its lake part and review items are written, and a crash before the next
   * checkpoint write re-runs it (to the same result).
   */
  ingest(options: IngestFileOptions): Promise<IngestReport>;
  /**
   * Ingests files in order, like `ingest` on each, but starts a file while the previous one's lake part
   * and review items are still being written. Reports come in file order, each once its file is done.
   */
  ingestAll(
    files: readonly SourceFile[],
    onReport?: (report: IngestReport, index: number) => void,
  ): Promise<IngestReport[]>;
  /** Writes the checkpoint if files were ingested since it was last written. */
  flush(): Promise<void>;
  /**
   * Writes what is pending, then forgets the loaded checkpoint, so the next file starts from the stored
   * one: a long-lived session (a Lambda container) must not keep a state that another worker has since
   * moved on.
   */
  reload(): Promise<void>;
  /** Writes what is pending and releases the DuckDB connection. */
  close(): Promise<void>;
}

interface Live {
  checkpoint: Checkpoint;
  /** Leads: computes each row's features. */
  state: FeatureState;
  /** Lags one pass behind `state`: replays a file to take the context of its flagged rows. */
  replay: FeatureState;
  /** Files recorded in `checkpoint.files` since it was last written. */
  unsaved: number;
  /** performance.now() of the last state snapshot taken for a write (or of the load). */
  snapshotAt: number;
}

/** A started file whose lake part and review items may still be being written. */
interface InFlight {
  index: number;
  name: string;
  lake: LakeInFlight;
  done: Promise<{ report: IngestReport; entry: CheckpointFile }>;
  /** The state right after this file, when the checkpoint is to be written with it. */
  snapshot: FeatureStateSnapshot | null;
}

export function openIngestSession(deps: IngestDeps, options: IngestSessionOptions = {}): IngestSession {
  const { set: featureSet, projection } = modelFeatureSet(deps.model);
  const at = { files: deps.files, key: deps.checkpointKey ?? CHECKPOINT_KEY };
  const every = options.checkpointEveryMs ?? 0;
  let live: Live | null = null;
  let db: DuckDBConnection | null = null;

  const load = async (): Promise<Live> => {
    if (live) return live;
    const checkpoint = await loadCheckpoint(at);
    live = {
      checkpoint,
      state: FeatureState.restore(checkpoint.features),
      replay: FeatureState.restore(checkpoint.features),
      unsaved: 0,
      snapshotAt: performance.now(),
    };
    return live;
  };

  /** Writes the checkpoint: the files recorded so far and the state after the last of them. */
  const save = async (current: Live, features: FeatureStateSnapshot): Promise<number> => {
    const t0 = performance.now();
    current.checkpoint.features = features;
    await saveCheckpoint(at, current.checkpoint);
    const files = current.unsaved;
    current.unsaved = 0;
    const ms = performance.now() - t0;
    await deps.onEvent?.({ kind: 'checkpoint', files, ms });
    return ms;
  };

  const flush = async (): Promise<void> => {
    if (live && live.unsaved > 0) await save(live, live.state.snapshot());
  };

  /**
   * Starts each file once the previous one has started, so the state moves file by file in order, and
   * settles each (records it, writes the checkpoint when due, reports it) in order, one file behind.
   */
  const run = async (
    files: readonly IngestFileOptions[],
    onReport: (report: IngestReport, index: number) => void,
  ): Promise<IngestReport[]> => {
    const current = await load();
    db ??= await openDuckDB();
    const { checkpoint, state, replay } = current;
    const context = { deps, featureSet, projection, db, checkpoint, state, replay };
    const reports: IngestReport[] = [];
    const emit = (report: IngestReport, index: number): void => {
      reports.push(report);
      onReport(report, index);
    };
    const settle = async (file: InFlight): Promise<void> => {
      const { report, entry } = await file.done;
      current.checkpoint.files[file.name] = entry;
      current.unsaved++;
      if (file.snapshot) {
        const ms = await save(current, file.snapshot);
        report.phases.checkpoint = ms;
        report.elapsedMs += ms;
      } else report.phases.checkpoint = 0;
      emit(report, file.index);
    };
    let inFlight: InFlight | null = null;
    try {
      for (const [index, options] of files.entries()) {
        const start = await startFile(context, options, inFlight?.lake ?? null);
        if (start.kind === 'done') {
          if (inFlight) await settle(inFlight);
          inFlight = null;
          emit(start.report, index);
          continue;
        }
        // Between files: the state holds this file and nothing after it.
        const due = performance.now() - current.snapshotAt >= every;
        if (due) current.snapshotAt = performance.now();
        const { written, done } = start.finish(inFlight?.lake.written ?? null);
        // Awaited when the file settles, after the next one has started: a failure before that is
        // handled there, not an unhandled rejection.
        done.catch(() => undefined);
        const next: InFlight = {
          index,
          name: start.name,
          lake: { dts: start.dts, written },
          done,
          snapshot: due ? current.state.snapshot() : null,
        };
        if (inFlight) await settle(inFlight);
        inFlight = next;
      }
      if (inFlight) await settle(inFlight);
      return reports;
    } catch (error) {
      // A source that vanished before it was read (a race with the listing) moved nothing: with no file
      // in flight, the state still matches the recorded files, and the session goes on from it.
      if (inFlight === null && isFileNotFound(error)) throw error;
      // Otherwise let the writes in flight finish (or fail) first. The in-memory state may have moved
      // past the recorded files: reload the checkpoint for the next file. Files ingested since the last
      // write are not recorded, so the next run ingests them again.
      await inFlight?.done.catch(() => undefined);
      live = null;
      throw error;
    }
  };

  return {
    async ingest(options) {
      const [report] = await run([options], () => undefined);
      return report!;
    },
    ingestAll: (files, onReport) =>
      run(
        files.map((file) => ({ file })),
        onReport ?? (() => undefined),
      ),
    flush,
    async reload() {
      await flush();
      live = null;
    },
    async close() {
      try {
        await flush();
      } finally {
        db?.closeSync();
        db = null;
        live = null;
      }
    },
  };
}

/** Ingests one file (see the module comment). Opens and closes its own session. */
export async function ingestFile(deps: IngestDeps, options: IngestFileOptions): Promise<IngestReport> {
  const session = openIngestSession(deps);
  try {
    return await session.ingest(options);
  } finally {
    await session.close();
  }
}

/** One line of accounting: read = accepted + quarantined + duplicates. */
export function accountingLine(r: IngestReport): string {
  return `read ${r.read} = accepted ${r.accepted} + quarantined ${r.quarantined} + duplicates ${r.duplicates}; flagged ${r.flagged}`;
}
