// What every analytics engine returns: named, typed columns and rows of plain JS values, so queries
// and pages never see DuckDB's or Athena's own value representations.
export type ColumnType = 'string' | 'number' | 'boolean' | 'date' | 'timestamp' | 'other';
export type Cell = string | number | boolean | null;

export interface Column {
  name: string;
  type: ColumnType;
}

export interface ResultSet {
  columns: Column[];
  rows: Record<string, Cell>[];
}

/** The SQL differences between the engines, kept to this small map. */
export interface Dialect {
  name: 'duckdb' | 'trino';
  /** The lake's transactions table as a FROM item (partition column `dt`, a YYYY-MM-DD string). */
  transactions: string;
}

export interface RunOptions {
  signal?: AbortSignal;
}

/** One way to run the portable SQL of lib/analytics/queries.ts. */
export interface AnalyticsEngine {
  readonly dialect: Dialect;
  run(sql: string, options?: RunOptions): Promise<ResultSet>;
}

export class AnalyticsError extends Error {
  override readonly name: string = 'AnalyticsError';
}

/** SQL functions whose spelling differs between the engines (the rest of the subset is shared). */
export interface DialectFunctions {
  /**
   * Approximate quantiles of a DOUBLE expression at `fractions` (each in (0, 1)), as one array
   * value whose elements are read 1-based (`q[1]`), the same in both engines.
   */
  approxQuantiles(expr: string, fractions: readonly number[]): string;
  /** A row sample of about `percent` % of a FROM item, written right after it (before WHERE). */
  sample(percent: number): string;
}

function checkFractions(fractions: readonly number[]): readonly number[] {
  for (const f of fractions)
    if (!(Number.isFinite(f) && f > 0 && f < 1)) throw new AnalyticsError(`not a quantile fraction: ${f}`);
  return fractions;
}

function checkPercent(percent: number): string {
  if (!(Number.isFinite(percent) && percent > 0 && percent <= 100))
    throw new AnalyticsError(`not a sample percentage: ${percent}`);
  return String(Math.round(percent * 10_000) / 10_000);
}

export const DIALECT_FUNCTIONS: Record<Dialect['name'], DialectFunctions> = {
  // DuckDB takes the fractions as FLOAT[]: plain literals coerce, DOUBLE casts do not.
  duckdb: {
    approxQuantiles: (expr, fractions) =>
      `approx_quantile(${expr}, [${checkFractions(fractions).join(', ')}])`,
    sample: (percent) => `TABLESAMPLE BERNOULLI (${checkPercent(percent)} PERCENT)`,
  },
  trino: {
    approxQuantiles: (expr, fractions) =>
      `approx_percentile(${expr}, ARRAY[${checkFractions(fractions)
        .map((f) => `CAST(${f} AS DOUBLE)`)
        .join(', ')}])`,
    sample: (percent) => `TABLESAMPLE BERNOULLI (${checkPercent(percent)})`,
  },
};
