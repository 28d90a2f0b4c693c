// The drift queries on DuckDB against a small lake whose PSI is worked out by hand, the window choice,
// and the Trino spelling of the one function that differs.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sqlString, withDuckDB } from '@/lib/lake/duckdb';

import { lakeDays, lastDaysWithData } from './coverage';
import { populationStability, referenceEdges } from './drift';
import { chooseDriftWindows } from './drift-windows';
import { DuckDBEngine } from './duckdb-engine';
import { binCounts, binEdges, psiFromCounts, psiLevel } from './psi';
import { AnalyticsError, type AnalyticsEngine, type ResultSet } from './types';

/** Values of one column, repeated: [[value, times], …]. */
const repeat = (spec: [number | null, number][]): (number | null)[] =>
  spec.flatMap(([value, times]) => new Array<number | null>(times).fill(value));

// Reference (two days, 100 rows): score 0.1/0.2/0.3/0.4 a quarter each; tx_amount 1..4 the same;
// is_foreign half 0, half 1. Recent (one day, 100 rows): score shifts down (40/30/20/10), tx_amount
// is unchanged, is_foreign loses 10 rows to NULL (a feature that stopped being computed).
const REFERENCE = {
  score: repeat([
    [0.1, 25],
    [0.2, 25],
    [0.3, 25],
    [0.4, 25],
  ]),
  tx_amount: repeat([
    [1, 25],
    [2, 25],
    [3, 25],
    [4, 25],
  ]),
  is_foreign: repeat([
    [0, 50],
    [1, 50],
  ]),
};
const RECENT = {
  score: repeat([
    [0.1, 40],
    [0.2, 30],
    [0.3, 20],
    [0.4, 10],
  ]),
  tx_amount: repeat([
    [4, 25],
    [3, 25],
    [2, 25],
    [1, 25],
  ]),
  is_foreign: repeat([
    [0, 45],
    [1, 45],
    [null, 10],
  ]),
};

let dir: string;
let engine: DuckDBEngine;

async function writeDay(day: string, columns: typeof REFERENCE, from: number, to: number): Promise<void> {
  const values: string[] = [];
  for (let i = from; i < to; i++) {
    const v = (x: number | null | undefined) => `CAST(${x ?? 'NULL'} AS DOUBLE)`;
    values.push(
      `(${sqlString(`${day}-${i}`)}, ${v(columns.score[i])}, ${v(columns.tx_amount[i])}, ${v(columns.is_foreign[i])})`,
    );
  }
  const out = path.join(dir, 'transactions', `dt=${day}`);
  await mkdir(out, { recursive: true });
  await withDuckDB((db) =>
    db.run(
      `COPY (SELECT * FROM (VALUES ${values.join(', ')}) t(transaction_id, score, tx_amount, is_foreign)) TO ${sqlString(path.join(out, 'part-x.parquet'))} (FORMAT parquet)`,
    ),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'drift-'));
  await writeDay('2024-06-01', REFERENCE, 0, 50);
  await writeDay('2024-06-02', REFERENCE, 50, 100);
  await writeDay('2024-06-08', RECENT, 0, 100);
  engine = new DuckDBEngine(dir);
});

afterAll(async () => {
  await engine?.close();
  await rm(dir, { recursive: true, force: true });
});

const windows = {
  reference: { from: '2024-06-01', to: '2024-06-07' },
  recent: { from: '2024-06-08', to: '2024-06-14' },
};

describe('populationStability', () => {
  it('bins on the reference quartiles and gives the hand-computed PSI per column', async () => {
    const drift = await populationStability(engine, {
      ...windows,
      columns: ['score', 'tx_amount', 'is_foreign'],
      bins: 4,
    });
    const [score, amount, foreign] = drift;
    // Quartile edges fall between the four values, so each value has its own bin.
    expect(score!.edges).toHaveLength(3);
    expect(score!.reference).toEqual([25, 25, 25, 25, 0]);
    expect(score!.recent).toEqual([40, 30, 20, 10, 0]);
    // Σ (r − e) ln(r / e) with e = ¼: 0.15 ln 1.6 + 0.05 ln 1.2 − 0.05 ln 0.8 − 0.15 ln 0.4
    expect(score!.psi).toBeCloseTo(0.2282174, 6);
    expect(psiLevel(score!.psi!)).toBe('shifted');

    // Same distribution in another row order: no drift at all.
    expect(amount!.psi).toBe(0);
    // NULLs the reference never had: their bin's reference share is floored at 0.0001.
    expect(foreign!.reference.at(-1)).toBe(0);
    expect(foreign!.recent.at(-1)).toBe(10);
    expect(foreign!.psi).toBeCloseTo(0.7006208, 6);
  });

  it('refuses overlapping windows and unknown columns', async () => {
    await expect(
      populationStability(engine, {
        reference: { from: '2024-06-01', to: '2024-06-08' },
        recent: windows.recent,
        columns: ['score'],
      }),
    ).rejects.toThrow(/overlap/);
    await expect(
      populationStability(engine, { ...windows, columns: ['score; DROP TABLE x'] }),
    ).rejects.toThrow(AnalyticsError);
  });

  it('reads a row sample when the windows hold more rows than asked for', async () => {
    const [score] = await populationStability(engine, {
      ...windows,
      columns: ['score'],
      bins: 4,
      rows: { reference: 100, recent: 100 },
      maxRows: 50,
    });
    expect(score).toMatchObject({ edgesSample: 50, countsSample: 25 });
    const sampled = score!.reference.reduce((a, b) => a + b, 0) + score!.recent.reduce((a, b) => a + b, 0);
    // A 25% Bernoulli sample of 200 rows: far fewer than all of them (P(≥ 120) is astronomically small).
    expect(sampled).toBeLessThan(120);
  });

  it('gives no PSI when the recent window is empty', async () => {
    const [score] = await populationStability(engine, {
      reference: windows.reference,
      recent: { from: '2024-07-01', to: '2024-07-07' },
      columns: ['score'],
    });
    expect(score!.recent.every((n) => n === 0)).toBe(true);
    expect(score!.psi).toBeNull();
  });
});

describe('lakeDays', () => {
  it('lists the days with data and their row counts', async () => {
    const days = await lakeDays(engine);
    expect(days).toEqual([
      { day: '2024-06-01', transactions: 50 },
      { day: '2024-06-02', transactions: 50 },
      { day: '2024-06-08', transactions: 100 },
    ]);
    expect(lastDaysWithData(days, 2)).toEqual({ from: '2024-06-02', to: '2024-06-08' });
    expect(lastDaysWithData(days, 30)).toEqual({ from: '2024-06-01', to: '2024-06-08' });
  });

  it('is empty for a lake without files', async () => {
    const empty = new DuckDBEngine(path.join(dir, 'nothing-here'));
    try {
      expect(await lakeDays(empty)).toEqual([]);
      expect(lastDaysWithData([], 30)).toBeNull();
    } finally {
      await empty.close();
    }
  });
});

describe('the Trino spelling', () => {
  it('asks approx_percentile with an ARRAY and reads the edges 1-based', async () => {
    const seen: string[] = [];
    const trino: AnalyticsEngine = {
      dialect: { name: 'trino', transactions: '"lake"."transactions"' },
      run: async (sql: string): Promise<ResultSet> => {
        seen.push(sql);
        return { columns: [], rows: [{ q0_0: 0.5, q0_1: 0.5, q0_2: 2 }] };
      },
    };
    const edges = await referenceEdges(trino, { reference: windows.reference, columns: ['score'], bins: 4 });
    expect(seen[0]).toContain(
      'approx_percentile(CAST(score AS DOUBLE), ARRAY[CAST(0.25 AS DOUBLE), CAST(0.5 AS DOUBLE), CAST(0.75 AS DOUBLE)])',
    );
    expect(seen[0]).toContain('CAST(q0[1] AS DOUBLE) AS q0_0');
    expect(seen[0]).toContain('FROM "lake"."transactions"');
    expect(edges).toEqual([[0.5, 2]]);

    await referenceEdges(trino, { reference: windows.reference, columns: ['score'], samplePercent: 12.5 });
    // Sampled after the day filter, so the partitions are still pruned.
    expect(seen[1]).toMatch(
      /FROM "lake"\."transactions" WHERE dt BETWEEN [^)]*\) w TABLESAMPLE BERNOULLI \(12\.5\)/,
    );
  });
});

describe('psi helpers', () => {
  it('turns cumulative counts into bins with a missing bin', () => {
    expect(binCounts([2, 5, 5], 9, 1)).toEqual([2, 3, 0, 4, 1]);
    expect(binEdges([0.5, null, 0.5, 0.1, Number.NaN])).toEqual([0.1, 0.5]);
  });

  it('is 0 for equal shares, null without rows, large but finite for a new bin', () => {
    expect(psiFromCounts([10, 20, 0], [20, 40, 0])).toBe(0);
    expect(psiFromCounts([0, 0], [1, 1])).toBeNull();
    const psi = psiFromCounts([100, 0], [50, 50])!;
    expect(Number.isFinite(psi)).toBe(true);
    expect(psi).toBeGreaterThan(1);
  });
});

describe('chooseDriftWindows', () => {
  const days = (from: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) =>
      new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
    );

  it('uses the training window when the lake holds it, before the recent week', () => {
    const choice = chooseDriftWindows(days('2025-03-01', 60), { from: '2025-03-20', to: '2025-04-16' });
    expect(choice).toEqual({
      reference: { from: '2025-03-20', to: '2025-04-16' },
      recent: { from: '2025-04-23', to: '2025-04-29' },
      referenceSource: 'training',
      referenceDays: 28,
      recentDays: 7,
    });
  });

  it('falls back to the earliest 14 days when the lake starts after the training window', () => {
    const choice = chooseDriftWindows(days('2025-05-01', 30), { from: '2025-03-20', to: '2025-04-16' });
    expect(choice).toMatchObject({
      reference: { from: '2025-05-01', to: '2025-05-14' },
      recent: { from: '2025-05-24', to: '2025-05-30' },
      referenceSource: 'earliest',
      referenceDays: 14,
    });
  });

  it('keeps the windows apart on a short lake, and gives up on a very short one', () => {
    expect(chooseDriftWindows(days('2025-03-03', 14), null)).toMatchObject({
      reference: { from: '2025-03-03', to: '2025-03-09' },
      recent: { from: '2025-03-10', to: '2025-03-16' },
      referenceDays: 7,
    });
    expect(chooseDriftWindows(days('2025-03-03', 9), null)).toBeNull();
  });
});
