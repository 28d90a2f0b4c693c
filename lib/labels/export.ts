// `labels:export`: analyst decisions joined with the lake row the model scored (its features, the
// simulated label where there is one, the score and model version), written as one Parquet file that
// model training can take as a label source. Labels without a lake row are kept (features NULL) and
// counted, so a partial lake is visible rather than silently shrinking the file.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import { transactionsGlob, transactionsSource } from '@/lib/lake/transactions-table';
import type { Store } from '@/lib/store';

import { analystLabels } from './decided';

export interface LabelsExportResult {
  out: string;
  labels: number;
  fraud: number;
  legitimate: number;
  /** Labels whose transaction has a lake row (features present). */
  joined: number;
  /** Joined labels where the analyst and the simulated label disagree. */
  disagreeWithSimulated: number;
}

export async function exportLabels(opts: {
  store: Store;
  lakeDir: string;
  out: string;
  onProgress?: (labels: number) => void;
}): Promise<LabelsExportResult> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'labels-'));
  const ndjson = path.join(tmp, 'labels.ndjson');
  try {
    const handle = await fs.open(ndjson, 'w');
    let labels = 0;
    let minDay = '9999-12-31';
    let maxDay = '0000-01-01';
    try {
      for await (const label of analystLabels(opts.store, { onPage: opts.onProgress })) {
        await handle.write(`${JSON.stringify(label)}\n`);
        labels++;
        if (label.dt < minDay) minDay = label.dt;
        if (label.dt > maxDay) maxDay = label.dt;
      }
    } finally {
      await handle.close();
    }
    await fs.mkdir(path.dirname(path.resolve(opts.out)), { recursive: true });
    return await withDuckDB(async (db) => {
      const labelsSql = `read_json(${sqlString(ndjson)}, format = 'newline_delimited', columns = {
        transaction_id: 'VARCHAR', tx_time: 'TIMESTAMP', dt: 'VARCHAR', label_is_fraud: 'BOOLEAN',
        label_reason: 'VARCHAR', label_analyst: 'VARCHAR', label_decided_at: 'TIMESTAMP',
        decision_model_version: 'VARCHAR', decision_score: 'DOUBLE'})`;
      const lakeFiles = Number(
        (
          await db.runAndReadAll(
            `SELECT CAST(count(*) AS BIGINT) AS n FROM glob(${sqlString(transactionsGlob(opts.lakeDir))})`,
          )
        ).getRowObjectsJS()[0]?.n ?? 0,
      );
      // Only the partitions the labels fall in are read.
      const lake =
        labels > 0 && lakeFiles > 0
          ? `(SELECT * EXCLUDE (dt) FROM ${transactionsSource(opts.lakeDir)} WHERE dt BETWEEN ${sqlString(minDay)} AND ${sqlString(maxDay)})`
          : `(SELECT CAST(NULL AS VARCHAR) AS transaction_id, CAST(NULL AS BOOLEAN) AS is_fraud WHERE false)`;
      await db.run(`CREATE TEMP TABLE joined AS
        SELECT l.*, t.* EXCLUDE (transaction_id), t.transaction_id IS NOT NULL AS in_lake
        FROM ${labels > 0 ? labelsSql : `(SELECT * FROM ${labelsSql} WHERE false)`} l
        LEFT JOIN ${lake} t ON t.transaction_id = l.transaction_id`);
      await db.run(
        `COPY (SELECT * EXCLUDE (in_lake) FROM joined ORDER BY tx_time, transaction_id) TO ${sqlString(opts.out)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      const [row] = (
        await db.runAndReadAll(`SELECT
          CAST(count(*) AS BIGINT) AS labels,
          CAST(count_if(label_is_fraud) AS BIGINT) AS fraud,
          CAST(count_if(in_lake) AS BIGINT) AS joined,
          CAST(count_if(in_lake AND is_fraud IS NOT NULL AND is_fraud <> label_is_fraud) AS BIGINT) AS disagree
          FROM joined`)
      ).getRowObjectsJS();
      const n = (v: unknown) => Number(v ?? 0);
      return {
        out: opts.out,
        labels: n(row?.labels),
        fraud: n(row?.fraud),
        legitimate: n(row?.labels) - n(row?.fraud),
        joined: n(row?.joined),
        disagreeWithSimulated: n(row?.disagree),
      };
    });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
