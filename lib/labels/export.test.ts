// labels:export against a real dynalite store and a small lake: only fraud/legitimate decisions become
// labels, each joined with its lake row (features, simulated label), and disagreements are counted.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import { decideReview, putReviewItem } from '@/lib/store';
import { review, startTestStore, type TestStore } from '@/lib/store/test-support';

import { exportLabels } from './export';

let ts: TestStore;
let dir: string;

beforeAll(async () => {
  ts = await startTestStore('lbl_');
  dir = await mkdtemp(path.join(os.tmpdir(), 'labels-test-'));
  const items = [
    {
      id: 'tx-a',
      at: '2025-01-01T10:00:00.000Z',
      isFraud: true,
      outcome: 'fraud' as const,
      reason: 'stolen_card',
    },
    {
      id: 'tx-b',
      at: '2025-01-02T10:00:00.000Z',
      isFraud: true,
      outcome: 'legitimate' as const,
      reason: 'customer_confirmed',
    },
    {
      id: 'tx-c',
      at: '2025-01-02T11:00:00.000Z',
      isFraud: false,
      outcome: 'escalate' as const,
      reason: 'needs_more_info',
    },
    {
      id: 'tx-d',
      at: '2025-01-03T11:00:00.000Z',
      isFraud: false,
      outcome: 'legitimate' as const,
      reason: 'known_pattern',
    },
    { id: 'tx-open', at: '2025-01-03T12:00:00.000Z', isFraud: false, outcome: null, reason: '' },
  ];
  for (const it of items) {
    await putReviewItem(ts.store, review({ id: it.id, score: 0.7, at: it.at, isFraud: it.isFraud }));
    if (it.outcome)
      await decideReview(ts.store, {
        transactionId: it.id,
        version: 1,
        outcome: it.outcome,
        reason: it.reason,
        analyst: 'ana (local)',
      });
  }
  // The lake holds tx-a and tx-b (with features) but not tx-d, e.g. a partition not yet synced.
  await withDuckDB(async (db) => {
    for (const [day, id, fraud] of [
      ['2025-01-01', 'tx-a', true],
      ['2025-01-02', 'tx-b', true],
    ] as const) {
      const out = path.join(dir, 'transactions', `dt=${day}`);
      await mkdir(out, { recursive: true });
      await db.run(
        `COPY (SELECT ${sqlString(id)} AS transaction_id, ${fraud} AS is_fraud, CAST(0.7 AS DOUBLE) AS score, 'm-test' AS model_version, CAST(3 AS DOUBLE) AS tx_count_1d) TO ${sqlString(path.join(out, 'part-x.parquet'))} (FORMAT parquet)`,
      );
    }
  });
}, 60_000);

afterAll(async () => {
  await ts?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('exportLabels', () => {
  it('writes fraud and legitimate decisions joined with their lake rows', async () => {
    const out = path.join(dir, 'labels.parquet');
    const progress: number[] = [];
    const result = await exportLabels({
      store: ts.store,
      lakeDir: dir,
      out,
      onProgress: (n) => progress.push(n),
    });
    expect(result).toEqual({ out, labels: 3, fraud: 1, legitimate: 2, joined: 2, disagreeWithSimulated: 1 });
    expect(progress.at(-1)).toBe(3);
    const rows = await withDuckDB(async (db) =>
      (
        await db.runAndReadAll(
          `SELECT transaction_id, dt, label_is_fraud, label_reason, label_analyst, is_fraud, tx_count_1d FROM read_parquet(${sqlString(out)}) ORDER BY transaction_id`,
        )
      ).getRowObjectsJS(),
    );
    expect(rows).toEqual([
      {
        transaction_id: 'tx-a',
        dt: '2025-01-01',
        label_is_fraud: true,
        label_reason: 'stolen_card',
        label_analyst: 'ana (local)',
        is_fraud: true,
        tx_count_1d: 3,
      },
      {
        transaction_id: 'tx-b',
        dt: '2025-01-02',
        label_is_fraud: false,
        label_reason: 'customer_confirmed',
        label_analyst: 'ana (local)',
        is_fraud: true,
        tx_count_1d: 3,
      },
      {
        transaction_id: 'tx-d',
        dt: '2025-01-03',
        label_is_fraud: false,
        label_reason: 'known_pattern',
        label_analyst: 'ana (local)',
        is_fraud: null,
        tx_count_1d: null,
      },
    ]);
  });

  it('writes an empty file when nothing is decided yet and the lake is empty', async () => {
    const empty = await startTestStore('lbl_empty_');
    try {
      const out = path.join(dir, 'none.parquet');
      const result = await exportLabels({ store: empty.store, lakeDir: path.join(dir, 'nolake'), out });
      expect(result.labels).toBe(0);
      expect(result.joined).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
