// The lake writer round trip: every value written comes back from the Parquet files, NULLs included,
// each (part, day) in its own file with the rows in the order given.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FEATURE_SETS } from '@/lib/features';
import type { Transaction } from '@/lib/schema/transaction';

import { openDuckDB, sqlString } from './duckdb';
import { partFileName, partitionDir } from './transactions-table';
import { writeLakeParts, type LakeRow } from './writer';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lake-writer-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const width = FEATURE_SETS.handbook.length;

/** Rows over two days, interleaved (not grouped by day), with every optional field varying. */
function rows(prefix: string, n: number): LakeRow[] {
  return Array.from({ length: n }, (_, i) => {
    const day = i % 3 === 0 ? '2024-03-02' : '2024-03-01';
    const tx: Transaction = {
      transaction_id: `${prefix}-${i}`,
      timestamp: `${day}T${String(i % 24).padStart(2, '0')}:00:00.${String(i % 1000).padStart(3, '0')}Z`,
      card_id: `C${i % 300}`, // more than 255 members: a 16-bit ENUM
      terminal_id: `T${i % 7}`,
      merchant_name: `Shop ${i % 5} "quoted", 'single'`,
      mcc: '5411',
      amount: i / 7,
      currency: 'EUR',
      channel: i % 2 ? 'ecommerce' : 'chip',
      card_country: 'FR',
      merchant_country: i % 4 ? 'FR' : 'DE',
    };
    if (i % 5 !== 0) tx.is_fraud = i % 5 === 1;
    if (i % 5 === 1) tx.fraud_scenario = `scenario-${i % 3}`;
    const features = Array.from({ length: width }, (_, k) => (k === 0 ? i / 3 : i * k + 0.1));
    return i % 2 ? { tx, features, score: i / n, modelVersion: `m${i % 2}` } : { tx, features };
  });
}

describe('writeLakeParts', () => {
  it('writes each part and day to its own file, values and NULLs intact, in the order given', async () => {
    const lakeDir = path.join(dir, 'lake');
    const a = rows('a', 5000);
    const b = rows('b', 40);
    const db = await openDuckDB();
    try {
      const written = await writeLakeParts(db, {
        lakeDir,
        featureSet: 'handbook',
        // A part named twice is one part.
        parts: [
          { part: 'a', rows: a.slice(0, 2500) },
          { part: 'b', rows: b },
          { part: 'a', rows: a.slice(2500) },
          { part: 'empty', rows: [] },
        ],
      });
      expect(written.map(({ part, dt, rows: n }) => [dt, part, n])).toEqual([
        ['2024-03-01', 'a', 3333],
        ['2024-03-01', 'b', 26],
        ['2024-03-02', 'a', 1667],
        ['2024-03-02', 'b', 14],
      ]);
      for (const { part, dt } of written) {
        const expected = (part === 'a' ? a : b).filter((r) => r.tx.timestamp.startsWith(dt));
        const file = path.join(partitionDir(lakeDir, dt), partFileName(part));
        const got = (
          await db.runAndReadAll(
            `SELECT *, epoch_ms("timestamp")::DOUBLE AS ms FROM read_parquet(${sqlString(file)})`,
          )
        ).getRowObjectsJS();
        expect(got.length).toBe(expected.length);
        got.forEach((row, i) => {
          const { tx, features, score, modelVersion } = expected[i]!;
          expect(row).toMatchObject({
            transaction_id: tx.transaction_id,
            ms: Date.parse(tx.timestamp),
            card_id: tx.card_id,
            terminal_id: tx.terminal_id,
            merchant_name: tx.merchant_name,
            mcc: tx.mcc,
            amount: tx.amount,
            currency: tx.currency,
            channel: tx.channel,
            card_country: tx.card_country,
            merchant_country: tx.merchant_country,
            is_fraud: tx.is_fraud ?? null,
            fraud_scenario: tx.fraud_scenario ?? null,
            feature_set: 'handbook',
            score: score ?? null,
            model_version: modelVersion ?? null,
          });
          expect(FEATURE_SETS.handbook.map((f) => row[f])).toEqual(features);
        });
      }
    } finally {
      db.closeSync();
    }
  });

  it('refuses bad part names and feature vectors of the wrong length', async () => {
    const db = await openDuckDB();
    try {
      const lakeDir = path.join(dir, 'refused');
      await expect(
        writeLakeParts(db, { lakeDir, featureSet: 'handbook', parts: [{ part: '../x', rows: [] }] }),
      ).rejects.toThrow(/may only use/);
      const [row] = rows('c', 1);
      await expect(
        writeLakeParts(db, {
          lakeDir,
          featureSet: 'realistic',
          parts: [{ part: 'c', rows: [row!] }],
        }),
      ).rejects.toThrow(/has 15 features, set realistic has/);
    } finally {
      db.closeSync();
    }
  });
});
