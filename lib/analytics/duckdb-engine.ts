// The embedded analytics engine: DuckDB over the local Parquet lake. One in-memory DuckDB per engine,
// opened on first use and reused (queries are read-only; files are re-listed on every query, so new
// lake parts are seen without a restart).
import { DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

import { openDuckDB } from '@/lib/lake/duckdb';
import { transactionsGlob, transactionsSource } from '@/lib/lake/transactions-table';

import {
  AnalyticsError,
  type AnalyticsEngine,
  type Cell,
  type Column,
  type ColumnType,
  type Dialect,
  type ResultSet,
} from './types';

export const duckdbDialect = (lakeDir: string): Dialect => ({
  name: 'duckdb',
  transactions: transactionsSource(lakeDir),
});

function columnType(type: DuckDBType): ColumnType {
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return 'string';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
      return 'timestamp';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'number';
    default:
      return 'other';
  }
}

function toCell(value: unknown, type: ColumnType): Cell {
  if (value === null || value === undefined) return null;
  if (type === 'number') return typeof value === 'bigint' ? Number(value) : Number(value);
  if (type === 'boolean') return Boolean(value);
  if (type === 'timestamp') return value instanceof Date ? value.toISOString() : String(value);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : String(value);
}

export class DuckDBEngine implements AnalyticsEngine {
  readonly dialect: Dialect;
  private connection: Promise<DuckDBConnection> | null = null;

  constructor(private readonly lakeDir: string) {
    this.dialect = duckdbDialect(lakeDir);
  }

  /** Whether the lake has any Parquet file yet (read_parquet fails on an empty glob). */
  async hasData(): Promise<boolean> {
    const db = await this.connect();
    const reader = await db.runAndReadAll(
      `SELECT CAST(count(*) AS BIGINT) AS n FROM glob('${transactionsGlob(this.lakeDir).replaceAll("'", "''")}')`,
    );
    return Number(reader.getRowObjectsJS()[0]?.n ?? 0) > 0;
  }

  async run(sql: string): Promise<ResultSet> {
    const db = await this.connect();
    let reader;
    try {
      reader = await db.runAndReadAll(sql);
    } catch (error) {
      throw new AnalyticsError(`DuckDB query failed: ${(error as Error).message}`);
    }
    const columns: Column[] = reader.columnNames().map((name, i) => ({
      name,
      type: columnType(reader.columnType(i)),
    }));
    const rows = reader.getRowObjectsJS().map((raw) => {
      const row: Record<string, Cell> = {};
      for (const c of columns) row[c.name] = toCell(raw[c.name], c.type);
      return row;
    });
    return { columns, rows };
  }

  async close(): Promise<void> {
    const pending = this.connection;
    this.connection = null;
    if (pending) (await pending).closeSync();
  }

  private connect(): Promise<DuckDBConnection> {
    this.connection ??= openDuckDB();
    this.connection.catch(() => {
      this.connection = null;
    });
    return this.connection;
  }
}

/** True when the engine is DuckDB over a lake without any Parquet file yet (a query would fail). */
export async function knownEmpty(engine: AnalyticsEngine): Promise<boolean> {
  return engine instanceof DuckDBEngine && !(await engine.hasData());
}
