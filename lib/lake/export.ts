// Exports the training table: one row per transaction in a date window with its identifiers, labels
// and one column per feature, as a single Parquet file that model training reads.
import fs from 'node:fs/promises';
import path from 'node:path';

import { FEATURE_SETS, isFeatureSetName, type FeatureSetName } from '@/lib/features';

import { sqlString, withDuckDB } from './duckdb';
import { transactionsSource } from './transactions-table';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ExportResult {
  rows: number;
  frauds: number;
  /** Rows whose label came from an analyst decision (labels file), and how many of those changed it. */
  analystLabels: number;
  analystOverrides: number;
  featureSet: FeatureSetName;
  featureNames: readonly string[];
  out: string;
}

/**
 * Writes transactions with `from <= dt <= to` to `out`. The feature set defaults to the lake's own;
 * a smaller set may be asked for, since every set is a prefix of the larger ones.
 */
export async function exportTrainingTable(opts: {
  lakeDir: string;
  from: string;
  to: string;
  out: string;
  featureSet?: FeatureSetName;
  /**
   * A `labels:export` Parquet file: its analyst labels override the lake's (simulated) ones for the
   * same transaction, so retraining learns from what analysts confirmed.
   */
  labelsFile?: string;
}): Promise<ExportResult> {
  for (const [name, value] of [
    ['from', opts.from],
    ['to', opts.to],
  ] as const) {
    if (!DAY.test(value)) throw new Error(`--${name} must be a date YYYY-MM-DD, got "${value}"`);
  }
  if (opts.from > opts.to) throw new Error(`--from ${opts.from} is after --to ${opts.to}`);
  const source = transactionsSource(opts.lakeDir);
  const window = `dt BETWEEN ${sqlString(opts.from)} AND ${sqlString(opts.to)}`;
  return withDuckDB(async (db) => {
    const sets = (
      await db
        .runAndReadAll(`SELECT DISTINCT feature_set FROM ${source} t WHERE ${window}`)
        .catch((e: unknown) => {
          throw new Error(
            `cannot read the lake at ${opts.lakeDir}: ${e instanceof Error ? e.message : String(e)}`,
          );
        })
    ).getRowObjectsJS() as { feature_set: string }[];
    if (sets.length === 0)
      throw new Error(`the lake at ${opts.lakeDir} has no transactions between ${opts.from} and ${opts.to}`);
    if (sets.length > 1)
      throw new Error(
        `the window mixes feature sets ${sets.map((s) => s.feature_set).join(', ')}; rebuild the lake with one`,
      );
    const lakeSet = sets[0]!.feature_set;
    if (!isFeatureSetName(lakeSet)) throw new Error(`the lake uses an unknown feature set "${lakeSet}"`);
    const featureSet = opts.featureSet ?? lakeSet;
    const featureNames = FEATURE_SETS[featureSet];
    const available = new Set<string>(FEATURE_SETS[lakeSet]);
    if (!featureNames.every((name) => available.has(name))) {
      throw new Error(`feature set ${featureSet} is not available from a lake built with ${lakeSet}`);
    }
    await fs.mkdir(path.dirname(path.resolve(opts.out)), { recursive: true });
    const labels = opts.labelsFile
      ? `(SELECT transaction_id, label_is_fraud FROM read_parquet(${sqlString(opts.labelsFile)}))`
      : `(SELECT CAST(NULL AS VARCHAR) AS transaction_id, CAST(NULL AS BOOLEAN) AS label_is_fraud WHERE false)`;
    const columns = [
      't.transaction_id',
      't."timestamp"',
      't.dt',
      't.card_id',
      't.terminal_id',
      'COALESCE(l.label_is_fraud, t.is_fraud) AS is_fraud',
      't.fraud_scenario',
      `CASE WHEN l.label_is_fraud IS NULL THEN 'lake' ELSE 'analyst' END AS label_source`,
      ...featureNames.map((f) => `t."${f}"`),
    ];
    await db.run(`CREATE TEMP TABLE labels AS SELECT * FROM ${labels}`);
    const [overrides] = (
      await db.runAndReadAll(
        `SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE t.is_fraud IS DISTINCT FROM l.label_is_fraud)::BIGINT AS changed
         FROM ${source} t JOIN labels l ON l.transaction_id = t.transaction_id WHERE ${window}`,
      )
    ).getRowObjectsJS() as { n: bigint; changed: bigint }[];
    await db.run(
      `COPY (SELECT ${columns.join(', ')} FROM ${source} t LEFT JOIN labels l ON l.transaction_id = t.transaction_id
             WHERE ${window} ORDER BY t."timestamp", t.transaction_id) TO ${sqlString(opts.out)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    const [counts] = (
      await db.runAndReadAll(
        `SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE is_fraud)::BIGINT AS f FROM read_parquet(${sqlString(opts.out)})`,
      )
    ).getRowObjectsJS() as { n: bigint; f: bigint }[];
    return {
      rows: Number(counts!.n),
      frauds: Number(counts!.f),
      analystLabels: Number(overrides!.n),
      analystOverrides: Number(overrides!.changed),
      featureSet,
      featureNames,
      out: opts.out,
    };
  });
}
