// Ingests one transaction file exactly once: read and validate, quarantine bad rows and ids the lake
// already holds from other files, compute features from the checkpointed feature state, score in batch,
// write the lake part (with score and model version), put flagged rows in the review store with their
// attributions and context, raise high-risk alerts, and only then record the file in the checkpoint.
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

import { highRiskAlert, type AlertDispatcher } from '@/lib/alerts';
import { compareTransactions, FeatureState, type ContextSnapshot, type FeatureSetName } from '@/lib/features';
import { isFileNotFound, type FileStore } from '@/lib/files';
import { partName } from '@/lib/lake/build';
import { openDuckDB } from '@/lib/lake/duckdb';
import { quarantineLine } from '@/lib/lake/quarantine';
import { writeLakeParts } from '@/lib/lake/writer';
import { modelFeatureSet } from '@/lib/model/feature-set';
import { sigmoid, type FraudModel } from '@/lib/model/scorer';
import { readTransactionBatches, UnreadableFileError } from '@/lib/schema/readers';
import type { Transaction } from '@/lib/schema/transaction';
import { putReviewItems, type NewReview, type Store } from '@/lib/store';

import { isIngested, loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint';
import { idsInOtherParts } from './duplicates';
import { CHECKPOINT_KEY, moveToFailed, removeStaleParts, sha256File, writeQuarantine } from './io';
import { localSource, locateSource, sourceName, type SourceFile } from './sources';

export const DUPLICATE_REASON = 'already ingested from another file';

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
  /** Review items written per batch (default 500); a progress event follows each batch. */
  reviewBatch?: number;
  /** Progress events; an async handler is awaited (the kill test holds the process here). */
  onEvent?: (event: IngestEvent) => void | Promise<void>;
}

export type IngestEvent =
  | { kind: 'read'; file: string; read: number; accepted: number; quarantined: number; duplicates: number }
  | { kind: 'lake'; file: string; partitions: number }
  | { kind: 'review'; file: string; created: number; done: number; of: number };

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

  // 4. Features (time order, from the checkpointed state) and batch scores.
  rows.sort(compareTransactions);
  const { model } = deps;
  const width = model.features.length;
  const vectors: number[][] = new Array<number[]>(rows.length);
  const packed = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const v = live.state.next(rows[i]!, featureSet);
    vectors[i] = v;
    if (projection === null) packed.set(v, i * width);
    else for (let k = 0; k < width; k++) packed[i * width + k] = v[projection[k]!]!;
  }
  phase('features');
  const margins = rows.length > 0 ? await model.margins(packed) : new Float32Array(0);
  const scores = Array.from(margins, sigmoid);
  const threshold = deps.liveThreshold ? await deps.liveThreshold() : model.threshold;
  const flagged: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= threshold) flagged.push(i);
  report.flagged = flagged.length;
  phase('score');

  // The context before each flagged row: the lagging state replays the file and is read just before
  // those rows (copying every row's context would cost far more than a second pass of `add`).
  const contexts = new Map<number, ContextSnapshot>();
  for (let i = 0, f = 0; i < rows.length; i++) {
    const tx = rows[i]!;
    if (flagged[f] === i) {
      contexts.set(i, live.replay.contextSnapshot(tx));
      f++;
    }
    live.replay.add(tx);
  }
  phase('replay');

  // 5 and 6 run side by side (DuckDB writes on its own threads while the store puts are in flight);
  // both finish before the checkpoint, which is all exactly-once needs.
  // 5. Lake: this file's part in each day it touches, replacing earlier files of the same part.
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

  // 6. Review items (conditional puts) and alerts.
  const ingestedAt = now();
  const phi = new Float64Array(width);
  const reviewFor = (i: number): NewReview => {
    const tx = rows[i]!;
    const bias = model.shapInto(packed.subarray(i * width, (i + 1) * width), phi);
    return {
      transaction: tx,
      score: scores[i]!,
      model_version: model.version,
      threshold,
      feature_set: featureSet,
      // The model's inputs, in manifest order, so features[k] and phi[k] name the same feature.
      features: projection === null ? vectors[i]! : projection.map((j) => vectors[i]![j]!),
      attributions: { bias, phi: Array.from(phi) },
      context: contexts.get(i)!,
      flaggedAt: deps.flaggedAt === 'transaction' ? new Date(tx.timestamp) : ingestedAt,
    };
  };
  // Batches (BatchGet + BatchWrite inside putReviewItems) rather than one conditional put per item:
  // the store spends its time per request, and this session is the only creator of review items.
  const putReviews = async (): Promise<void> => {
    const t0 = performance.now();
    const batch = Math.max(1, deps.reviewBatch ?? 500);
    for (let start = 0; start < flagged.length; start += batch) {
      const reviews = flagged.slice(start, start + batch).map(reviewFor);
      const { created } = await putReviewItems(deps.store, reviews);
      reviews.forEach((review, k) => {
        if (created[k]) report.reviewsCreated++;
        const alert = deps.alerts
          ? highRiskAlert(review, { highRiskScore: deps.alerts.highRiskScore, now: ingestedAt })
          : null;
        if (alert && deps.alerts) {
          deps.alerts.dispatcher.submit(alert);
          report.alerts++;
        }
      });
      await deps.onEvent?.({
        kind: 'review',
        file,
        created: created.filter(Boolean).length,
        done: start + reviews.length,
        of: flagged.length,
      });
    }
    if (deps.alerts) await deps.alerts.dispatcher.drain();
    report.phases.reviews = performance.now() - t0;
  };
  const outcomes = await Promise.allSettled([writeLake(), putReviews()]);
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
