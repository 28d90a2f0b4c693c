// The lake-side analytics, written once in the portable DuckDB/Trino subset (explicit CASTs, count_if,
// `dt` string predicates so only the needed partitions are read); engine differences go through the
// dialect. Each function returns plain typed rows for the dashboard, the what-if and the benches.
import { dayLiteral, identifier, numberLiteral } from './sql';
import type { AnalyticsEngine, Cell, RunOptions } from './types';

export interface DayRange {
  /** First and last UTC day, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

export interface DailyMetrics {
  day: string;
  transactions: number;
  amount: number;
  /** Rows scored at or above the threshold asked for. */
  flagged: number;
  /** Rows whose fraud label is known. */
  labelled: number;
  frauds: number;
  fraudAmount: number;
  /** Labelled frauds that the threshold catches. */
  flaggedFrauds: number;
}

/** A numeric cell (the engines type counts and sums as numbers); NULL or absent reads 0. */
export const num = (cell: Cell | undefined): number => (typeof cell === 'number' ? cell : 0);
/** A cell as text; NULL or absent reads ''. */
export const str = (cell: Cell | undefined): string =>
  cell === null || cell === undefined ? '' : String(cell);

/** The `dt` partitions of a range of days (inclusive), as a WHERE condition. */
export const inRange = (r: DayRange): string => `dt BETWEEN ${dayLiteral(r.from)} AND ${dayLiteral(r.to)}`;

/** Per-day volume, flagged and labelled fraud over a day range; days without data are absent. */
export async function dailyMetrics(
  engine: AnalyticsEngine,
  params: DayRange & { threshold: number },
  options?: RunOptions,
): Promise<DailyMetrics[]> {
  const t = numberLiteral(params.threshold);
  const { rows } = await engine.run(
    `SELECT
       CAST(dt AS VARCHAR) AS day,
       CAST(count(*) AS BIGINT) AS transactions,
       CAST(COALESCE(sum(amount), 0) AS DOUBLE) AS amount,
       CAST(count_if(score >= ${t}) AS BIGINT) AS flagged,
       CAST(count(is_fraud) AS BIGINT) AS labelled,
       CAST(count_if(is_fraud) AS BIGINT) AS frauds,
       CAST(COALESCE(sum(CASE WHEN is_fraud THEN amount ELSE 0 END), 0) AS DOUBLE) AS fraud_amount,
       CAST(count_if(is_fraud AND score >= ${t}) AS BIGINT) AS flagged_frauds
     FROM ${engine.dialect.transactions}
     WHERE ${inRange(params)}
     GROUP BY CAST(dt AS VARCHAR)
     ORDER BY day`,
    options,
  );
  return rows.map((r) => ({
    day: str(r.day),
    transactions: num(r.transactions),
    amount: num(r.amount),
    flagged: num(r.flagged),
    labelled: num(r.labelled),
    frauds: num(r.frauds),
    fraudAmount: num(r.fraud_amount),
    flaggedFrauds: num(r.flagged_frauds),
  }));
}

export const BREAKDOWN_DIMENSIONS = [
  'fraud_scenario',
  'channel',
  'merchant_country',
  'card_country',
  'mcc',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface BreakdownRow {
  /** The dimension's value; '(none)' when it is NULL (e.g. no fraud scenario on a legitimate row). */
  key: string;
  transactions: number;
  amount: number;
  flagged: number;
  frauds: number;
  fraudAmount: number;
}

/** Totals per value of one dimension over a day range, most frauds first (top `limit`). */
export async function breakdown(
  engine: AnalyticsEngine,
  params: DayRange & { by: string; threshold: number; limit?: number },
  options?: RunOptions,
): Promise<BreakdownRow[]> {
  const column = identifier(params.by, BREAKDOWN_DIMENSIONS);
  const t = numberLiteral(params.threshold);
  const limit = Math.max(1, Math.min(100, Math.trunc(params.limit ?? 12)));
  const { rows } = await engine.run(
    `SELECT
       COALESCE(CAST(${column} AS VARCHAR), '(none)') AS key,
       CAST(count(*) AS BIGINT) AS transactions,
       CAST(COALESCE(sum(amount), 0) AS DOUBLE) AS amount,
       CAST(count_if(score >= ${t}) AS BIGINT) AS flagged,
       CAST(count_if(is_fraud) AS BIGINT) AS frauds,
       CAST(COALESCE(sum(CASE WHEN is_fraud THEN amount ELSE 0 END), 0) AS DOUBLE) AS fraud_amount
     FROM ${engine.dialect.transactions}
     WHERE ${inRange(params)}
     GROUP BY COALESCE(CAST(${column} AS VARCHAR), '(none)')
     ORDER BY frauds DESC, transactions DESC, key
     LIMIT ${limit}`,
    options,
  );
  return rows.map((r) => ({
    key: str(r.key),
    transactions: num(r.transactions),
    amount: num(r.amount),
    flagged: num(r.flagged),
    frauds: num(r.frauds),
    fraudAmount: num(r.fraud_amount),
  }));
}

/** Score buckets are uniform in √score: fine resolution where thresholds live (a few percent). */
export const SCORE_BUCKETS = 1000;
export const bucketLowerScore = (bucket: number): number => (bucket / SCORE_BUCKETS) ** 2;

export interface ScoreBucket {
  /** Scores in [bucketLowerScore(bucket), bucketLowerScore(bucket + 1)). */
  bucket: number;
  rows: number;
  labelled: number;
  frauds: number;
}

/** The score distribution with labels over a day range, for the threshold what-if. */
export async function scoreHistogram(
  engine: AnalyticsEngine,
  params: DayRange,
  options?: RunOptions,
): Promise<ScoreBucket[]> {
  const { rows } = await engine.run(
    `SELECT
       CAST(LEAST(floor(sqrt(score) * ${SCORE_BUCKETS}), ${SCORE_BUCKETS - 1}) AS BIGINT) AS bucket,
       CAST(count(*) AS BIGINT) AS n,
       CAST(count(is_fraud) AS BIGINT) AS labelled,
       CAST(count_if(is_fraud) AS BIGINT) AS frauds
     FROM ${engine.dialect.transactions}
     WHERE ${inRange(params)} AND score IS NOT NULL
     GROUP BY 1
     ORDER BY 1`,
    options,
  );
  return rows.map((r) => ({
    bucket: num(r.bucket),
    rows: num(r.n),
    labelled: num(r.labelled),
    frauds: num(r.frauds),
  }));
}
