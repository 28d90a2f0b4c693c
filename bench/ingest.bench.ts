// End-to-end ingestion (issue 4 §2): lib/pipeline's ingestFile on one generated CSV file at three sizes,
// each into a fresh data folder (lake, quarantine, checkpoint) with the embedded dynalite review store
// and the committed model, so every flagged row becomes a review item as in production. The baseline,
// in the same run on the same file, is DuckDB reading the CSV into a count: the parse-only limit of
// this machine. The ingest report's phase split is printed so the bottleneck is visible.
//
// Sizes: 10k, 100k and 1M rows; `--quick` (or BENCH_INGEST_MAX_ROWS=100000) stops at 100k.
//
// Then the demo's own shape: `npm start`'s inbox (the realistic defaults: one CSV file per day) through
// `ingestInbox`, as the first start ingests it: 90 days, or the first 30 with `--quick`. Per-file
// costs (the checkpoint with the whole feature state, the lake part, the first review batch) show here
// and not in the one-file figures. Baseline: DuckDB reading the same files into a count; and the same
// inbox with nothing flagged, the pipeline without the review store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { LocalFileStore } from '@/lib/files';
import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import { getModel } from '@/lib/model/scorer';
import { ingestFile, ingestInbox, type IngestReport } from '@/lib/pipeline';
import { localFolder } from '@/lib/pipeline/sources';
import { defaultOptions, simulate } from '@/lib/simulator';
import { CsvEncoder } from '@/lib/simulator/csv';
import { writeInbox } from '@/lib/simulator/write';
import { openStore, storeSettingsFromEnv, type OpenStore } from '@/lib/store';

import type { BenchResult } from './types';

const SIZES = [10_000, 100_000, 1_000_000];
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const MAX_ROWS = Number(process.env.BENCH_INGEST_MAX_ROWS ?? (quick ? 100_000 : Number.POSITIVE_INFINITY));
const TARGET_ROWS_PER_SECOND = 50_000;
const DEMO_DAYS = quick ? 30 : 90;

const log = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * One CSV file per size, all from one simulation in time order (each file is a prefix of the next
 * larger one): the realistic profile, 5,000 cards and 2,000 terminals, so cards repeat and build
 * history inside the file.
 */
function writeFiles(dir: string, sizes: readonly number[]): string[] {
  const largest = Math.max(...sizes);
  const files = sizes.map((n) => path.join(dir, `transactions-bench-${n}.csv`));
  const fds = files.map((f) => fs.openSync(f, 'w'));
  const encoder = new CsvEncoder();
  const written = sizes.map(() => 0);
  try {
    const options = {
      profile: 'realistic',
      start: '2025-01-01',
      // About 9,700 transactions a day with these populations; enough days for the largest file.
      days: Math.ceil(largest / 9_000) + 1,
      customers: 5000,
      terminals: 2000,
      seed: 17,
    } as const;
    for (const { transactions } of simulate(options)) {
      let open = false;
      sizes.forEach((n, k) => {
        if (written[k]! >= n) return;
        const rows = transactions.slice(0, n - written[k]!);
        fs.writeSync(fds[k]!, encoder.encode(rows, written[k] === 0));
        written[k] = (written[k] ?? 0) + rows.length;
        if (written[k] < n) open = true;
      });
      if (!open) break;
    }
  } finally {
    fds.forEach((fd) => fs.closeSync(fd));
  }
  sizes.forEach((n, k) => {
    if (written[k] !== n) throw new Error(`simulated ${written[k]} rows for a ${n}-row file`);
  });
  return files;
}

/** Best-of-2 wall time of DuckDB counting the CSV's rows (it reads and parses every column); a glob reads many. */
async function duckCountMs(file: string, rows: number): Promise<number> {
  return withDuckDB(async (db) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      const reader = await db.runAndReadAll(
        `SELECT count(*) AS n FROM read_csv(${sqlString(file)}, header = true, all_varchar = false)`,
      );
      best = Math.min(best, performance.now() - t);
      const n = Number(reader.getRows()[0]?.[0]);
      if (n !== rows) throw new Error(`DuckDB counted ${n} rows in ${file}, expected ${rows}`);
    }
    return best;
  });
}

/** A new data folder with its own embedded store, whatever the environment says: this bench measures the local deployment. */
async function freshDataDir(dataDir: string): Promise<{ dataDir: string; opened: OpenStore }> {
  fs.mkdirSync(dataDir);
  const settings = storeSettingsFromEnv({
    ...process.env,
    FRAUD_DYNAMODB_REGION: undefined,
    FRAUD_DYNAMODB_ENDPOINT: undefined,
  });
  return { dataDir, opened: await openStore(settings, dataDir) };
}

/** The report's phases with their share of the file's time (lake and reviews run side by side). */
const phaseLine = (report: IngestReport): string =>
  Object.entries(report.phases)
    .map(([phase, ms]) => `${phase} ${fmt(ms)} ms (${Math.round((ms / report.elapsedMs) * 100)}%)`)
    .join(', ');

export async function benchIngest(): Promise<BenchResult[]> {
  const sizes = SIZES.filter((n) => n <= MAX_ROWS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
  const results: BenchResult[] = [];
  try {
    const t0 = performance.now();
    const files = writeFiles(dir, sizes);
    log(
      `ingest bench: ${sizes.map(fmt).join(' / ')}-row CSV files written in ${fmt(performance.now() - t0)} ms`,
    );
    const model = await getModel();

    for (const [k, rows] of sizes.entries()) {
      const file = files[k]!;
      const { dataDir, opened } = await freshDataDir(path.join(dir, `data-${rows}`));
      let report: IngestReport;
      let ms: number;
      // Process CPU (this thread, DuckDB's threads and dynalite's worker thread): on a shared machine
      // the wall time also says how much of the CPU the neighbours left.
      let cpuMs: number;
      try {
        const started = performance.now();
        const cpu0 = process.cpuUsage();
        report = await ingestFile(
          { store: opened.store, model, files: new LocalFileStore(dataDir) },
          { file },
        );
        ms = performance.now() - started;
        const { user, system } = process.cpuUsage(cpu0);
        cpuMs = (user + system) / 1000;
      } finally {
        await opened.close();
      }
      if (report.status !== 'ingested') throw new Error(`${file}: ${report.status} (${report.message})`);
      const duckMs = await duckCountMs(file, rows);
      const rate = (report.read * 1000) / ms;
      const mb = fs.statSync(file).size / 1e6;
      log(
        `  ${fmt(rows)} rows (${mb.toFixed(0)} MB): ${fmt(rate)} rows/s in ${(ms / 1000).toFixed(1)} s ` +
          `(process CPU ${(cpuMs / 1000).toFixed(1)} s, ${fmt((cpuMs * 1000) / rows)} µs/row); ` +
          `${fmt(report.flagged)} flagged, ${fmt(report.reviewsCreated)} review items, ${report.partitions.length} day partitions; ` +
          `DuckDB count ${fmt((rows * 1000) / duckMs)} rows/s\n    phases: ${phaseLine(report)}`,
      );
      results.push({
        name: `ingestFile, ${fmt(rows)} rows in one CSV file (${mb.toFixed(0)} MB)`,
        value: rate,
        unit: 'rows/s',
        baseline: { name: 'DuckDB read_csv → count(*), same file', value: (rows * 1000) / duckMs },
        note:
          `${fmt(report.flagged)} flagged → ${fmt(report.reviewsCreated)} review items; ` +
          `process CPU ${fmt((cpuMs * 1000) / rows)} µs/row; phases: ${phaseLine(report)}; ` +
          `target ≥ ${fmt(TARGET_ROWS_PER_SECOND)} rows/s ${rate >= TARGET_ROWS_PER_SECOND ? '✓' : '✗'}`,
      });
    }
    results.push(...(await benchDemoInbox(dir, model)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

interface InboxRun {
  report: Awaited<ReturnType<typeof ingestInbox>>;
  rate: number;
  flagged: number;
  cpuPerRow: number;
  /** Each phase's time summed over the files (files overlap, so these add up to more than the run). */
  phases: string;
}

/** The inbox through one ingestion session, into a fresh data folder and store. */
async function ingestDemo(
  inbox: string,
  dataDir: string,
  model: Awaited<ReturnType<typeof getModel>>,
  liveThreshold?: () => Promise<number>,
): Promise<InboxRun> {
  const { opened } = await freshDataDir(dataDir);
  const files = new LocalFileStore(dataDir);
  const cpu0 = process.cpuUsage();
  let report: InboxRun['report'];
  try {
    report = await ingestInbox(
      { store: opened.store, model, files, ...(liveThreshold ? { liveThreshold } : {}) },
      { inbox: localFolder(inbox, files) },
    );
  } finally {
    await opened.close();
  }
  const { user, system } = process.cpuUsage(cpu0);
  const phases: Record<string, number> = {};
  for (const f of report.files)
    for (const [k, ms] of Object.entries(f.phases)) phases[k] = (phases[k] ?? 0) + ms;
  return {
    report,
    rate: (report.rows * 1000) / report.elapsedMs,
    flagged: report.files.reduce((n, f) => n + f.flagged, 0),
    cpuPerRow: (user + system) / report.rows,
    phases: Object.entries(phases)
      .map(([k, ms]) => `${k} ${fmt(ms)} ms`)
      .join(', '),
  };
}

/**
 * The demo inbox (day files) as the first start ingests it, then the same files with nothing flagged
 * (a live threshold above every score): the pipeline without the review store, to show the store's
 * share of the time.
 */
async function benchDemoInbox(
  dir: string,
  model: Awaited<ReturnType<typeof getModel>>,
): Promise<BenchResult[]> {
  const inbox = path.join(dir, 'demo-inbox');
  const summary = writeInbox({ ...defaultOptions('realistic'), days: DEMO_DAYS }, inbox, 'csv');
  const run = await ingestDemo(inbox, path.join(dir, 'data-demo'), model);
  const bare = await ingestDemo(inbox, path.join(dir, 'data-demo-unflagged'), model, async () => 1.01);
  for (const { report } of [run, bare])
    if (report.failed > 0 || report.rows !== summary.transactions)
      throw new Error(
        `demo inbox: ${report.failed} files failed, ${report.rows} of ${summary.transactions} rows`,
      );
  if (bare.flagged !== 0) throw new Error(`demo inbox with threshold 1.01: ${bare.flagged} flagged`);
  const { rows } = run.report;
  const duck = (rows * 1000) / (await duckCountMs(path.join(inbox, '*.csv'), rows));
  const files = run.report.files.length;
  for (const [label, r] of [
    ['', run],
    [' (nothing flagged)', bare],
  ] as const)
    log(
      `  demo inbox${label}, ${files} day files, ${fmt(rows)} rows: ${fmt(r.rate)} rows/s in ` +
        `${(r.report.elapsedMs / 1000).toFixed(1)} s (process CPU ${fmt(r.cpuPerRow)} µs/row); ${fmt(r.flagged)} flagged; ` +
        `DuckDB count ${fmt(duck)} rows/s\n    phases summed over the files (they overlap): ${r.phases}`,
    );
  const target = (rate: number) =>
    `target ≥ ${fmt(TARGET_ROWS_PER_SECOND)} rows/s ${rate >= TARGET_ROWS_PER_SECOND ? '✓' : '✗'}`;
  const baseline = { name: 'DuckDB read_csv of the same files → count(*)', value: duck };
  return [
    {
      name: `ingestInbox, the demo inbox: ${files} day files, ${fmt(rows)} rows`,
      value: run.rate,
      unit: 'rows/s',
      baseline,
      note:
        `${fmt(run.flagged)} flagged; process CPU ${fmt(run.cpuPerRow)} µs/row; ` +
        `${(run.rate / bare.rate).toFixed(2)}× the rate with nothing flagged; phases summed: ${run.phases}; ${target(run.rate)}`,
    },
    {
      name: `ingestInbox, the same demo inbox with nothing flagged (threshold above every score)`,
      value: bare.rate,
      unit: 'rows/s',
      baseline,
      note: `the pipeline without review items; process CPU ${fmt(bare.cpuPerRow)} µs/row; phases summed: ${bare.phases}`,
    },
  ];
}
