// One way to get a DuckDB connection for the embedded analytics engine and the lake writer.
// Each caller gets its own in-memory instance: the lake is files, so no shared database file is needed
// and concurrent CLIs/servers never contend for a lock.
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export async function openDuckDB(options: { threads?: number } = {}): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2),
  });
  return instance.connect();
}

/** Runs `fn` with a fresh connection and always closes it. */
export async function withDuckDB<T>(fn: (db: DuckDBConnection) => Promise<T>): Promise<T> {
  const db = await openDuckDB();
  try {
    return await fn(db);
  } finally {
    db.closeSync();
  }
}

/** A SQL string literal; DuckDB and Trino both quote by doubling single quotes. */
export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;
