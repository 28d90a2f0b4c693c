// The embedded analytics engine (DuckDB in process over the Parquet lake) has no network connection to
// lose: its connection is opened once (a failed open is retried by the next query) and never closed in
// production. What can go wrong under a query is the lake changing: a part replaced by ingestion at the
// same moment must be read whole, old or new, never torn; a corrupt part must fail the query with
// AnalyticsError (the console shows the widget's error), and the next query must answer once it is gone.
// (Closing the connection under running queries hangs or crashes DuckDB: nothing may do that; see
// docs/RELIABILITY.md.)
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DuckDBEngine } from '@/lib/analytics/duckdb-engine';
import { AnalyticsError } from '@/lib/analytics/types';
import { LocalFileStore } from '@/lib/files';
import { sqlString, withDuckDB } from '@/lib/lake/duckdb';

import { scale } from './support';

const ROUNDS = scale(100, 20);

let root: string;
let lakeDir: string;
const files = () => new LocalFileStore(root);
const PART_KEY = 'lake/transactions/dt=2025-03-01/part-feed.parquet';

/** Writes the part with `rows` rows the way the pipeline publishes it (temp file, then rename). */
async function writePart(rows: number): Promise<void> {
  await files().withLocalOutput(PART_KEY, (tmp) =>
    withDuckDB(async (db) => {
      await db.run(
        `COPY (SELECT 't' || i AS transaction_id, i * 1.5 AS amount FROM range(${rows}) t(i))
         TO ${sqlString(tmp)} (FORMAT parquet)`,
      );
    }),
  );
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'fraud-duckdb-'));
  lakeDir = path.join(root, 'lake');
  await writePart(1000);
});

afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('DuckDB analytics engine under failure', () => {
  it(`reads whole parts while ingestion replaces them (${ROUNDS} rounds)`, async () => {
    const engine = new DuckDBEngine(lakeDir);
    try {
      const seen = new Set<number>();
      for (let round = 0; round < ROUNDS; round++) {
        const size = round % 2 === 0 ? 2000 : 1000;
        const [, ...answers] = await Promise.all([
          writePart(size),
          ...Array.from({ length: 4 }, () =>
            engine.run(`SELECT CAST(count(*) AS BIGINT) AS n FROM ${engine.dialect.transactions}`),
          ),
        ]);
        for (const a of answers) seen.add(Number(a.rows[0]?.n));
      }
      // Only whole files: the old or the new part, never a mix or a partial one.
      expect([...seen].every((n) => n === 1000 || n === 2000)).toBe(true);
    } finally {
      await engine.close();
    }
  }, 120_000);

  it('fails a query over a corrupt part with AnalyticsError, and answers again once it is gone', async () => {
    const engine = new DuckDBEngine(lakeDir);
    const corrupt = path.join(lakeDir, 'transactions', 'dt=2025-03-02', 'part-torn.parquet');
    try {
      await fs.mkdir(path.dirname(corrupt), { recursive: true });
      // What a writer without temp-file-and-rename would leave after a crash: a torn file.
      await fs.writeFile(corrupt, Buffer.from('PAR1 torn parquet file'));
      const sql = `SELECT CAST(count(*) AS BIGINT) AS n FROM ${engine.dialect.transactions}`;
      await expect(engine.run(sql)).rejects.toBeInstanceOf(AnalyticsError);
      await fs.rm(corrupt);
      const after = await engine.run(sql);
      expect([1000, 2000]).toContain(Number(after.rows[0]?.n));
    } finally {
      await fs.rm(corrupt, { force: true });
      await engine.close();
    }
  });
});
