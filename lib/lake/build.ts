// Builds the lake from an inbox of transaction files: read and validate each file, quarantine bad rows
// with their reasons, compute features in time order with one feature state carried across files, and
// write each file's rows to its day partitions. Rebuilding from the same inbox gives the same lake.
import fs from 'node:fs/promises';
import path from 'node:path';

import { FeatureState, type FeatureSetName } from '@/lib/features';
import { detectFormat } from '@/lib/schema/readers';

import { openDuckDB } from './duckdb';
import { InboxCursor } from './inbox-file';
import { InboxReader } from './inbox-reader';
import { LakeColumnsBuilder } from './lake-columns';
import { writeQuarantineFile } from './quarantine';
import { writeLakeColumns } from './writer';

const WRITE_BATCH_ROWS = 100_000;
/** Rows featurised between turns of the event loop while a write is in flight (a power of two). */
export const YIELD_ROWS = 1024;

/** Lets I/O callbacks run (a write in flight makes progress) in the middle of a long loop. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface FileReport {
  file: string;
  read: number;
  accepted: number;
  quarantined: number;
}

export interface BuildProgress extends FileReport {
  index: number;
  files: number;
  totalAccepted: number;
  elapsedMs: number;
}

export interface BuildReport {
  files: FileReport[];
  accepted: number;
  quarantined: number;
  elapsedMs: number;
  featureSet: FeatureSetName;
}

/** Inbox files the readers understand, in name order (the simulator names them by day). */
export async function listInbox(inboxDir: string): Promise<string[]> {
  const names = await fs.readdir(inboxDir);
  return names
    .filter((name) => {
      // Dot files are partial writes (the simulator renames `.name.partial` into place) or hidden.
      if (name.startsWith('.')) return false;
      try {
        detectFormat(name);
        return true;
      } catch {
        return false;
      }
    })
    .sort()
    .map((name) => path.join(inboxDir, name));
}

/** A lake part name for a source file: its base name without extension, made path-safe. */
export const partName = (file: string): string =>
  path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .replace(/[^\w.=-]/g, '_');

export async function buildLake(opts: {
  inboxDir: string;
  lakeDir: string;
  quarantineDir: string;
  featureSet: FeatureSetName;
  onProgress?: (p: BuildProgress) => void;
}): Promise<BuildReport> {
  const started = performance.now();
  const files = await listInbox(opts.inboxDir);
  if (files.length === 0)
    throw new Error(`no transaction files (.csv, .ndjson, .jsonl, .json) in ${opts.inboxDir}`);
  const state = new FeatureState();
  const db = await openDuckDB();
  // Files are read and validated ahead, in a worker thread, while this thread computes features.
  const reader = new InboxReader(files);
  const reports: FileReport[] = [];
  let totalAccepted = 0;
  // Files are gathered as columns until about WRITE_BATCH_ROWS rows, and one write is left running in
  // DuckDB's threads while the next files are read and featurised.
  let pending = new LakeColumnsBuilder(opts.featureSet, WRITE_BATCH_ROWS + 20_000);
  let writing: Promise<unknown> = Promise.resolve();
  let inFlight = false;
  const flush = async () => {
    await writing;
    const columns = pending.finish();
    pending = new LakeColumnsBuilder(opts.featureSet, WRITE_BATCH_ROWS + 20_000);
    inFlight = true;
    writing = writeLakeColumns(db, { lakeDir: opts.lakeDir }, columns);
    // Handled here so a failure is not an unhandled rejection while the next files are read; the
    // next `await writing` still throws it.
    writing.then(
      () => (inFlight = false),
      () => (inFlight = false),
    );
  };
  try {
    for (const [index, file] of files.entries()) {
      const rows = await reader.next();
      const part = partName(file);
      const cursor = new InboxCursor(rows);
      const width = pending.featureCount;
      const features = new Float64Array(rows.length * width);
      for (let i = 0; i < rows.length; i++) {
        const vector = state.nextAt(cursor.at(i), rows.tsMs[i]!, opts.featureSet);
        // A plain loop: TypedArray#set from an array takes a slower generic path.
        for (let k = 0, at = i * width; k < width; k++) features[at + k] = vector[k]!;
        // The write in flight reads its rows through a table function whose calls run on this thread:
        // let them in now and then so DuckDB keeps encoding while the features are computed.
        if ((i & (YIELD_ROWS - 1)) === YIELD_ROWS - 1 && inFlight) await yieldToEventLoop();
      }
      pending.addInboxFile(part, rows, features);
      if (pending.rows >= WRITE_BATCH_ROWS) await flush();
      await writeQuarantineFile(opts.quarantineDir, part, rows.rejected);
      const report = { file, read: rows.read, accepted: rows.length, quarantined: rows.rejected.length };
      reports.push(report);
      totalAccepted += rows.length;
      opts.onProgress?.({
        ...report,
        index,
        files: files.length,
        totalAccepted,
        elapsedMs: performance.now() - started,
      });
    }
    await flush();
    await writing;
  } finally {
    await writing.catch(() => undefined);
    db.closeSync();
    await reader.close();
  }
  return {
    files: reports,
    accepted: totalAccepted,
    quarantined: reports.reduce((n, r) => n + r.quarantined, 0),
    elapsedMs: performance.now() - started,
    featureSet: opts.featureSet,
  };
}

/** The feature set a simulator profile's data supports. */
export function defaultFeatureSet(profile: string): FeatureSetName {
  if (profile === 'handbook') return 'handbook_plus';
  if (profile === 'realistic') return 'realistic';
  throw new Error(`unknown profile "${profile}" (expected handbook or realistic)`);
}
