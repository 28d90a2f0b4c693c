// Headline numbers of the Parquet lake for the console's home page: volume, labelled fraud, the days
// covered and a per-day series. One grouped scan by the `dt` partition; totals are summed from it.
import { knownEmpty } from './duckdb-engine';
import type { AnalyticsEngine, Cell } from './types';

export interface LabelledDay {
  /** The `dt` partition, `YYYY-MM-DD` (UTC calendar day). */
  day: string;
  transactions: number;
  frauds: number;
  /** Rows whose `is_fraud` label is known (labels arrive late, and only simulated data has them all). */
  labelled: number;
}

export interface SummaryDay extends LabelledDay {
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
  daily: SummaryDay[];
}

/**
 * Reads the lake's transactions table through the analytics engine (DuckDB over the local lake, Athena
 * over S3); null when it holds no row yet.
 */
export async function lakeSummary(engine: AnalyticsEngine): Promise<LakeSummary | null> {
  // read_parquet fails on a glob that matches nothing; an absent or empty lake is a state, not an error.
  if (await knownEmpty(engine)) return null;
  const daily: SummaryDay[] = (await labelledDays(engine)).map((d) => ({
    ...d,
    fraudRate: d.labelled > 0 ? d.frauds / d.labelled : null,
  }));
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

function sum(days: SummaryDay[], pick: (day: SummaryDay) => number): number {
  return days.reduce((total, day) => total + pick(day), 0);
}

/**
 * Rows, labelled rows and labelled frauds per `dt` day with data, oldest first, of the rows matching
 * `where` (portable SQL; the whole table without it). The caller checks `knownEmpty` first.
 */
export async function labelledDays(engine: AnalyticsEngine, where?: string): Promise<LabelledDay[]> {
  const { rows } = await engine.run(`
    SELECT
      CAST(dt AS VARCHAR) AS day,
      CAST(count(*) AS BIGINT) AS transactions,
      CAST(count(is_fraud) AS BIGINT) AS labelled,
      CAST(count_if(is_fraud) AS BIGINT) AS frauds
    FROM ${engine.dialect.transactions}
    ${where ? `WHERE ${where}` : ''}
    GROUP BY CAST(dt AS VARCHAR)
    ORDER BY day`);
  return rows.map((row) => ({
    day: String(row.day),
    transactions: toNumber(row.transactions),
    frauds: toNumber(row.frauds),
    labelled: toNumber(row.labelled),
  }));
}

/** The engines hand numbers back typed; a NULL count reads 0. */
function toNumber(value: Cell | undefined): number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return 0;
  throw new TypeError(`expected a number from the lake, got ${typeof value}`);
}
