// Builds the lake from an inbox of transaction files: read and validate each file, quarantine bad rows
// with their reasons, compute features in time order with one feature state carried across files, and
// write each file's rows to its day partitions. Rebuilding from the same inbox gives the same lake.
import fs from 'node:fs/promises';
import path from 'node:path';

import { compareTransactions, FeatureState, type FeatureSetName } from '@/lib/features';
import { detectFormat, readTransactionBatches } from '@/lib/schema/readers';
import type { Transaction } from '@/lib/schema/transaction';

import { openDuckDB } from './duckdb';
import { quarantineLine, writeQuarantineFile } from './quarantine';
import { writeLakeParts, type LakePart } from './writer';

const WRITE_BATCH_ROWS = 100_000;

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
  const reports: FileReport[] = [];
  let totalAccepted = 0;
  // Files are staged together until about WRITE_BATCH_ROWS rows, and one write is left running in
  // DuckDB's threads while the next files are read and featurised.
  let pending: LakePart[] = [];
  let pendingRows = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    await writing;
    const parts = pending;
    pending = [];
    pendingRows = 0;
    writing = writeLakeParts(db, { lakeDir: opts.lakeDir, featureSet: opts.featureSet, parts });
    // Handled here so a failure is not an unhandled rejection while the next files are read; the
    // next `await writing` still throws it.
    writing.catch(() => undefined);
  };
  try {
    for (const [index, file] of files.entries()) {
      const accepted: Transaction[] = [];
      const rejected: string[] = [];
      let read = 0;
      for await (const batch of readTransactionBatches(file)) {
        read += batch.length;
        for (const result of batch) {
          if (result.ok) accepted.push(result.tx);
          else rejected.push(quarantineLine({ source: path.basename(file), ...result }));
        }
      }
      accepted.sort(compareTransactions);
      const part = partName(file);
      pending.push({ part, rows: accepted.map((tx) => ({ tx, features: state.next(tx, opts.featureSet) })) });
      pendingRows += accepted.length;
      if (pendingRows >= WRITE_BATCH_ROWS) await flush();
      await writeQuarantineFile(opts.quarantineDir, part, rejected);
      const report = { file, read, accepted: accepted.length, quarantined: rejected.length };
      reports.push(report);
      totalAccepted += accepted.length;
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
