// Writes rows (transaction + feature vector [+ score]) into the lake as one Parquet file per day
// partition through DuckDB. A batch is named by `part` (e.g. the source file): writing the same part
// again replaces its files, which makes rebuilds and re-ingestion idempotent. Files are written under a
// temporary name and renamed, so a reader never sees half a file. The target is a lake folder, or a
// FileStore (lib/files) whose `lake/` keys hold the lake: DuckDB writes a local file that the store
// publishes (renamed into place in the data folder, uploaded whole to S3).
//
// Throughput matters (the whole lake is rebuilt this way), so rows are staged column by column in
// DuckDB data chunks: numbers in typed vectors and repeated strings as ENUM codes, which crosses into
// native code once per column per 2,048 rows instead of once per value. zstd level 1 encodes about
// 2.7x faster than the default level 3 here for a file a few percent larger (bench/lake.bench.ts).
import fs from 'node:fs/promises';

import {
  BOOLEAN,
  DOUBLE,
  DuckDBConnection,
  DuckDBDataChunk,
  ENUM,
  VARCHAR,
  type DuckDBType,
  type DuckDBVector,
} from '@duckdb/node-api';

import type { FeatureSetName } from '@/lib/features';
import type { FileStore } from '@/lib/files/file-store';
import { lakePartKey } from '@/lib/files/keys';
import type { Transaction } from '@/lib/schema/transaction';

import { sqlString } from './duckdb';
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

/** DuckDB's standard vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

// Strings with few distinct values per batch: staged as ENUMs. transaction_id is unique per row, so it
// stays VARCHAR.
const ENUM_COLUMNS = [
  'part',
  'card_id',
  'terminal_id',
  'merchant_name',
  'mcc',
  'currency',
  'channel',
  'card_country',
  'merchant_country',
  'fraud_scenario',
  'model_version',
  'dt',
] as const;
type EnumColumn = (typeof ENUM_COLUMNS)[number];

function enumValue(row: LakeRow, part: string, column: EnumColumn): string | null {
  switch (column) {
    case 'part':
      return part;
    case 'fraud_scenario':
      return row.tx.fraud_scenario ?? null;
    case 'model_version':
      return row.modelVersion ?? null;
    case 'dt':
      return row.tx.timestamp.slice(0, 10);
    default:
      return row.tx[column];
  }
}

/**
 * Writes each part's rows into their day partitions as `part-<part>.parquet`, replacing any earlier
 * file of the same part and day. Rows are written in the order given (time order, by convention).
 * Several parts per call amortise the fixed cost of staging.
 */
export async function writeLakeParts(
  db: DuckDBConnection,
  opts: LakeTarget & { featureSet: FeatureSetName; parts: readonly LakePart[] },
): Promise<WrittenPartition[]> {
  const { featureSet } = opts;
  const features = featureColumns(featureSet);
  const rows: LakeRow[] = [];
  const rowParts: string[] = [];
  for (const { part, rows: partRows } of opts.parts) {
    if (!/^[\w.=-]+$/.test(part))
      throw new Error(`lake part name "${part}" may only use letters, digits, . _ = -`);
    for (const row of partRows) {
      if (row.features.length !== features.length) {
        throw new Error(
          `row ${row.tx.transaction_id} has ${row.features.length} features, set ${featureSet} has ${features.length}`,
        );
      }
      rows.push(row);
      rowParts.push(part);
    }
  }
  if (rows.length === 0) return [];

  const enums = ENUM_COLUMNS.map((column) => {
    const values = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const v = enumValue(rows[i]!, rowParts[i]!, column);
      if (v !== null) values.add(v);
    }
    const members = [...values];
    // An ENUM needs at least one member; a column that is NULL throughout stays VARCHAR.
    return members.length
      ? { column, type: ENUM(members) as DuckDBType, sql: `ENUM(${members.map(sqlString).join(', ')})` }
      : { column, type: VARCHAR as DuckDBType, sql: 'VARCHAR' };
  });
  const staged: { name: string; type: DuckDBType; sql: string }[] = [
    { name: 'transaction_id', type: VARCHAR, sql: 'VARCHAR' },
    { name: 'ts_ms', type: DOUBLE, sql: 'DOUBLE' },
    { name: 'amount', type: DOUBLE, sql: 'DOUBLE' },
    { name: 'is_fraud', type: BOOLEAN, sql: 'BOOLEAN' },
    { name: 'score', type: DOUBLE, sql: 'DOUBLE' },
    ...enums.map(({ column, type, sql }) => ({ name: column, type, sql })),
    ...features.map((name) => ({ name, type: DOUBLE, sql: 'DOUBLE' })),
  ];

  const stage = 'lake_stage';
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${stage} (${staged.map((c) => `"${c.name}" ${c.sql}`).join(', ')})`,
  );
  try {
    await appendRows(db, stage, staged, rows, rowParts, enums.length);
    return await copyPartitions(db, stage, opts, { featureSet, features });
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${stage}`);
  }
}

async function appendRows(
  db: DuckDBConnection,
  stage: string,
  staged: readonly { name: string; type: DuckDBType }[],
  rows: readonly LakeRow[],
  rowParts: readonly string[],
  enumCount: number,
): Promise<void> {
  const appender = await db.createAppender(stage);
  const types = staged.map((c) => c.type);
  const firstFeature = 5 + enumCount;
  // Vectors are fetched once per chunk shape and reused: node-api rebuilds them (re-reading every ENUM
  // member through N-API) whenever a chunk's row count is set, which would dominate the cost.
  let chunk: DuckDBDataChunk | undefined;
  let vectors: DuckDBVector[] = [];
  for (let offset = 0; offset < rows.length; offset += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rows.length - offset);
    if (chunk?.rowCount !== n) {
      const fresh = DuckDBDataChunk.create(types, n);
      vectors = types.map((_, c) => fresh.getColumnVector(c));
      chunk = fresh;
    }
    // One monomorphic loop per column keeps the per-value cost to a typed-array store.
    const [ids, times, amounts, fraud, scores] = vectors as [
      DuckDBVector,
      DuckDBVector,
      DuckDBVector,
      DuckDBVector,
      DuckDBVector,
    ];
    for (let i = 0; i < n; i++) ids.setItem(i, rows[offset + i]!.tx.transaction_id);
    for (let i = 0; i < n; i++) times.setItem(i, Date.parse(rows[offset + i]!.tx.timestamp));
    for (let i = 0; i < n; i++) amounts.setItem(i, rows[offset + i]!.tx.amount);
    for (let i = 0; i < n; i++) fraud.setItem(i, rows[offset + i]!.tx.is_fraud ?? null);
    for (let i = 0; i < n; i++) scores.setItem(i, rows[offset + i]!.score ?? null);
    for (let e = 0; e < enumCount; e++) {
      const column = ENUM_COLUMNS[e]!;
      const vector = vectors[5 + e]!;
      for (let i = 0; i < n; i++)
        vector.setItem(i, enumValue(rows[offset + i]!, rowParts[offset + i]!, column));
    }
    for (let f = firstFeature; f < staged.length; f++) {
      const vector = vectors[f]!;
      const k = f - firstFeature;
      for (let i = 0; i < n; i++) vector.setItem(i, rows[offset + i]!.features[k]!);
    }
    for (const vector of vectors) vector.flush();
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

async function copyPartitions(
  db: DuckDBConnection,
  stage: string,
  target: LakeTarget,
  opts: { featureSet: FeatureSetName; features: readonly string[] },
): Promise<WrittenPartition[]> {
  const select = BASE_COLUMNS.map(([name, type]) => {
    switch (name) {
      case 'timestamp':
        return `epoch_ms(CAST(ts_ms AS BIGINT)) AS "timestamp"`;
      case 'feature_set':
        return `${sqlString(opts.featureSet)} AS feature_set`;
      default:
        return `CAST("${name}" AS ${type}) AS "${name}"`;
    }
  })
    .concat(opts.features.map((f) => `"${f}"`))
    .join(', ');
  const targets = (
    await db.runAndReadAll(
      `SELECT CAST(part AS VARCHAR) AS part, CAST(dt AS VARCHAR) AS dt, count(*)::INTEGER AS n FROM ${stage} GROUP BY ALL ORDER BY dt, part`,
    )
  ).getRowObjectsJS() as { part: string; dt: string; n: number }[];
  const written: WrittenPartition[] = [];
  for (const { part, dt, n } of targets) {
    const where = `CAST(part AS VARCHAR) = ${sqlString(part)} AND CAST(dt AS VARCHAR) = ${sqlString(dt)}`;
    const copyTo = (file: string) =>
      db.run(
        `COPY (SELECT ${select} FROM ${stage} WHERE ${where}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)`,
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
    written.push({ part, dt, rows: n, file });
  }
  return written;
}
