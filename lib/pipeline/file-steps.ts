// The steps of ingesting one file, split where a session can overlap two files (ingest.ts):
//
// - `startFile` does everything that reads or moves the feature state: read and validate, quarantine
//   bad rows and ids the lake already holds from other files, compute features from the session's
//   state, score in batch, and hand each flagged row's review item (attributions, context) to a
//   ReviewWriter, which puts them while later rows are still being scored. Files start one after
//   another, in order, so every file sees the state its predecessors left.
// - `finish` writes the file's lake part (with scores and model version) and waits for its review
//   items and high-risk alerts: work on the lake and the store that can run while the next file starts.
//
// The session records the file in the checkpoint only after `finish`.
import path from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import { compareTransactions, type FeatureSetName, type FeatureState } from '@/lib/features';
import { isFileNotFound } from '@/lib/files';
import { partName, YIELD_ROWS, yieldToEventLoop } from '@/lib/lake/build';
import { quarantineLine } from '@/lib/lake/quarantine';
import { writeLakeParts } from '@/lib/lake/writer';
import { sigmoid } from '@/lib/model/scorer';
import { readTransactionBatches, UnreadableFileError } from '@/lib/schema/readers';
import type { Transaction } from '@/lib/schema/transaction';
import type { NewReview } from '@/lib/store';

import { isIngested, type Checkpoint, type CheckpointFile } from './checkpoint';
import { idsInOtherParts } from './duplicates';
import type { IngestDeps, IngestFileOptions, IngestReport } from './ingest';
import { moveToFailed, removeStaleParts, sha256File, writeQuarantine } from './io';
import { ReviewWriter } from './review-writer';
import { localSource, locateSource, sourceName } from './sources';

export const DUPLICATE_REASON = 'already ingested from another file';

/** Rows per features → score → review items step: big enough for batch scoring, small enough to start the store early. */
const SCORE_CHUNK = 8_192;

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

/** What `startFile` works with: the session's checkpoint, feature states and DuckDB connection. */
export interface FileContext {
  deps: IngestDeps;
  featureSet: FeatureSetName;
  /** The model's inputs as positions in the feature set's vector, or null when they are the same. */
  projection: readonly number[] | null;
  checkpoint: Checkpoint;
  /** Leads: computes each row's features. */
  state: FeatureState;
  /** Lags one pass behind `state`: replays the file to take the context of flagged rows. */
  replay: FeatureState;
  db: DuckDBConnection;
}

/** The previous file's lake write, while it may still be running. */
export interface LakeInFlight {
  /** The day partitions it writes. */
  dts: ReadonlySet<string>;
  written: Promise<void>;
}

export type FileStart =
  /** Skipped (already ingested) or failed (unreadable, moved to failed/): nothing more to do. */
  | { kind: 'done'; report: IngestReport }
  | {
      kind: 'started';
      name: string;
      dts: ReadonlySet<string>;
      /**
       * Writes the lake part (after `previous`, the earlier file's lake write, so the two never share
       * the DuckDB connection) and waits for the review items. `written` settles with the lake write;
       * `done` with everything, giving the report and the file's checkpoint entry.
       */
      finish(previous: Promise<void> | null): {
        written: Promise<void>;
        done: Promise<{ report: IngestReport; entry: CheckpointFile }>;
      };
    };

/**
 * Steps 1–4 of a file (see the module comment). `previous` is the earlier file's lake write when it may
 * still be running: this file's duplicate check waits for it when they share a day, and always before
 * querying the lake.
 */
export async function startFile(
  ctx: FileContext,
  options: IngestFileOptions,
  previous: LakeInFlight | null,
): Promise<FileStart> {
  const { deps, featureSet, projection, checkpoint, state, replay, db } = ctx;
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
  const finished = (): IngestReport => ({ ...report, elapsedMs: performance.now() - started });
  const fail = async (reason: string): Promise<FileStart> => {
    report.status = 'failed';
    report.message = reason;
    report.failedFile = await moveToFailed(source, deps.files, reason);
    if (throwOnFailure) throw new IngestFailedError(file, report.failedFile, reason);
    return { kind: 'done', report: finished() };
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
      if (isIngested(checkpoint, name, sha256)) return { kind: 'hashed', sha256, done: true };
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
    // (Thrown before the feature state moves; the session relies on that.)
    if (isFileNotFound(error)) throw error;
    if (error instanceof UnreadableFileError) return fail(error.message);
    throw error;
  }
  if (outcome.kind === 'unreadable') return fail(outcome.reason);
  const { sha256 } = outcome;
  const earlier = checkpoint.files[name];
  if (outcome.done) {
    report.status = 'skipped';
    report.message = `already ingested at ${earlier?.at ?? '?'}`;
    return { kind: 'done', report: finished() };
  }
  if (earlier) {
    report.replaced = true;
    report.message = `content changed since it was ingested at ${earlier.at}: ingested again, replacing its lake part`;
  }
  report.quarantined = quarantine.length;
  phase('read');

  // 3. Ids another file already brought into the partitions this file touches (including the previous
  // file's, once its lake write is done).
  const dts = new Set(accepted.map((tx) => tx.timestamp.slice(0, 10)));
  const lakeReady = previous ? previous.written.catch(() => undefined) : null;
  if (lakeReady && [...dts].some((dt) => previous!.dts.has(dt))) await lakeReady;
  const seen = await idsInOtherParts(db, { files: deps.files, part, dts, beforeQuery: lakeReady });
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
        // The store's and the lake's writes need this thread between their requests.
        if ((i & (YIELD_ROWS - 1)) === YIELD_ROWS - 1) await yieldToEventLoop();
        const v = state.next(rows[i]!, featureSet);
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
        if ((i & (YIELD_ROWS - 1)) === YIELD_ROWS - 1) await yieldToEventLoop();
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
            context: replay.contextSnapshot(tx),
            flaggedAt: deps.flaggedAt === 'transaction' ? new Date(tx.timestamp) : ingestedAt,
          });
          f++;
        }
        replay.add(tx);
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

  return {
    kind: 'started',
    name,
    dts,
    finish(before) {
      mark = performance.now();
      const written = (async () => {
        await before?.catch(() => undefined);
        await writeLake();
      })();
      const done = Promise.allSettled([written, finishReviews()]).then((outcomes) => {
        for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
        phase('lake+reviews');
        const entry: CheckpointFile = {
          sha256,
          read: report.read,
          accepted: report.accepted,
          quarantined: report.quarantined,
          duplicates: report.duplicates,
          flagged: report.flagged,
          at: now().toISOString(),
        };
        return { report: finished(), entry };
      });
      return { written, done };
    },
  };
}
