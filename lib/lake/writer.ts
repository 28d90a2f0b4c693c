// Writes rows (transaction + feature vector [+ score]) into the lake as one Parquet file per day
// partition through DuckDB. A batch is named by `part` (e.g. the source file): writing the same part
// again replaces its files, which makes rebuilds and re-ingestion idempotent. Files are written under a
// temporary name and renamed, so a reader never sees half a file. The target is a lake folder, or a
// FileStore (lib/files) whose `lake/` keys hold the lake: DuckDB writes a local file that the store
// publishes (renamed into place in the data folder, uploaded whole to S3).
//
// Throughput matters (the whole lake is rebuilt this way), so rows are first gathered as columns
// (lake-columns.ts: typed arrays, repeated strings as dictionary codes, each file's rows contiguous)
// and each file is one `COPY` reading its rows through a JS table function (lake-scan.ts), one native
// copy per column per 2,048 rows and no staging table. zstd level 1 encodes about 2.7x faster than
// the default level 3 here for a file a few percent larger (bench/lake.bench.ts).
import fs from 'node:fs/promises';

import type { DuckDBConnection } from '@duckdb/node-api';

import type { FeatureSetName } from '@/lib/features';
import type { FileStore } from '@/lib/files/file-store';
import { lakePartKey } from '@/lib/files/keys';
import type { Transaction } from '@/lib/schema/transaction';

import { sqlString } from './duckdb';
import { groupByDay, LakeColumnsBuilder, type LakeColumns } from './lake-columns';
import { withScan } from './lake-scan';
import { BASE_COLUMNS, featureColumns, partFileName, partitionDir } from './transactions-table';

export interface LakeRow {
  tx: Transaction;
  features: readonly number[];
  score?: number;
  modelVersion?: string;
}

export interface WrittenPartition {
  part: string;
  dt: string;
  rows: number;
  /** The file's path, or its location in the FileStore (a path or s3:// URL). */
  file: string;
}

/** Where the lake is: a folder (the lake build), or the `lake/` keys of a FileStore (ingestion). */
export type LakeTarget = { lakeDir: string } | { files: FileStore };

/** The rows of one source (file, batch): written as `part-<part>.parquet` in each day it touches. */
export interface LakePart {
  part: string;
  rows: readonly LakeRow[];
}

/**
 * Writes each part's rows into their day partitions as `part-<part>.parquet`, replacing any earlier
 * file of the same part and day. Rows are written in the order given (time order, by convention).
 * Several parts per call amortise the fixed cost of a write.
 */
export async function writeLakeParts(
  db: DuckDBConnection,
  opts: LakeTarget & { featureSet: FeatureSetName; parts: readonly LakePart[] },
): Promise<WrittenPartition[]> {
  // A part named twice is one part, in the order given.
  const byName = new Map<string, LakeRow[]>();
  let total = 0;
  for (const { part, rows } of opts.parts) {
    let list = byName.get(part);
    if (list === undefined) byName.set(part, (list = []));
    for (const row of rows) list.push(row);
    total += rows.length;
  }
  const builder = new LakeColumnsBuilder(opts.featureSet, total);
  for (const [part, rows] of byName) {
    builder.startPart(part);
    for (const { tx, features, score, modelVersion } of groupByDay(rows))
      builder.add(tx, features, score, modelVersion);
  }
  return writeLakeColumns(db, opts, builder.finish());
}

/** Writes every slice of `columns` as its lake file (see writeLakeParts). */
export async function writeLakeColumns(
  db: DuckDBConnection,
  target: LakeTarget,
  columns: LakeColumns,
): Promise<WrittenPartition[]> {
  const select = BASE_COLUMNS.map(([name, type]) => {
    switch (name) {
      case 'timestamp':
        return `epoch_ms(CAST(ts_ms AS BIGINT)) AS "timestamp"`;
      case 'feature_set':
        return `${sqlString(columns.featureSet)} AS feature_set`;
      default:
        return `CAST("${name}" AS ${type}) AS "${name}"`;
    }
  })
    .concat(featureColumns(columns.featureSet).map((f) => `"${f}"`))
    .join(', ');
  const written: WrittenPartition[] = [];
  for (const slice of columns.slices) {
    const { part, dt } = slice;
    const copyTo = (file: string) =>
      withScan(db, columns, slice, (from) =>
        db.run(
          `COPY (SELECT ${select} FROM ${from}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)`,
        ),
      );
    let file: string;
    if ('files' in target) {
      const key = lakePartKey(dt, part);
      await target.files.withLocalOutput(key, copyTo);
      file = target.files.locate(key);
    } else {
      const dir = partitionDir(target.lakeDir, dt);
      file = `${dir}/${partFileName(part)}`;
      await fs.mkdir(dir, { recursive: true });
      const tmp = `${file}.tmp-${process.pid}`;
      await copyTo(tmp);
      await fs.rename(tmp, file);
    }
    written.push({ part, dt, rows: slice.end - slice.start, file });
  }
  return written;
}
