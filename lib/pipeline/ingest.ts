// Ingests one transaction file exactly once: read and validate, quarantine bad rows and ids the lake
// already holds from other files, compute features from the checkpointed feature state, score in batch,
// put flagged rows in the review store with their attributions and context (while later rows are still
// being scored), write the lake part (with score and model version), raise high-risk alerts, and only
// then record the file in the checkpoint.
//
// Exactly-once: nothing before the checkpoint write is visible as "done". A crash anywhere earlier
// re-runs the file from the old checkpoint: the lake part files are replaced (same part name), review
// puts are conditional (an existing item is kept), alerts have ids derived from the transaction, and
// the quarantine file is rewritten. The feature state is the checkpoint's, so re-run vectors are equal.
//
// Every file goes through lib/files' FileStore (deps.files: the data folder or an S3 bucket), so the
// CLI, the watch loop and the Lambda handler run this same code wherever the files are.
import path from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import type { AlertDispatcher } from '@/lib/alerts';
import { compareTransactions, FeatureState, type FeatureSetName } from '@/lib/features';
import { isFileNotFound, type FileStore } from '@/lib/files';
import { partName } from '@/lib/lake/build';
import { openDuckDB } from '@/lib/lake/duckdb';
import { quarantineLine } from '@/lib/lake/quarantine';
import { writeLakeParts } from '@/lib/lake/writer';
import { modelFeatureSet } from '@/lib/model/feature-set';
import { sigmoid, type FraudModel } from '@/lib/model/scorer';
import { readTransactionBatches, UnreadableFileError } from '@/lib/schema/readers';
import type { Transaction } from '@/lib/schema/transaction';
import type { NewReview, Store } from '@/lib/store';

import { isIngested, loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint';
import { idsInOtherParts } from './duplicates';
import { CHECKPOINT_KEY, moveToFailed, removeStaleParts, sha256File, writeQuarantine } from './io';
import { ReviewWriter } from './review-writer';
import { localSource, locateSource, sourceName, type SourceFile } from './sources';

export const DUPLICATE_REASON = 'already ingested from another file';

/** Rows per features → score → review items step: big enough for batch scoring, small enough to start the store early. */
const SCORE_CHUNK = 8_192;

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
  | { kind: 'review'; file: string; created: number; done: number; of: number | null };

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
  /** Milliseconds per phase (read, duplicates, features, score, replay, lake, reviews, checkpoint). */
  phases: Record<string, number>;
}

/** Thrown (on request) when a file cannot be read at all; the file is already in failed/. */
export class IngestFailedError extends Error {
  override readonly name = 'IngestFailedError';
  constructor(
    readonly file: string,
    readonly failedFile: string,
    readonly reason: string,
  ) {
    super(`${path.basename(file)} could not be ingested: ${reason} (moved to ${failedFile})`);
  }
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

/**
 * A checkpoint, its feature state and a DuckDB connection kept across files (an inbox run, a watch
 * loop). One session per checkpoint file at a time: two workers on one checkpoint would race.
 */
export interface IngestSession {
  ingest(options: IngestFileOptions): Promise<IngestReport>;
  /**
   * Forgets the loaded checkpoint, so the next file starts from the stored one: a long-lived session
   * (a Lambda container) must not keep a state that another worker has since moved on.
   */
  reload(): void;
  close(): Promise<void>;
}

interface Live {
  checkpoint: Checkpoint;
  /** Leads: computes each row's features. */
  state: FeatureState;
  /** Lags one pass behind `state`: replays the file to take the context of flagged rows. */
  replay: FeatureState;
}

export function openIngestSession(deps: IngestDeps): IngestSession {
  const features = modelFeatureSet(deps.model);
  let live: Live | null = null;
  let db: DuckDBConnection | null = null;

  const load = async (): Promise<Live> => {
    if (live) return live;
    const checkpoint = await loadCheckpoint({
      files: deps.files,
      key: deps.checkpointKey ?? CHECKPOINT_KEY,
    });
    live = {
      checkpoint,
      state: FeatureState.restore(checkpoint.features),
      replay: FeatureState.restore(checkpoint.features),
    };
    return live;
  };

  return {
    async ingest(options) {
      const current = await load();
      db ??= await openDuckDB();
      try {
        return await ingestWith(deps, features, current, db, options);
      } catch (error) {
        // The in-memory state may have moved past the checkpoint: reload it for the next file.
        live = null;
        throw error;
      }
    },
    reload() {
      live = null;
    },
    async close() {
      db?.closeSync();
      db = null;
      live = null;
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

async function ingestWith(
  deps: IngestDeps,
  { set: featureSet, projection }: { set: FeatureSetName; projection: readonly number[] | null },
  live: Live,
  db: DuckDBConnection,
  options: IngestFileOptions,
): Promise<IngestReport> {
  const started = performance.now();
  const now = deps.now ?? (() => new Date());
  const source = typeof options.file === 'string' ? localSource(options.file, deps.files) : options.file;
  const throwOnFailure = options.throwOnFailure ?? false;
  const file = locateSource(source);
  const name = sourceName(source.key);
  const part = partName(name);
  const report: IngestReport = {
    file,
    name,
    status: 'ingested',
    message: '',
    sha256: null,
    replaced: false,
    read: 0,
    accepted: 0,
    quarantined: 0,
    duplicates: 0,
    flagged: 0,
    reviewsCreated: 0,
    alerts: 0,
    partitions: [],
    quarantineFile: null,
    failedFile: null,
    elapsedMs: 0,
    phases: {},
  };
  let mark = performance.now();
  const phase = (key: string): void => {
    const t = performance.now();
    report.phases[key] = t - mark;
    mark = t;
  };
  const finish = (): IngestReport => ({ ...report, elapsedMs: performance.now() - started });
  const fail = async (reason: string): Promise<IngestReport> => {
    report.status = 'failed';
    report.message = reason;
    report.failedFile = await moveToFailed(source, deps.files, reason);
    if (throwOnFailure) throw new IngestFailedError(file, report.failedFile, reason);
    return finish();
  };

  // 1. Already done? 2. Read and validate. Both from one local copy of the source (the file itself
  // in the data folder, one download from S3).
  const accepted: Transaction[] = [];
  const lines: number[] = [];
  const quarantine: string[] = [];
  type Outcome = { kind: 'unreadable'; reason: string } | { kind: 'hashed'; sha256: string; done: boolean };
  let outcome: Outcome;
  try {
    outcome = await source.files.withLocalCopy(source.key, async (local): Promise<Outcome> => {
      let sha256: string;
      try {
        sha256 = await sha256File(local);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(error)})`;
        return { kind: 'unreadable', reason };
      }
      report.sha256 = sha256;
      if (isIngested(live.checkpoint, name, sha256)) return { kind: 'hashed', sha256, done: true };
      for await (const batch of readTransactionBatches(local, { name: file })) {
        report.read += batch.length;
        for (const r of batch) {
          if (r.ok) {
            accepted.push(r.tx);
            lines.push(r.line);
          } else quarantine.push(quarantineLine({ source: name, ...r }));
        }
      }
      return { kind: 'hashed', sha256, done: false };
    });
  } catch (error) {
    // A missing source is the caller's mistake or a race, not a bad file: nothing to move to failed/.
    if (isFileNotFound(error)) throw error;
    if (error instanceof UnreadableFileError) return fail(error.message);
    throw error;
  }
  if (outcome.kind === 'unreadable') return fail(outcome.reason);
  const { sha256 } = outcome;
  const previous = live.checkpoint.files[name];
  if (outcome.done) {
    report.status = 'skipped';
    report.message = `already ingested at ${previous?.at ?? '?'}`;
    return finish();
  }
  if (previous) {
    report.replaced = true;
    report.message = `content changed since it was ingested at ${previous.at}: ingested again, replacing its lake part`;
  }
  report.quarantined = quarantine.length;
  phase('read');

  // 3. Ids another file already brought into the partitions this file touches.
  const dts = new Set(accepted.map((tx) => tx.timestamp.slice(0, 10)));
  const seen = await idsInOtherParts(db, { files: deps.files, part, dts });
  let rows = accepted;
  if (seen.size > 0) {
    rows = [];
    for (let i = 0; i < accepted.length; i++) {
      const tx = accepted[i]!;
      if (seen.has(tx.transaction_id)) {
        report.duplicates++;
        // The reader keeps no raw text for valid rows; the parsed record stands in for it.
        quarantine.push(
          quarantineLine({
            source: name,
            line: lines[i]!,
            reason: DUPLICATE_REASON,
            raw: JSON.stringify(tx),
          }),
        );
      } else {
        rows.push(tx);
      }
    }
  }
  report.accepted = rows.length;
  phase('duplicates');
  await deps.onEvent?.({
    kind: 'read',
    file,
    read: report.read,
    accepted: report.accepted,
    quarantined: report.quarantined,
    duplicates: report.duplicates,
  });

  // 4. In chunks of rows, in time order: features from the checkpointed state, batch scores, the
  // context of each flagged row (the lagging state replays the chunk and is read just before those
  // rows: copying every row's context would cost far more than a second pass of `add`), and the
  // chunk's review items with their attributions, handed to the review writer, which puts them while
  // the next chunks are computed. The store's work is the largest part of an ingest, so it starts as
  // early as the first chunk.
  rows.sort(compareTransactions);
  const { model } = deps;
  const width = model.features.length;
  const threshold = deps.liveThreshold ? await deps.liveThreshold() : model.threshold;
  const ingestedAt = now();
  const reviews = new ReviewWriter({
    store: deps.store,
    ...(deps.reviewBatch !== undefined ? { batch: deps.reviewBatch } : {}),
    ...(deps.alerts ? { alerts: { ...deps.alerts, now: ingestedAt } } : {}),
    onBatch: ({ created, done, of }) => deps.onEvent?.({ kind: 'review', file, created, done, of }),
  });
  const vectors: number[][] = new Array<number[]>(rows.length);
  const scores: number[] = new Array<number>(rows.length);
  const phi = new Float64Array(width);
  const spent = { features: 0, score: 0, replay: 0 };
  try {
    for (let start = 0; start < rows.length; start += SCORE_CHUNK) {
      const end = Math.min(rows.length, start + SCORE_CHUNK);
      let t = performance.now();
      const packed = new Float32Array((end - start) * width);
      for (let i = start; i < end; i++) {
        const v = live.state.next(rows[i]!, featureSet);
        vectors[i] = v;
        const at = (i - start) * width;
        if (projection === null) packed.set(v, at);
        else for (let k = 0; k < width; k++) packed[at + k] = v[projection[k]!]!;
      }
      spent.features += performance.now() - t;
      t = performance.now();
      const margins = await model.margins(packed);
      const flagged: number[] = [];
      for (let i = start; i < end; i++) {
        scores[i] = sigmoid(margins[i - start]!);
        if (scores[i]! >= threshold) flagged.push(i);
      }
      report.flagged += flagged.length;
      spent.score += performance.now() - t;
      t = performance.now();
      const chunk: NewReview[] = [];
      for (let i = start, f = 0; i < end; i++) {
        const tx = rows[i]!;
        if (flagged[f] === i) {
          const bias = model.shapInto(packed.subarray((i - start) * width, (i - start + 1) * width), phi);
          chunk.push({
            transaction: tx,
            score: scores[i]!,
            model_version: model.version,
            threshold,
            feature_set: featureSet,
            // The model's inputs, in manifest order, so features[k] and phi[k] name the same feature.
            features: projection === null ? vectors[i]! : projection.map((j) => vectors[i]![j]!),
            attributions: { bias, phi: Array.from(phi) },
            context: live.replay.contextSnapshot(tx),
            flaggedAt: deps.flaggedAt === 'transaction' ? new Date(tx.timestamp) : ingestedAt,
          });
          f++;
        }
        live.replay.add(tx);
      }
      reviews.push(chunk);
      spent.replay += performance.now() - t;
    }
  } catch (error) {
    // The batches in flight finish (or fail) before the error is reported; the queue is dropped.
    await reviews.abandon();
    throw error;
  }
  Object.assign(report.phases, spent);
  mark = performance.now();

  // 5. Lake: this file's part in each day it touches, replacing earlier files of the same part. It
  // runs side by side with the review writes still in flight (DuckDB encodes on its own threads); both
  // finish before the checkpoint, which is all exactly-once needs.
  const writeLake = async (): Promise<void> => {
    const t0 = performance.now();
    const written = await writeLakeParts(db, {
      files: deps.files,
      featureSet,
      parts: [
        {
          part,
          rows: rows.map((tx, i) => ({
            tx,
            features: vectors[i]!,
            score: scores[i]!,
            modelVersion: model.version,
          })),
        },
      ],
    });
    report.partitions = written.map((w) => w.dt);
    await removeStaleParts(deps.files, part, new Set(report.partitions));
    report.quarantineFile = await writeQuarantine(deps.files, part, quarantine);
    report.phases.lake = performance.now() - t0;
    await deps.onEvent?.({ kind: 'lake', file, partitions: written.length });
  };
  // 6. The review items still queued or in flight, and the file's high-risk alerts.
  const finishReviews = async (): Promise<void> => {
    await reviews.close();
    report.reviewsCreated = reviews.created;
    report.alerts = reviews.alerts;
    report.phases.reviews = reviews.busyMs;
  };
  const outcomes = await Promise.allSettled([writeLake(), finishReviews()]);
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  phase('lake+reviews');

  // 7. Done: record the file and the state after it.
  live.checkpoint.files[name] = {
    sha256,
    read: report.read,
    accepted: report.accepted,
    quarantined: report.quarantined,
    duplicates: report.duplicates,
    flagged: report.flagged,
    at: now().toISOString(),
  };
  live.checkpoint.features = live.state.snapshot();
  await saveCheckpoint({ files: deps.files, key: deps.checkpointKey ?? CHECKPOINT_KEY }, live.checkpoint);
  phase('checkpoint');
  return finish();
}

/** One line of accounting: read = accepted + quarantined + duplicates. */
export function accountingLine(r: IngestReport): string {
  return `read ${r.read} = accepted ${r.accepted} + quarantined ${r.quarantined} + duplicates ${r.duplicates}; flagged ${r.flagged}`;
}
