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
