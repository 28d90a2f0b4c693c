// Every lake query on DuckDB against a tiny lake whose answers are worked out by hand.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sqlString, withDuckDB } from '@/lib/lake/duckdb';

import { DuckDBEngine } from './duckdb-engine';
import { breakdown, dailyMetrics, scoreHistogram } from './queries';
import { AnalyticsError } from './types';

// day, amount, score, is_fraud, scenario, channel, merchant_country
const ROWS: Array<[string, number, number | null, boolean | null, string | null, string, string]> = [
  ['2024-05-01', 10, 0.01, false, null, 'chip', 'GB'],
  ['2024-05-01', 20, 0.5, true, 'card_testing', 'ecommerce', 'US'],
  ['2024-05-01', 30, 0.2, false, null, 'ecommerce', 'GB'],
  ['2024-05-01', 40, 0.04, null, null, 'chip', 'GB'],
  ['2024-05-02', 100, 0.9, true, 'account_takeover', 'ecommerce', 'FR'],
  ['2024-05-02', 5, 0.001, true, 'card_testing', 'contactless', 'GB'],
  ['2024-05-02', 15, null, false, null, 'swipe', 'GB'],
  ['2024-05-03', 7, 0.3, false, null, 'chip', 'DE'],
];

let dir: string;
let engine: DuckDBEngine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'analytics-'));
  await withDuckDB(async (db) => {
    for (const day of new Set(ROWS.map((r) => r[0]))) {
      const values = ROWS.filter((r) => r[0] === day)
        .map(
          ([, amount, score, fraud, scenario, channel, country], i) =>
            `(${sqlString(`${day}-${i}`)}, CAST(${amount} AS DOUBLE), CAST(${score ?? 'NULL'} AS DOUBLE), CAST(${fraud ?? 'NULL'} AS BOOLEAN), ${scenario ? sqlString(scenario) : 'CAST(NULL AS VARCHAR)'}, ${sqlString(channel)}, ${sqlString(country)}, 'GB', '5411')`,
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

describe('dailyMetrics', () => {
  it('counts volume, flags and labels per day, reading only the days asked for', async () => {
    const days = await dailyMetrics(engine, { from: '2024-05-01', to: '2024-05-02', threshold: 0.1 });
    expect(days).toEqual([
      {
        day: '2024-05-01',
        transactions: 4,
        amount: 100,
        flagged: 2, // 0.5, 0.2
        labelled: 3,
        frauds: 1,
        fraudAmount: 20,
        flaggedFrauds: 1,
      },
      {
        day: '2024-05-02',
        transactions: 3,
        amount: 120,
        flagged: 1, // 0.9; a NULL score is never flagged
        labelled: 3,
        frauds: 2,
        fraudAmount: 105,
        flaggedFrauds: 1,
      },
    ]);
  });

  it('returns nothing for a range without data and refuses a malformed day', async () => {
    expect(await dailyMetrics(engine, { from: '2023-01-01', to: '2023-01-31', threshold: 0.5 })).toEqual([]);
    await expect(
      dailyMetrics(engine, { from: "2024-05-01' OR 1=1 --", to: '2024-05-02', threshold: 0.5 }),
    ).rejects.toThrow(AnalyticsError);
  });
});

describe('breakdown', () => {
  it('totals by a dimension, most frauds first, NULL as (none)', async () => {
    const rows = await breakdown(engine, {
      from: '2024-05-01',
      to: '2024-05-03',
      by: 'fraud_scenario',
      threshold: 0.1,
    });
    expect(rows).toEqual([
      { key: 'card_testing', transactions: 2, amount: 25, flagged: 1, frauds: 2, fraudAmount: 25 },
      { key: 'account_takeover', transactions: 1, amount: 100, flagged: 1, frauds: 1, fraudAmount: 100 },
      { key: '(none)', transactions: 5, amount: 102, flagged: 2, frauds: 0, fraudAmount: 0 },
    ]);
  });

  it('only accepts known dimensions', async () => {
    await expect(
      breakdown(engine, { from: '2024-05-01', to: '2024-05-03', by: 'amount; DROP TABLE x', threshold: 0.1 }),
    ).rejects.toThrow(/unknown column/);
  });
});

describe('scoreHistogram', () => {
  it('buckets scores on the square-root scale with their labels', async () => {
    const buckets = await scoreHistogram(engine, { from: '2024-05-01', to: '2024-05-03' });
    // √0.001 = 0.0316 → 31, √0.01 → 100, √0.04 → 200, √0.2 → 447, √0.3 → 547, √0.5 → 707, √0.9 → 948
    expect(buckets).toEqual([
      { bucket: 31, rows: 1, labelled: 1, frauds: 1 },
      { bucket: 100, rows: 1, labelled: 1, frauds: 0 },
      { bucket: 200, rows: 1, labelled: 0, frauds: 0 },
      { bucket: 447, rows: 1, labelled: 1, frauds: 0 },
      { bucket: 547, rows: 1, labelled: 1, frauds: 0 },
      { bucket: 707, rows: 1, labelled: 1, frauds: 1 },
      { bucket: 948, rows: 1, labelled: 1, frauds: 1 },
    ]);
  });
});
