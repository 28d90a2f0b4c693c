// The risk pages' lake queries at scale: a synthetic lake of 10M rows (1M with --quick, BENCH_QUICK=1,
// or BENCH_DASHBOARD_ROWS) over 90 day partitions with the real table's columns and the served model's
// 33 feature columns, written by DuckDB itself; then what each page runs — the overview's daily metrics
// and four breakdowns (as five queries, and as the one-scan rollup the page uses, cold and from its
// per-day cache), the threshold page's score histogram, the drift page's PSI, every page's day list —
// timed p50/p95 over several runs on the console's own DuckDB engine, against a bare count(*) over the
// same files in the same run. Two ranges: the whole lake (every row) and the default last 30 days.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { lakeDays } from '@/lib/analytics/coverage';
import { populationStability, referenceEdges, samplePercent, windowBinCounts } from '@/lib/analytics/drift';
import { DuckDBEngine } from '@/lib/analytics/duckdb-engine';
import {
  breakdown,
  dailyMetrics,
  scoreHistogram,
  type BreakdownDimension,
  type DayRange,
} from '@/lib/analytics/queries';
import { dayRollups } from '@/lib/analytics/rollup';
import { DayRollupCache } from '@/lib/analytics/rollup-cache';
import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import { readModelFiles } from '@/lib/model/manifest';

import type { BenchResult } from './types';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const ROWS = Number(process.env.BENCH_DASHBOARD_ROWS ?? (quick ? 1_000_000 : 10_000_000));
const DAYS = 90;
const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? (quick ? 5 : 9));
/** Stop sampling a query after this long even if RUNS is not reached (bounded bench). */
const BUDGET_MS = 120_000;
const THRESHOLD = 0.0361;
const DIMENSIONS: readonly BreakdownDimension[] = ['fraud_scenario', 'channel', 'merchant_country', 'mcc'];
const START = Date.UTC(2025, 0, 1);
const fmt = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : n.toLocaleString('en-US'));
const day = (offset: number): string => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);

const pick = (values: readonly string[], u: string): string =>
  `[${values.map(sqlString).join(', ')}][1 + CAST(floor(${u} * ${values.length}) AS INTEGER)]`;

/** A feature column shaped like its kind: 0/1 flags, small counts, or continuous values. */
function featureExpression(name: string): string {
  if (/^(is_|tx_during_)/.test(name)) return 'CAST(random() < 0.2 AS DOUBLE)';
  if (/_nb_|nb_tx|_nb$/.test(name)) return 'CAST(floor(random() * random() * 40) AS DOUBLE)';
  if (/risk/.test(name)) return 'CAST(round(random() * random() * 0.2, 4) AS DOUBLE)';
  return 'CAST(round(exp(random() * 5), 2) AS DOUBLE)';
}

/** Writes `rows` rows over DAYS day partitions under `lakeDir/transactions/dt=…/`. */
async function writeLake(lakeDir: string, rows: number, features: readonly string[]): Promise<void> {
  const scenarios = [
    'card_testing',
    'account_takeover',
    'compromised_card',
    'compromised_terminal',
    'lost_stolen_card',
    'skimmed_card',
  ];
  const countries = ['FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'IE', 'LU', 'PT', 'GB', 'US', 'CH'];
  const mccs = [
    '5411',
    '5812',
    '5814',
    '5462',
    '5541',
    '5732',
    '5816',
    '4829',
    '5999',
    '5311',
    '4121',
    '5912',
  ];
  await withDuckDB(async (db) => {
    await db.run(`SET preserve_insertion_order = false`);
    await db.run(`
      COPY (
        SELECT
          'tx' || CAST(i AS VARCHAR) AS transaction_id,
          CAST(TIMESTAMP '2025-01-01' + to_seconds(CAST(i % ${DAYS} AS BIGINT) * 86400 + CAST(floor(u5 * 86400) AS BIGINT)) AS TIMESTAMP) AS "timestamp",
          'C' || CAST(CAST(floor(u6 * 200000) AS INTEGER) AS VARCHAR) AS card_id,
          'T' || CAST(CAST(floor(u7 * 20000) AS INTEGER) AS VARCHAR) AS terminal_id,
          ${pick(mccs, 'u4')} AS mcc,
          CAST(round(exp(u8 * 6), 2) AS DOUBLE) AS amount,
          'EUR' AS currency,
          ${pick(['chip', 'contactless', 'swipe', 'ecommerce'], 'u3')} AS channel,
          ${pick(countries, 'u6')} AS card_country,
          ${pick(countries, 'u7')} AS merchant_country,
          is_fraud,
          CASE WHEN is_fraud THEN ${pick(scenarios, 'u4')} END AS fraud_scenario,
          'realistic' AS feature_set,
          score,
          'bench000000000000' AS model_version,
          ${features.map((f) => `${featureExpression(f)} AS ${f}`).join(',\n          ')},
          strftime(DATE '2025-01-01' + CAST(i % ${DAYS} AS INTEGER), '%Y-%m-%d') AS dt
        FROM (
          SELECT i, u3, u4, u5, u6, u7, u8, score, u2 < 0.002 + 0.5 * score AS is_fraud
          FROM (
            SELECT i, random() AS u2, random() AS u3, random() AS u4, random() AS u5, random() AS u6,
                   random() AS u7, random() AS u8, pow(random(), 130) AS score
            FROM range(${rows}) t(i)
          )
        )
      ) TO ${sqlString(path.join(lakeDir, 'transactions'))}
      (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PARTITION_BY (dt), OVERWRITE_OR_IGNORE true)`);
  });
}

interface Timing {
  p50: number;
  p95: number;
  runs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One warm-up run, then up to RUNS timed runs within the budget. */
async function time(run: () => Promise<unknown>): Promise<Timing> {
  await run();
  const samples: number[] = [];
  const deadline = performance.now() + BUDGET_MS;
  while (samples.length < RUNS && performance.now() < deadline) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs: samples.length };
}

export async function benchDashboard(): Promise<BenchResult[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-dashboard-'));
  const engine = new DuckDBEngine(dir);
  try {
    const { manifest } = await readModelFiles();
    const t0 = performance.now();
    await writeLake(dir, ROWS, manifest.features);
    const writeMs = performance.now() - t0;
    const sizeMb = await folderSize(path.join(dir, 'transactions'));
    process.stderr.write(
      `dashboard bench: ${ROWS.toLocaleString('en-US')} rows, ${manifest.features.length} features, ${DAYS} days, ${sizeMb.toFixed(0)} MB written in ${(writeMs / 1000).toFixed(1)} s\n`,
    );

    const baseline = await time(() => engine.run(`SELECT count(*) AS n FROM ${engine.dialect.transactions}`));
    const ranges: { label: string; range: DayRange }[] = [
      { label: `all ${DAYS} days, ${fmt(ROWS)} rows`, range: { from: day(0), to: day(DAYS - 1) } },
      {
        label: `last 30 days, ${fmt(Math.round((ROWS * 30) / DAYS))} rows`,
        range: { from: day(DAYS - 30), to: day(DAYS - 1) },
      },
    ];
    const drift = {
      reference: { from: day(0), to: day(13) },
      recent: { from: day(DAYS - 7), to: day(DAYS - 1) },
    };
    const results: BenchResult[] = [];
    const base = {
      name: `DuckDB count(*) over the same files (p95; p50 ${baseline.p50.toFixed(0)} ms)`,
      value: baseline.p95,
    };
    const add = (name: string, t: Timing, note = ''): void => {
      results.push({
        name,
        value: t.p95,
        unit: 'ms p95',
        baseline: base,
        note: `p50 ${t.p50.toFixed(0)} ms over ${t.runs} runs${note ? `; ${note}` : ''}`,
      });
    };

    for (const { label, range } of ranges) {
      const separate: [string, () => Promise<unknown>][] = [
        ['dailyMetrics', () => dailyMetrics(engine, { ...range, threshold: THRESHOLD })],
        ...DIMENSIONS.map((by): [string, () => Promise<unknown>] => [
          `breakdown ${by}`,
          () => breakdown(engine, { ...range, by, threshold: THRESHOLD }),
        ]),
      ];
      const each: string[] = [];
      for (const [name, run] of separate) {
        const t = await time(run);
        each.push(`${name} ${t.p95.toFixed(0)}`);
      }
      add(
        `overview page, five separate queries together (${label})`,
        await time(() => Promise.all(separate.map(([, run]) => run()))),
        `p95 alone (ms): ${each.join(', ')}`,
      );
      const rollup = { ...range, threshold: THRESHOLD, dimensions: DIMENSIONS };
      add(
        `overview page, one-scan rollup as the page runs it, cold (${label})`,
        await time(() => dayRollups(engine, rollup)),
        'target < 500 ms',
      );
      // What a repeat view (or a range moved by a day) costs: every day cached in memory.
      const lakeDayList = await lakeDays(engine);
      const cacheDir = path.join(dir, `rollup-cache-${label.replace(/\W+/g, '-')}`);
      const cache = new DayRollupCache(engine, cacheDir);
      await cache.get(rollup, lakeDayList);
      add(
        `overview page, rollup from the per-day cache, warm (${label})`,
        await time(() => cache.get(rollup, lakeDayList)),
      );
      // The first view after a restart: a new process, the day list read afresh, entries from disk.
      add(
        `overview page, first view after a restart: day list + rollups from the on-disk cache (${label})`,
        await time(async () => new DayRollupCache(engine, cacheDir).get(rollup, await lakeDays(engine))),
        'target < 500 ms',
      );
      add(`threshold page: scoreHistogram (${label})`, await time(() => scoreHistogram(engine, range)));
    }
    const columns = ['score', ...manifest.features];
    // Rows per window from the day list, as the drift page passes them (so PSI samples above 200k).
    const days = await lakeDays(engine);
    const rowsIn = (r: DayRange) =>
      days.filter((d) => d.day >= r.from && d.day <= r.to).reduce((n, d) => n + d.transactions, 0);
    const rows = { reference: rowsIn(drift.reference), recent: rowsIn(drift.recent) };
    const edgesSample = samplePercent(rows.reference, 200_000);
    const countsSample = samplePercent(rows.reference + rows.recent, 200_000);
    add(
      `drift page: PSI of the score and ${manifest.features.length} features, as the page runs it`,
      await time(() => populationStability(engine, { ...drift, columns, bins: 10, rows })),
      `${fmt(rows.reference)} + ${fmt(rows.recent)} rows; Bernoulli samples of ${edgesSample.toFixed(1)}% (edges) and ${countsSample.toFixed(1)}% (counts)`,
    );
    const edges = await referenceEdges(engine, { reference: drift.reference, columns, bins: 10 });
    add(
      'drift page, PSI step 1 without sampling: quantile edges of 34 columns, reference window',
      await time(() => referenceEdges(engine, { reference: drift.reference, columns, bins: 10 })),
    );
    add(
      'drift page, PSI step 2 without sampling: bin counts of 34 columns, both windows',
      await time(() => windowBinCounts(engine, { ...drift, columns, edges })),
    );
    add(
      'drift page: PSI of the score alone',
      await time(() => populationStability(engine, { ...drift, columns: ['score'], bins: 10 })),
    );
    add('every page: lakeDays (rows per day partition)', await time(() => lakeDays(engine)));
    results.push({
      name: `lake generation (${fmt(ROWS)} rows, ${sizeMb.toFixed(0)} MB of Parquet)`,
      value: (ROWS * 1000) / writeMs,
      unit: 'rows/s',
      note: 'DuckDB COPY … PARTITION_BY (dt) from range()',
    });
    return results;
  } finally {
    await engine.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function folderSize(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) bytes += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  return bytes / 2 ** 20;
}
