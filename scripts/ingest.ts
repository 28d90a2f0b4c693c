// `npm run ingest -- PATH` (a file or a folder, local or s3://bucket/prefix) and `npm run ingest --
// --watch INBOX`: the ingestion worker. The lake, quarantine, failed/ and the checkpoint are on the file
// store the environment configures (lib/files: an S3 bucket when FRAUD_S3_BUCKET is set, otherwise the
// data folder, FRAUD_DATA_DIR, default .data); the review store is dynalite under the data folder (or
// DynamoDB when FRAUD_DYNAMODB_REGION is set); the model is ./model.
import path from 'node:path';

import { alertConfigFromEnv } from '@/lib/alerts';
import { dataPaths } from '@/lib/config/paths';
import { fileStoreFromEnv, LocalFileStore, type FileStore } from '@/lib/files';
import { modelFeatureSet } from '@/lib/model/feature-set';
import { getModel } from '@/lib/model/scorer';
import {
  accountingLine,
  ingestFile,
  ingestInbox,
  locateFolder,
  resolveLocation,
  storeRoot,
  watchInbox,
  type IngestDeps,
  type IngestReport,
} from '@/lib/pipeline';
import { productionIngestDeps } from '@/lib/pipeline/deps';
import { openStore, storeSettingsFromEnv } from '@/lib/store';
import { getLiveThreshold } from '@/lib/threshold/live';

import { fmt, parseCli, perSecond, runCli, seconds, UsageError } from './lib/cli';

const USAGE = `
Usage: npm run ingest -- PATH            ingest a transaction file, or every file under a folder (name order)
       npm run ingest -- s3://BUCKET/PREFIX   every transaction object under the prefix (key order), or one object
       npm run ingest -- --watch INBOX   poll INBOX (a folder or s3:// prefix) and ingest new or changed files until Ctrl-C

Each file is ingested exactly once (by name and sha256, recorded in the checkpoint): rows are
validated (bad rows and ids already in the lake from another file go to the quarantine folder), get
features and a score, are written to the Parquet lake, and rows at or above the live threshold (the
model's, unless an admin changed it on /dashboard/threshold) become review items with attributions. A
file that cannot be read is moved to failed/ with its error. A folder or --watch run writes the
checkpoint every 10 s and when it ends ("checkpoint: N files recorded"): files listed before an
interruption but not yet recorded are ingested again by the next run, to the same result.

Options:
  --watch             poll the folder instead of a single pass
  --interval SECONDS  polling interval with --watch (default 2)
  --flagged-at WHEN   review items' flagged time: "ingestion" (default) or "transaction" (replayed history)

Environment: FRAUD_DATA_DIR (default .data), FRAUD_S3_BUCKET, FRAUD_S3_PREFIX, FRAUD_S3_REGION,
FRAUD_S3_ENDPOINT (lake, quarantine, failed/ and checkpoint on S3 instead of the data folder; also the
endpoint and region for s3:// sources), FRAUD_MODEL_DIR, FRAUD_DYNAMODB_REGION (use AWS DynamoDB),
FRAUD_ALERT_* (alert channels).
`;

/**
 * The data folder's lake and quarantine must be the console's: FRAUD_LAKE_DIR / FRAUD_QUARANTINE_DIR
 * elsewhere would make ingestion and the console disagree silently, so they are refused.
 */
function checkLocalLayout(files: FileStore): void {
  if (!(files instanceof LocalFileStore)) return;
  const paths = dataPaths();
  for (const [variable, actual, expected] of [
    ['FRAUD_LAKE_DIR', paths.lakeDir, path.join(files.rootDir, 'lake')],
    ['FRAUD_QUARANTINE_DIR', paths.quarantineDir, path.join(files.rootDir, 'quarantine')],
  ] as const) {
    if (actual !== expected)
      throw new UsageError(
        `${variable}=${actual} is not ${expected}: ingestion writes the data folder's fixed layout (docs/FILES.md); set FRAUD_DATA_DIR instead`,
      );
  }
}

/**
 * One file's result. In a folder run (`run`: rows and milliseconds so far) files overlap, so the rate
 * shown is the run's; a single file shows its own.
 */
function fileLine(r: IngestReport, run?: { rows: number; ms: number }): string {
  const { name } = r;
  if (r.status === 'skipped') return `  ${name}: skipped (${r.message})`;
  if (r.status === 'failed')
    return `  ${name}: FAILED — ${r.message}\n    moved to ${r.failedFile ?? '?'} (error in ${r.failedFile ?? '?'}.error.txt)`;
  const note = r.replaced ? `\n    note: ${r.message}` : '';
  const quarantine = r.quarantineFile ? `\n    rejected rows: ${r.quarantineFile}` : '';
  const phases = process.env.FRAUD_INGEST_PHASES
    ? `\n    phases: ${Object.entries(r.phases)
        .map(([k, ms]) => `${k} ${Math.round(ms)} ms`)
        .join(', ')}`
    : '';
  return (
    `  ${name}: ${fmt(r.read)} rows ${run ? `(${fmt(run.rows)} so far, ${perSecond(run.rows, run.ms)})` : `in ${seconds(r.elapsedMs)} (${perSecond(r.read, r.elapsedMs)})`} · ` +
    `${accountingLine(r)}, ${r.reviewsCreated} new review items${r.alerts ? `, ${r.alerts} alerts` : ''}${note}${quarantine}${phases}`
  );
}

runCli(USAGE, async () => {
  const { values, positionals } = parseCli(USAGE, {
    watch: { type: 'boolean' },
    interval: { type: 'string' },
    'flagged-at': { type: 'string' },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      values.watch ? 'give one INBOX folder to watch' : 'give one file or folder to ingest',
    );
  const target = positionals[0]!;
  const flaggedAt = values['flagged-at'] ?? 'ingestion';
  if (flaggedAt !== 'ingestion' && flaggedAt !== 'transaction')
    throw new UsageError(`--flagged-at must be "ingestion" or "transaction", not "${flaggedAt}"`);
  const intervalMs = Math.round(Number(values.interval ?? '2') * 1000);
  if (!Number.isFinite(intervalMs) || intervalMs < 100)
    throw new UsageError('--interval must be a number of seconds ≥ 0.1');

  const files = fileStoreFromEnv();
  checkLocalLayout(files);
  const located = await resolveLocation(target, files);
  if (located === null) throw new UsageError(`no such file or folder: ${path.resolve(target)}`);
  const where =
    located.kind === 'file' ? located.source.files.locate(located.source.key) : locateFolder(located.folder);
  const watchFolder = values.watch ? (located.kind === 'folder' ? located.folder : null) : undefined;
  if (watchFolder === null)
    throw new UsageError(`--watch needs a folder or an s3:// prefix; ${where} is a file`);

  const paths = dataPaths();
  const alertConfig = alertConfigFromEnv();
  const model = await getModel();
  const { set: featureSet, projection } = modelFeatureSet(model);
  const opened = await openStore(storeSettingsFromEnv(), paths.dataDir);
  const built = productionIngestDeps({ store: opened.store, model, files, alertConfig, flaggedAt });
  const { dispatcher } = built;
  const deps: IngestDeps = {
    ...built.deps,
    onEvent: (e) => {
      if (e.kind === 'checkpoint' && located.kind === 'folder')
        process.stderr.write(`  checkpoint: ${e.files} file${e.files === 1 ? '' : 's'} recorded\n`);
    },
  };
  const live = await getLiveThreshold(opened.store, model);
  process.stderr.write(
    `ingest ${where} → lake, quarantine, failed/ and checkpoint in ${storeRoot(files)} (model ${model.version}, features ${featureSet}${projection ? ` (model uses ${projection.length} of them)` : ''}, threshold ${live.value.toFixed(4)}${live.source === 'audit' ? ` (live, set by ${live.change?.actor ?? '?'}; manifest ${model.threshold.toFixed(4)})` : ''})\n`,
  );

  try {
    if (watchFolder) {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.stderr.write(`watching ${where} every ${intervalMs / 1000} s (Ctrl-C to stop)\n`);
      await watchInbox(deps, {
        inbox: watchFolder,
        intervalMs,
        signal: controller.signal,
        onFile: (r) => {
          if (r.status !== 'skipped') process.stderr.write(`${fileLine(r)}\n`);
        },
        onError: (e) =>
          process.stderr.write(`  poll failed: ${e instanceof Error ? e.message : String(e)} (retrying)\n`),
      });
      process.stderr.write('stopped\n');
    } else if (located.kind === 'folder') {
      const started = performance.now();
      let rows = 0;
      const report = await ingestInbox(deps, {
        inbox: located.folder,
        onFile: (r, i, n) => {
          if (r.status === 'ingested') rows += r.read;
          const run = { rows, ms: performance.now() - started };
          process.stderr.write(`[${i + 1}/${n}]${fileLine(r, run).slice(1)}\n`);
        },
      });
      if (report.files.length === 0)
        process.stderr.write(`no transaction files (.csv, .ndjson, .jsonl, .json) in ${where}\n`);
      const ms = performance.now() - started;
      process.stderr.write(
        `done: ${report.ingested} ingested, ${report.skipped} skipped, ${report.failed} failed · ${fmt(report.rows)} rows in ${seconds(ms)} (${perSecond(report.rows, ms)})\n`,
      );
      if (report.failed > 0) process.exitCode = 1;
    } else {
      const report = await ingestFile(deps, { file: located.source });
      process.stderr.write(`${fileLine(report)}\n`);
      if (report.status === 'failed') process.exitCode = 1;
    }
  } finally {
    await dispatcher.drain();
    await opened.close();
  }
});
