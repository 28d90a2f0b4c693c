// lakeSummary (DuckDB engine) against real Parquet lakes written by DuckDB into temp dirs, laid out as the lake
// builder lays them out (`transactions/dt=YYYY-MM-DD/*.parquet`), plus the absent and empty cases.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sqlString, withDuckDB } from '@/lib/lake/duckdb';

import { DuckDBEngine } from './duckdb-engine';
import { lakeSummary } from './lake-summary';

/** The summary of the lake at `lakeDir`, through a DuckDB engine as the console reads it. */
async function getLakeSummary(lakeDir: string) {
  const engine = new DuckDBEngine(lakeDir);
  try {
    return await lakeSummary(engine);
  } finally {
    await engine.close();
  }
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'lake-summary-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes `rows` (SQL VALUES tuples: dt, ts, amount, is_fraud) as a hive-partitioned transactions table. */
async function writeLake(lakeDir: string, rows: string[]): Promise<void> {
  const out = path.join(lakeDir, 'transactions');
  await mkdir(lakeDir, { recursive: true });
  await withDuckDB(async (db) => {
    await db.run(`
      CREATE TABLE t AS
      SELECT dt, CAST(ts AS TIMESTAMP) AS timestamp, CAST(amount AS DOUBLE) AS amount,
             CAST(is_fraud AS BOOLEAN) AS is_fraud, 'card-' || CAST(row_number() OVER () AS VARCHAR) AS card_id
      FROM (VALUES ${rows.join(', ')}) AS v(dt, ts, amount, is_fraud)`);
    await db.run(`COPY t TO ${sqlString(out)} (FORMAT parquet, PARTITION_BY (dt))`);
  });
}

describe('lakeSummary', () => {
  it('returns null when the lake directory does not exist', async () => {
    expect(await getLakeSummary(path.join(root, 'missing'))).toBeNull();
  });

  it('returns null when the transactions table has no Parquet file', async () => {
    const lakeDir = path.join(root, 'empty');
    await mkdir(path.join(lakeDir, 'transactions', 'dt=2024-05-01'), { recursive: true });
    expect(await getLakeSummary(lakeDir)).toBeNull();
  });

  it('counts transactions, frauds and days per dt partition', async () => {
    const lakeDir = path.join(root, 'lake');
    await writeLake(lakeDir, [
      `('2024-05-01', '2024-05-01 08:00:00', 12.5, false)`,
      `('2024-05-01', '2024-05-01 09:30:00', 80.0, true)`,
      `('2024-05-01', '2024-05-01 23:59:59', 5.0, false)`,
      `('2024-05-02', '2024-05-02 00:00:00', 42.0, false)`,
      `('2024-05-04', '2024-05-04 10:00:00', 310.0, true)`,
      `('2024-05-04', '2024-05-04 11:00:00', 7.25, true)`,
      `('2024-05-04', '2024-05-04 12:00:00', 19.9, false)`,
      `('2024-05-04', '2024-05-04 13:00:00', 3.1, false)`,
    ]);

    const summary = await getLakeSummary(lakeDir);

    expect(summary).toEqual({
      transactions: 8,
      frauds: 3,
      labelled: 8,
      fraudRate: 3 / 8,
      daysCovered: 3,
      firstDay: '2024-05-01',
      lastDay: '2024-05-04',
      daily: [
        { day: '2024-05-01', transactions: 3, frauds: 1, labelled: 3, fraudRate: 1 / 3 },
        { day: '2024-05-02', transactions: 1, frauds: 0, labelled: 1, fraudRate: 0 },
        { day: '2024-05-04', transactions: 4, frauds: 2, labelled: 4, fraudRate: 0.5 },
      ],
    });
  });

  it('computes the fraud rate over labelled rows only', async () => {
    const lakeDir = path.join(root, 'partly-labelled');
    await writeLake(lakeDir, [
      `('2024-06-01', '2024-06-01 08:00:00', 10.0, true)`,
      `('2024-06-01', '2024-06-01 09:00:00', 20.0, false)`,
      `('2024-06-01', '2024-06-01 10:00:00', 30.0, NULL)`,
      `('2024-06-02', '2024-06-02 10:00:00', 40.0, NULL)`,
    ]);

    const summary = await getLakeSummary(lakeDir);

    expect(summary?.transactions).toBe(4);
    expect(summary?.labelled).toBe(2);
    expect(summary?.frauds).toBe(1);
    expect(summary?.fraudRate).toBe(0.5);
    expect(summary?.daily[1]).toEqual({
      day: '2024-06-02',
      transactions: 1,
      frauds: 0,
      labelled: 0,
      fraudRate: null,
    });
  });

  it('reads a lake whose path needs SQL quoting', async () => {
    const lakeDir = path.join(root, "analyst's lake");
    await writeLake(lakeDir, [`('2024-07-01', '2024-07-01 08:00:00', 10.0, false)`]);

    const summary = await getLakeSummary(lakeDir);

    expect(summary?.transactions).toBe(1);
    expect(summary?.firstDay).toBe('2024-07-01');
  });
});
