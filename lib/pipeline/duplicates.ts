// Cross-file duplicates: which of a file's transaction ids are already in the lake, written there by
// another source file. Only the day partitions the file touches are read, and the file's own part is
// excluded (re-running a file after a crash must not see its own earlier rows as duplicates). The
// parts are read through the FileStore: in place from the data folder, from a local copy off S3.
import type { DuckDBConnection } from '@duckdb/node-api';

import type { FileStore } from '@/lib/files';
import { sqlString } from '@/lib/lake/duckdb';

import { lakePartitionKeys } from './io';

/**
 * Ids present in the lake's `dts` partitions in any part other than `part`. `beforeQuery` is awaited
 * before the first read of a part (another query still running on `db`); a day without other parts
 * costs one listing and no query.
 */
export async function idsInOtherParts(
  db: DuckDBConnection,
  opts: { files: FileStore; part: string; dts: Iterable<string>; beforeQuery?: Promise<unknown> | null },
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const dt of [...opts.dts].sort()) {
    // One part at a time, so at most one downloaded copy exists at once.
    for (const key of await lakePartitionKeys(opts.files, dt, opts.part)) {
      await opts.beforeQuery;
      await opts.files.withLocalCopy(key, async (file) => {
        const reader = await db.runAndReadAll(
          `SELECT DISTINCT CAST(transaction_id AS VARCHAR) AS id FROM read_parquet(${sqlString(file)})`,
        );
        const [column = []] = reader.getColumnsJS() as string[][];
        for (const id of column) ids.add(id);
      });
    }
  }
  return ids;
}
