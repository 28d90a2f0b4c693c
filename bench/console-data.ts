// The console bench's data: one FRAUD_DATA_DIR per size, holding a Parquet lake in the real layout
// (lake/transactions/dt=YYYY-MM-DD/part-*.parquet, BASE_COLUMNS then the served model's 33 feature
// columns, written by DuckDB from range()) and the embedded review store with the lake's top-scored
// rows as review items (the flagged share, as the pipeline would leave them: open, with features,
// attributions and a context snapshot), so every item's transaction, card and terminal exist in the
// lake. Writing 100k items into dynalite takes minutes, so each data dir is cached under a key of its
// inputs (sizes, model, the generating code) and reused while they are unchanged; generation stops at a
// deadline.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { CARD_COLUMNS, TERMINAL_COLUMNS } from '@/lib/features';
import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import { BASE_COLUMNS, tableDir, transactionsSource } from '@/lib/lake/transactions-table';
import { readModelFiles } from '@/lib/model/manifest';
import { CHANNELS, type Channel, type Transaction } from '@/lib/schema/transaction';
import { Rng } from '@/lib/simulator/random';
import { createStore, ensureTables, putReviewItems, startDynalite, type NewReview } from '@/lib/store';

export interface ConsoleSize {
  /** Review items in the store (the lake's top-scored rows). */
  items: number;
  /** Rows in the lake. */
  rows: number;
}

export interface ConsoleData {
  /** FRAUD_DATA_DIR for the console server. */
  dataDir: string;
  /** Review items to open on the transaction page, spread over the whole store. */
  sampleIds: string[];
  /** Whether this run generated the data (false: reused from the cache). */
  generated: boolean;
  /** Generation time in ms (of the run that made it). */
  generateMs: number;
  lakeMb: number;
}

interface Meta {
  key: string;
  size: ConsoleSize;
  sampleIds: string[];
  generateMs: number;
  lakeMb: number;
}

type BaseColumn = (typeof BASE_COLUMNS)[number][0];

const DAYS = 90;
const START = '2025-01-01';
const DAY_MS = 86_400_000;

/** The lake's first day. */
export const FIRST_DAY = START;

/** The risk pages' default range on this lake: its last 30 days (lib/analytics/page-range.ts). */
export function defaultRange(): { from: string; to: string } {
  const day = (offset: number) =>
    new Date(Date.parse(`${START}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
  return { from: day(DAYS - 30), to: day(DAYS - 1) };
}
const SAMPLE_IDS = 200;
const WRITE_SLICE = 5_000;
const COUNTRIES = ['FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'IE', 'LU', 'PT', 'GB', 'US', 'CH'];
const MCCS = ['5411', '5812', '5814', '5462', '5541', '5732', '5816', '4829', '5999', '5311', '4121', '5912'];
const SCENARIOS = [
  'card_testing',
  'account_takeover',
  'compromised_card',
  'compromised_terminal',
  'lost_stolen_card',
  'skimmed_card',
];

/** Where cached data dirs live (BENCH_CONSOLE_CACHE overrides; outside the repo, so never committed). */
export const cacheRoot = (): string =>
  path.resolve(process.env.BENCH_CONSOLE_CACHE ?? path.join(os.tmpdir(), 'fraud-bench-console'));

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const fmt = (n: number): string => n.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const pick = (values: readonly string[], index: string): string =>
  `[${values.map(sqlString).join(', ')}][1 + (${index}) % ${values.length}]`;

/** A feature column shaped like its kind: 0/1 flags, small counts, rates, or continuous values. */
function featureExpression(name: string): string {
  if (/^(is_|tx_during_)/.test(name)) return 'CAST(random() < 0.2 AS DOUBLE)';
  if (/_nb_|nb_tx|_nb$/.test(name)) return 'CAST(floor(random() * random() * 40) AS DOUBLE)';
  if (/risk/.test(name)) return 'CAST(round(random() * random() * 0.2, 4) AS DOUBLE)';
  return 'CAST(round(exp(random() * 5), 2) AS DOUBLE)';
}

/**
 * `size.rows` rows over DAYS day partitions. Cards and terminals grow with the rows (about 45 rows per
 * card and 450 per terminal over the 90 days), so a card's 30-day history stays the same length at
 * every size while each partition the card-history read scans grows. Scores are u^330: about 1% of
 * rows reach the model's threshold (0.036), the share the review items are taken from.
 */
async function writeLake(
  lakeDir: string,
  size: ConsoleSize,
  modelVersion: string,
  features: readonly string[],
) {
  const cards = Math.max(1_000, Math.round(size.rows / 45));
  const terminals = Math.max(100, Math.round(size.rows / 450));
  const values: Record<BaseColumn, string> = {
    transaction_id: `'B' || lpad(CAST(i AS VARCHAR), 9, '0')`,
    timestamp: `CAST(TIMESTAMP '${START}' + to_seconds(CAST(i % ${DAYS} AS BIGINT) * 86400 + CAST(floor(u1 * 86400) AS BIGINT)) AS TIMESTAMP)`,
    card_id: `'C' || lpad(CAST(card AS VARCHAR), 7, '0')`,
    terminal_id: `'T' || lpad(CAST(terminal AS VARCHAR), 6, '0')`,
    merchant_name: `'Merchant ' || CAST(terminal % 4000 AS VARCHAR)`,
    mcc: pick(MCCS, 'terminal'),
    amount: 'CAST(round(exp(u2 * 6), 2) AS DOUBLE)',
    currency: `'EUR'`,
    channel: pick(CHANNELS, 'CAST(floor(u3 * 4) AS INTEGER)'),
    card_country: `CASE WHEN card % 10 < 7 THEN 'FR' ELSE ${pick(COUNTRIES, 'card')} END`,
    merchant_country: `CASE WHEN u4 < 0.8 THEN 'FR' ELSE ${pick(COUNTRIES, 'terminal')} END`,
    is_fraud: 'is_fraud',
    fraud_scenario: `CASE WHEN is_fraud THEN ${pick(SCENARIOS, 'card')} END`,
    feature_set: `'realistic'`,
    score: 'score',
    model_version: sqlString(modelVersion),
  };
  const select = [
    ...BASE_COLUMNS.map(([c]) => `${values[c]} AS "${c}"`),
    ...features.map((f) => `${featureExpression(f)} AS "${f}"`),
    `strftime(DATE '${START}' + CAST(i % ${DAYS} AS INTEGER), '%Y-%m-%d') AS dt`,
  ].join(',\n        ');
  await withDuckDB(async (db) => {
    await db.run(`SET preserve_insertion_order = false`);
    await db.run(`
      COPY (
        SELECT
        ${select}
        FROM (
          SELECT *, u5 < 0.004 + 0.3 * score AS is_fraud
          FROM (
            SELECT i, random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5,
                   CAST(floor(random() * ${cards}) AS BIGINT) AS card,
                   CAST(floor(random() * ${terminals}) AS BIGINT) AS terminal,
                   pow(random(), 330) AS score
            FROM range(${size.rows}) t(i)
          )
        )
      ) TO ${sqlString(tableDir(lakeDir))}
      (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PARTITION_BY (dt),
       FILENAME_PATTERN 'part-bench_{i}', OVERWRITE_OR_IGNORE true)`);
  });
}

interface LakeRow {
  transaction_id: string;
  ts: string;
  card_id: string;
  terminal_id: string;
  merchant_name: string;
  mcc: string;
  amount: number;
  currency: string;
  channel: Channel;
  card_country: string;
  merchant_country: string;
  is_fraud: boolean | null;
  fraud_scenario: string | null;
  score: number;
  [feature: string]: unknown;
}

const logit = (p: number): number => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));

/**
 * A review item for a lake row, as the pipeline writes one: the row's transaction and features, the
 * model's version and threshold, attributions that add up from a fixed bias to the row's score (so the
 * waterfall ends where the score says), and a card and terminal context snapshot of realistic length.
 */
function reviewFor(
  row: LakeRow,
  model: { version: string; threshold: number; features: readonly string[] },
): NewReview {
  const at = Date.parse(`${row.ts.replace(' ', 'T')}Z`);
  const rng = new Rng(at % 2_147_483_647, row.transaction_id);
  const transaction: Transaction = {
    transaction_id: row.transaction_id,
    timestamp: new Date(at).toISOString(),
    card_id: row.card_id,
    terminal_id: row.terminal_id,
    merchant_name: row.merchant_name,
    mcc: row.mcc,
    amount: row.amount,
    currency: row.currency,
    channel: row.channel,
    card_country: row.card_country,
    merchant_country: row.merchant_country,
    ...(row.is_fraud !== null ? { is_fraud: row.is_fraud } : {}),
    ...(row.fraud_scenario !== null ? { fraud_scenario: row.fraud_scenario } : {}),
  };
  const bias = -5;
  const weights = model.features.map(() => rng.uniform(-0.3, 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const push = logit(row.score) - bias;
  // Weights summing near zero would blow the shares up; equal shares are as good a stand-in.
  const phi =
    Math.abs(total) < 0.5 ? weights.map(() => push / weights.length) : weights.map((w) => (w * push) / total);
  const card = Array.from({ length: 30 }, (_, k) => [
    at - (30 - k) * 19 * 3_600_000,
    rng.int(20_000),
    ...CARD_COLUMNS.slice(1).map(() => (rng.chance(0.2) ? 1 : 0)),
  ]);
  const terminal = Array.from({ length: 150 }, (_, k) => [
    at - (150 - k) * 1_200_000,
    ...TERMINAL_COLUMNS.map(() => (rng.chance(0.01) ? 1 : 0)),
  ]);
  return {
    transaction,
    score: row.score,
    model_version: model.version,
    threshold: model.threshold,
    feature_set: 'realistic',
    features: model.features.map((f) => Number(row[f])),
    attributions: { bias, phi },
    context: {
      card: { columns: CARD_COLUMNS, entries: card },
      terminal: { columns: TERMINAL_COLUMNS, entries: terminal },
      terminalFirstFraudMs: null,
    },
    flaggedAt: new Date(at + 60_000),
  };
}

/** Writes the lake's `size.items` top-scored rows as review items; returns a spread sample of their ids. */
async function writeReviews(
  dataDir: string,
  size: ConsoleSize,
  model: { version: string; threshold: number; features: readonly string[] },
  deadline: number,
): Promise<string[]> {
  const lakeDir = path.join(dataDir, 'lake');
  const dynamo = await startDynalite({ dataDir });
  const store = createStore({ connection: { kind: 'embedded', endpoint: dynamo.endpoint } });
  try {
    await ensureTables(store);
    return await withDuckDB(async (db) => {
      const cols = [...BASE_COLUMNS.map(([c]) => c).filter((c) => c !== 'timestamp'), ...model.features].map(
        (c) => `"${c}"`,
      );
      await db.run(`
        CREATE TABLE picked AS
        SELECT row_number() OVER (ORDER BY score DESC, transaction_id) AS k, *
        FROM (
          SELECT CAST("timestamp" AS VARCHAR) AS ts, ${cols.join(', ')}
          FROM ${transactionsSource(lakeDir)}
          ORDER BY score DESC, transaction_id
          LIMIT ${size.items}
        )`);
      const step = Math.max(1, Math.floor(size.items / SAMPLE_IDS));
      const sample = (
        await db.runAndReadAll(`SELECT transaction_id FROM picked WHERE k % ${step} = 0 ORDER BY k`)
      )
        .getRowObjectsJS()
        .map((r) => String(r.transaction_id));
      const started = performance.now();
      for (let from = 0; from < size.items; from += WRITE_SLICE) {
        if (Date.now() > deadline)
          throw new Error(`console bench data: generation passed its deadline at ${fmt(from)} items`);
        const rows = (
          await db.runAndReadAll(
            `SELECT * FROM picked WHERE k > ${from} AND k <= ${from + WRITE_SLICE} ORDER BY k`,
          )
        ).getRowObjectsJS() as unknown as LakeRow[];
        await putReviewItems(
          store,
          rows.map((r) => reviewFor(r, model)),
        );
        const done = Math.min(size.items, from + WRITE_SLICE);
        const elapsed = performance.now() - started;
        if (done % 20_000 === 0 || done === size.items)
          log(
            `    review items: ${fmt(done)} / ${fmt(size.items)} (${fmt(Math.round((done * 1000) / elapsed))} items/s, ~${seconds(((size.items - done) * elapsed) / done)} left)`,
          );
      }
      return sample;
    });
  } finally {
    store.client.destroy();
    await dynamo.close();
  }
}

async function folderMb(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) bytes += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  return bytes / 2 ** 20;
}

async function readMeta(file: string): Promise<Meta | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Meta;
  } catch {
    return null;
  }
}

/**
 * The data dir for `size`: reused from the cache when its inputs are unchanged, otherwise generated
 * (older caches of the same size are removed). Throws when generation passes `deadline` (epoch ms).
 */
export async function consoleData(size: ConsoleSize, deadline: number): Promise<ConsoleData> {
  const { manifest } = await readModelFiles();
  const model = {
    version: manifest.modelVersion,
    threshold: manifest.threshold.value,
    features: manifest.features,
  };
  // The generating code itself is an input: a change to it makes new data, other edits do not.
  const code = [pick, featureExpression, writeLake, reviewFor, writeReviews].map(String);
  const constants = { DAYS, START, COUNTRIES, MCCS, SCENARIOS, SAMPLE_IDS, BASE_COLUMNS, CARD_COLUMNS };
  const key = createHash('sha256')
    .update(JSON.stringify({ size, model, constants, code }))
    .digest('hex')
    .slice(0, 12);
  const root = cacheRoot();
  const label = `${size.rows}r-${size.items}i`;
  const dir = path.join(root, `${label}-${key}`);
  const meta = await readMeta(path.join(dir, 'meta.json'));
  if (meta?.key === key) {
    log(`  ${fmt(size.items)} items / ${fmt(size.rows)} rows: reusing ${dir}`);
    return {
      dataDir: path.join(dir, 'data'),
      sampleIds: meta.sampleIds,
      generated: false,
      generateMs: meta.generateMs,
      lakeMb: meta.lakeMb,
    };
  }

  await fs.mkdir(root, { recursive: true });
  for (const name of await fs.readdir(root))
    if (name.startsWith(`${label}-`)) await fs.rm(path.join(root, name), { recursive: true, force: true });
  const work = path.join(root, `${label}-${key}.partial-${process.pid}`);
  const dataDir = path.join(work, 'data');
  const lakeDir = path.join(dataDir, 'lake');
  // DuckDB creates the table's folder but not its parents.
  await fs.mkdir(lakeDir, { recursive: true });
  try {
    const started = performance.now();
    log(`  ${fmt(size.items)} items / ${fmt(size.rows)} rows: generating into ${dir}`);
    log(`    lake: ${fmt(size.rows)} rows over ${DAYS} day partitions (DuckDB COPY)…`);
    await writeLake(lakeDir, size, model.version, model.features);
    const lakeMb = await folderMb(tableDir(lakeDir));
    log(`    lake: done in ${seconds(performance.now() - started)}, ${lakeMb.toFixed(0)} MB of Parquet`);
    if (Date.now() > deadline) throw new Error('console bench data: generation passed its deadline');
    log(`    review items: ${fmt(size.items)} top-scored lake rows into the embedded store…`);
    const sampleIds = await writeReviews(dataDir, size, model, deadline);
    const generateMs = performance.now() - started;
    const written: Meta = { key, size, sampleIds, generateMs, lakeMb };
    await fs.writeFile(path.join(work, 'meta.json'), `${JSON.stringify(written)}\n`);
    await fs.rename(work, dir);
    log(`    done in ${seconds(generateMs)}`);
    return { dataDir: path.join(dir, 'data'), sampleIds, generated: true, generateMs, lakeMb };
  } catch (error) {
    await fs.rm(work, { recursive: true, force: true });
    throw error;
  }
}
