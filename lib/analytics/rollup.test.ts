// The one-scan rollup against the one-query-at-a-time functions on a small DuckDB lake: the same daily
// metrics and the same breakdowns, and the per-day cache asking only for the days it lacks or whose
// row count moved, in memory and across a restart.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sqlString, withDuckDB } from '@/lib/lake/duckdb';

import { DuckDBEngine } from './duckdb-engine';
import { breakdown, BREAKDOWN_DIMENSIONS, dailyMetrics } from './queries';
import { dayRollups, mergeBreakdown } from './rollup';
import { DayRollupCache } from './rollup-cache';
import type { AnalyticsEngine, ResultSet } from './types';

// day, amount, score, is_fraud, scenario, channel, merchant_country, mcc
const ROWS: [string, number, number | null, boolean | null, string | null, string, string, string][] = [
  ['2024-05-01', 10, 0.01, false, null, 'chip', 'GB', '5411'],
  ['2024-05-01', 20, 0.5, true, 'card_testing', 'ecommerce', 'US', '5816'],
  ['2024-05-01', 30, 0.2, false, null, 'ecommerce', 'GB', '5816'],
  ['2024-05-01', 40, 0.04, null, null, 'chip', 'GB', '5411'],
  ['2024-05-02', 100, 0.9, true, 'account_takeover', 'ecommerce', 'FR', '5732'],
  ['2024-05-02', 5, 0.001, true, 'card_testing', 'contactless', 'GB', '5411'],
  ['2024-05-02', 15, null, false, null, 'swipe', 'GB', '5411'],
  ['2024-05-03', 7, 0.3, false, null, 'chip', 'DE', '5812'],
];

let dir: string;
let engine: DuckDBEngine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rollup-'));
  await withDuckDB(async (db) => {
    for (const day of new Set(ROWS.map((r) => r[0]))) {
      const values = ROWS.filter((r) => r[0] === day)
        .map(
          ([, amount, score, fraud, scenario, channel, country, mcc], i) =>
            `(${sqlString(`${day}-${i}`)}, CAST(${amount} AS DOUBLE), CAST(${score ?? 'NULL'} AS DOUBLE), CAST(${fraud ?? 'NULL'} AS BOOLEAN), ${scenario ? sqlString(scenario) : 'CAST(NULL AS VARCHAR)'}, ${sqlString(channel)}, ${sqlString(country)}, 'GB', ${sqlString(mcc)})`,
        )
        .join(', ');
      const out = path.join(dir, 'transactions', `dt=${day}`);
      await mkdir(out, { recursive: true });
      await db.run(
        `COPY (SELECT * FROM (VALUES ${values}) t(transaction_id, amount, score, is_fraud, fraud_scenario, channel, merchant_country, card_country, mcc)) TO ${sqlString(path.join(out, 'part-x.parquet'))} (FORMAT parquet)`,
      );
    }
  });
  engine = new DuckDBEngine(dir);
});

afterAll(async () => {
  await engine?.close();
  await rm(dir, { recursive: true, force: true });
});

const range = { from: '2024-05-01', to: '2024-05-03' };

describe('dayRollups', () => {
  it('gives the same daily metrics and breakdowns as the separate queries', async () => {
    const rollups = await dayRollups(engine, { ...range, threshold: 0.1, dimensions: BREAKDOWN_DIMENSIONS });
    const days = [...rollups.values()];
    expect(days.map((d) => d.metrics)).toEqual(await dailyMetrics(engine, { ...range, threshold: 0.1 }));
    for (const by of BREAKDOWN_DIMENSIONS)
      expect(mergeBreakdown(days, by, 12)).toEqual(await breakdown(engine, { ...range, by, threshold: 0.1 }));
  });

  it('knows the hand-computed totals for one day and dimension', async () => {
    const rollups = await dayRollups(engine, { ...range, threshold: 0.1, dimensions: ['channel'] });
    const may1 = rollups.get('2024-05-01')!;
    expect(may1.metrics).toMatchObject({ transactions: 4, amount: 100, flagged: 2, frauds: 1 });
    expect(may1.groups.channel.sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual([
      { key: 'chip', transactions: 2, amount: 50, flagged: 0, frauds: 0, fraudAmount: 0 },
      { key: 'ecommerce', transactions: 2, amount: 50, flagged: 2, frauds: 1, fraudAmount: 20 },
    ]);
    expect(may1.groups.mcc).toEqual([]);
  });
});

describe('DayRollupCache', () => {
  const params = { threshold: 0.1, dimensions: ['channel'] as const };
  /** The engine, recording the day span of every query. */
  const recording = () => {
    const spans: string[] = [];
    const spy: AnalyticsEngine = {
      dialect: engine.dialect,
      run: (sql: string): Promise<ResultSet> => {
        spans.push(/dt BETWEEN '([\d-]+)' AND '([\d-]+)'/.exec(sql)!.slice(1).join('…'));
        return engine.run(sql);
      },
    };
    return { spy, spans };
  };
  const countsOf = (day: string) => ROWS.filter((r) => r[0] === day).length;
  const lakeDays = ['2024-05-01', '2024-05-02', '2024-05-03'].map((day) => ({
    day,
    transactions: countsOf(day),
  }));

  it('asks the engine only for the days it does not hold, and skips days without data', async () => {
    const { spy, spans } = recording();
    const cache = new DayRollupCache(spy);
    const first = await cache.get({ from: '2024-04-20', to: '2024-05-02', ...params }, lakeDays);
    const second = await cache.get({ from: '2024-05-01', to: '2024-05-09', ...params }, lakeDays);
    expect(spans).toEqual(['2024-05-01…2024-05-02', '2024-05-03…2024-05-03']);
    expect(first.map((d) => d.metrics.day)).toEqual(['2024-05-01', '2024-05-02']);
    expect(second.map((d) => d.metrics.day)).toEqual(['2024-05-01', '2024-05-02', '2024-05-03']);
    // Another threshold is another set of figures.
    await cache.get({ from: '2024-05-01', to: '2024-05-01', ...params, threshold: 0.3 }, lakeDays);
    expect(spans).toHaveLength(3);
  });

  it('rescans a day whose row count changed (a late file), and only that day', async () => {
    const { spy, spans } = recording();
    const cache = new DayRollupCache(spy);
    const range = { from: '2024-05-01', to: '2024-05-03', ...params };
    await cache.get(range, lakeDays);
    const grown = lakeDays.map((d) => (d.day === '2024-05-02' ? { ...d, transactions: 99 } : d));
    await cache.get(range, grown);
    expect(spans).toEqual(['2024-05-01…2024-05-03', '2024-05-02…2024-05-02']);
  });

  it('keeps its entries on disk for the next process, and ignores a damaged file', async () => {
    const cacheDir = path.join(dir, 'cache');
    const range = { from: '2024-05-01', to: '2024-05-03', ...params };
    const before = await new DayRollupCache(engine, cacheDir).get(range, lakeDays);
    const { spy, spans } = recording();
    const restarted = new DayRollupCache(spy, cacheDir);
    expect(await restarted.get(range, lakeDays)).toEqual(before);
    expect(spans).toEqual([]);

    const [file] = await readdir(cacheDir);
    await writeFile(path.join(cacheDir, file!), '{"format": 1, "key": ');
    const afterDamage = recording();
    expect(await new DayRollupCache(afterDamage.spy, cacheDir).get(range, lakeDays)).toEqual(before);
    expect(afterDamage.spans).toEqual(['2024-05-01…2024-05-03']);
  });
});
