// `npm run model:train -- --lake DIR --profile P [...]`: exports the training table from the lake with the
// TypeScript features, hands it to model/train.py (Debian's /usr/bin/python3) and leaves the model,
// manifest, card and parity fixtures in model/ or --out.
//
// The table goes to Python as CSV: Debian packages no Parquet reader for Python (no pyarrow or
// fastparquet), and the features must not be recomputed there, so DuckDB converts the Parquet export.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { FEATURE_SETS, isFeatureSetName, type FeatureSetName } from '@/lib/features';
import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import { exportTrainingTable } from '@/lib/lake/export';
import { transactionsSource } from '@/lib/lake/transactions-table';

import { fmt, parseCli, required, runCli, seconds, UsageError } from './lib/cli';

const USAGE = `
Usage: npm run model:train -- --lake LAKE --profile handbook|realistic [options]

Exports the lake's transactions with their features, trains XGBoost and a logistic-regression baseline
with an honest time split (train, label-delay gap, test week), and writes model.onnx, manifest.json,
MODEL_CARD.md and fixtures/parity.json.

Options:
  --lake DIR           lake root (required)
  --profile P          simulator profile the lake was built from (required; recorded in the manifest)
  --protocol NAME      rolling (default): test = the last 7 days, train = the 28 days before the gap
                       handbook: train 2018-07-25..07-31, 7-day delay, test 2018-08-08..08-14
  --out DIR            where the artifacts go (default: model/, the served model)
  --from, --to DAY     export window YYYY-MM-DD (default: all of the lake)
  --features SET       feature set (default: the lake's own)
  --train-days N       length of the train window
  --warmup-days N      rolling: days skipped at the start while 30-day windows fill (default 37)
  --test-start DAY     first test day
  --alert-budget N     alerts per day the threshold is set for (default 100)
  --seed N             training seed (default 0)
  --quick              tiny hyper-parameter grid, one validation week (CI smoke runs)
  --keep-table         keep the exported Parquet/CSV in the temp folder and print where
  --labels FILE        analyst labels from \`npm run labels:export\`; they override the lake's labels

Environment: MODEL_PYTHON overrides the interpreter (default /usr/bin/python3).

Example:
  npm run simulate -- --profile realistic --days 120 --start 2025-01-01 --seed 7 --out .data/inbox
  npm run lake:build -- --in .data/inbox --lake .data/lake --profile realistic
  npm run model:train -- --lake .data/lake --profile realistic
`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TRAIN_PY = path.join(ROOT, 'model', 'train.py');
const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function lakeDays(lakeDir: string): Promise<{ first: string; last: string }> {
  return withDuckDB(async (db) => {
    const reader = await db
      .runAndReadAll(`SELECT min(dt) AS first, max(dt) AS last FROM ${transactionsSource(lakeDir)}`)
      .catch((e: unknown) => {
        throw new Error(`cannot read the lake at ${lakeDir}: ${e instanceof Error ? e.message : String(e)}`);
      });
    const [row] = reader.getRowObjectsJS() as { first: string | null; last: string | null }[];
    if (!row?.first || !row.last) throw new Error(`the lake at ${lakeDir} has no transactions`);
    return { first: row.first, last: row.last };
  });
}

function runPython(args: string[]): Promise<void> {
  const python = process.env.MODEL_PYTHON ?? '/usr/bin/python3';
  return new Promise((resolve, reject) => {
    const child = spawn(python, [TRAIN_PY, ...args], {
      stdio: 'inherit',
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    });
    child.on('error', (e) =>
      reject(new Error(`cannot run ${python}: ${e.message} (see docs/MODEL.md for the Debian packages)`)),
    );
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`model/train.py failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, {
    lake: { type: 'string' },
    profile: { type: 'string' },
    protocol: { type: 'string', default: 'rolling' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    features: { type: 'string' },
    'train-days': { type: 'string' },
    'warmup-days': { type: 'string' },
    'test-start': { type: 'string' },
    'alert-budget': { type: 'string' },
    seed: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'keep-table': { type: 'boolean', default: false },
    labels: { type: 'string' },
  });
  const lakeDir = path.resolve(required(values.lake, '--lake'));
  const profile = required(values.profile, '--profile');
  const protocol = values.protocol;
  if (protocol !== 'rolling' && protocol !== 'handbook')
    throw new UsageError(`unknown protocol "${protocol}"`);
  const featureSet = values.features;
  if (featureSet !== undefined && !isFeatureSetName(featureSet))
    throw new UsageError(`unknown feature set "${featureSet}"`);
  for (const flag of ['from', 'to', 'test-start'] as const) {
    const v = values[flag];
    if (v !== undefined && !DAY.test(v)) throw new UsageError(`--${flag} must be YYYY-MM-DD`);
  }
  for (const flag of ['train-days', 'warmup-days', 'alert-budget', 'seed'] as const) {
    const v = values[flag];
    if (v !== undefined && !(Number(v) >= 0)) throw new UsageError(`--${flag} must be a non-negative number`);
  }
  const outDir = path.resolve(values.out ?? path.join(ROOT, 'model'));
  const started = performance.now();

  const days = await lakeDays(lakeDir);
  const from = values.from ?? days.first;
  // The handbook protocol ends on 2018-08-14; exporting later days would only cost time.
  const to = values.to ?? (protocol === 'handbook' && days.last > '2018-08-14' ? '2018-08-14' : days.last);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'model-train-'));
  try {
    const parquet = path.join(work, 'table.parquet');
    const csv = path.join(work, 'table.csv');
    process.stdout.write(`exporting ${lakeDir} ${from}..${to}\n`);
    const exported = await exportTrainingTable({
      lakeDir,
      from,
      to,
      out: parquet,
      featureSet: featureSet as FeatureSetName | undefined,
      ...(values.labels ? { labelsFile: path.resolve(values.labels) } : {}),
    });
    process.stdout.write(
      `exported ${fmt(exported.rows)} rows (${fmt(exported.frauds)} frauds), ${exported.featureNames.length} features (${exported.featureSet}) in ${seconds(performance.now() - started)}\n`,
    );
    if (values.labels)
      process.stdout.write(
        `analyst labels: ${fmt(exported.analystLabels)} rows labelled by analysts, ${fmt(exported.analystOverrides)} of them differ from the lake's label\n`,
      );
    await withDuckDB((db) =>
      db.run(`COPY (SELECT * FROM read_parquet(${sqlString(parquet)})) TO ${sqlString(csv)} (HEADER)`),
    );
    const spec = {
      featureSet: exported.featureSet,
      features: exported.featureNames,
      // The handbook's 15 features: the baseline the handbook protocol compares against.
      baselineFeatures: FEATURE_SETS.handbook,
      profile,
      source: { lake: lakeDir, from, to, rows: exported.rows, frauds: exported.frauds },
    };
    const specPath = path.join(work, 'spec.json');
    await fs.writeFile(specPath, JSON.stringify(spec, null, 2));
    process.stdout.write(`table as CSV for Python in ${seconds(performance.now() - started)}; training\n`);

    const args = ['--table', csv, '--spec', specPath, '--out', outDir, '--protocol', protocol];
    const pass = {
      'train-days': '--train-days',
      'warmup-days': '--warmup-days',
      'test-start': '--test-start',
      'alert-budget': '--alert-budget',
      seed: '--seed',
    } as const;
    for (const [flag, pyFlag] of Object.entries(pass) as [keyof typeof pass, string][]) {
      const v = values[flag];
      if (v !== undefined) args.push(pyFlag, v);
    }
    if (values.quick) args.push('--quick');
    const summary = path.join(outDir, 'handbook.json');
    if (existsSync(summary)) args.push('--handbook-summary', summary);
    await runPython(args);
  } finally {
    if (values['keep-table']) process.stdout.write(`kept the exported table in ${work}\n`);
    else await fs.rm(work, { recursive: true, force: true });
  }
  process.stdout.write(`model written to ${outDir} in ${seconds(performance.now() - started)}\n`);
});
