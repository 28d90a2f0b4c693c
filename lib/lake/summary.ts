// Headline numbers of the Parquet lake for the console's home page: volume, labelled fraud, the days
// covered and a per-day series. One grouped scan by the `dt` partition; totals are summed from it.
import 'server-only';

import type { DuckDBConnection } from '@duckdb/node-api';

import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import { transactionsGlob, transactionsSource } from '@/lib/lake/transactions-table';

export interface LakeDay {
  /** The `dt` partition, `YYYY-MM-DD` (UTC calendar day). */
  day: string;
  transactions: number;
  frauds: number;
  /** Rows whose `is_fraud` label is known (labels arrive late, and only simulated data has them all). */
  labelled: number;
  /** frauds / labelled, or null when no row of the day is labelled. */
  fraudRate: number | null;
}

export interface LakeSummary {
  transactions: number;
  frauds: number;
  labelled: number;
  /** frauds / labelled over the whole lake, or null when nothing is labelled. */
  fraudRate: number | null;
  /** Number of distinct days that hold at least one transaction. */
  daysCovered: number;
  firstDay: string;
  lastDay: string;
  /** One entry per day with data, oldest first. */
  daily: LakeDay[];
}

/** Reads the transactions table of the lake at `lakeDir`; null when the table has no Parquet file yet. */
export async function getLakeSummary(lakeDir: string): Promise<LakeSummary | null> {
  return withDuckDB((db) => readLakeSummary(db, lakeDir));
}

async function readLakeSummary(db: DuckDBConnection, lakeDir: string): Promise<LakeSummary | null> {
  // read_parquet fails on a glob that matches nothing; an absent or empty lake is a state, not an error.
  const files = await db.runAndReadAll(
    `SELECT CAST(count(*) AS BIGINT) AS n FROM glob(${sqlString(transactionsGlob(lakeDir))})`,
  );
  if (toNumber(files.getRowObjectsJS()[0]?.n) === 0) return null;

  const reader = await db.runAndReadAll(`
    SELECT
      CAST(dt AS VARCHAR) AS day,
      CAST(count(*) AS BIGINT) AS transactions,
      CAST(count(is_fraud) AS BIGINT) AS labelled,
      CAST(sum(CASE WHEN is_fraud THEN 1 ELSE 0 END) AS BIGINT) AS frauds
    FROM ${transactionsSource(lakeDir)}
    GROUP BY CAST(dt AS VARCHAR)
    ORDER BY day`);

  const daily: LakeDay[] = reader.getRowObjectsJS().map((row) => {
    const labelled = toNumber(row.labelled);
    const frauds = toNumber(row.frauds);
    return {
      day: String(row.day),
      transactions: toNumber(row.transactions),
      frauds,
      labelled,
      fraudRate: labelled > 0 ? frauds / labelled : null,
    };
  });
  const first = daily[0];
  const last = daily[daily.length - 1];
  // Parquet files with zero rows give no group at all: treat them like an empty lake.
  if (!first || !last) return null;

  const transactions = sum(daily, (d) => d.transactions);
  const frauds = sum(daily, (d) => d.frauds);
  const labelled = sum(daily, (d) => d.labelled);
  return {
    transactions,
    frauds,
    labelled,
    fraudRate: labelled > 0 ? frauds / labelled : null,
    daysCovered: daily.length,
    firstDay: first.day,
    lastDay: last.day,
    daily,
  };
}

function sum(days: LakeDay[], pick: (day: LakeDay) => number): number {
  return days.reduce((total, day) => total + pick(day), 0);
}

/** DuckDB hands BIGINT back as bigint and sum() of nothing as null. */
function toNumber(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return 0;
  throw new TypeError(`expected a number from DuckDB, got ${typeof value}`);
}
