// Cross-file duplicates: which of a file's transaction ids are already in the lake, written there by
// another source file. Only the day partitions the file touches are read, and the file's own part is
// excluded (re-running a file after a crash must not see its own earlier rows as duplicates).
import type { DuckDBConnection } from '@duckdb/node-api';

import { sqlString } from '@/lib/lake/duckdb';

import { lakePartitionFiles } from './io';

/** Ids present in the lake's `dts` partitions in any part other than `part`. */
export async function idsInOtherParts(
  db: DuckDBConnection,
  opts: { lakeDir: string; part: string; dts: Iterable<string> },
): Promise<Set<string>> {
  const files: string[] = [];
  for (const dt of [...opts.dts].sort())
    files.push(...(await lakePartitionFiles(opts.lakeDir, dt, opts.part)));
  if (files.length === 0) return new Set();
  const list = files.map(sqlString).join(', ');
  const reader = await db.runAndReadAll(
    `SELECT DISTINCT CAST(transaction_id AS VARCHAR) AS id FROM read_parquet([${list}], union_by_name = true)`,
  );
  const [ids = []] = reader.getColumnsJS() as string[][];
  return new Set(ids);
}
