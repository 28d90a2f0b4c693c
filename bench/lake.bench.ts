// Lake build throughput: read + validate + features + Parquet write over the demo profile, against
// DuckDB converting the same CSV files to partitioned Parquet on its own (the I/O and encoding limit
// on this machine), measured in the same run.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { FeatureState } from '@/lib/features';
import { buildLake } from '@/lib/lake/build';
import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import { simulate } from '@/lib/simulator';
import { writeInbox } from '@/lib/simulator/write';

import type { BenchResult } from './types';

const cpuMicros = (since: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return user + system;
};

export async function benchLake(days = 30): Promise<BenchResult[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-lake-'));
  try {
    const options = {
      profile: 'realistic',
      start: '2024-01-01',
      days,
      customers: 5000,
      terminals: 2000,
      seed: 11,
    } as const;
    const inboxDir = path.join(dir, 'inbox');
    const summary = writeInbox(options, inboxDir, 'csv');
    const rows = summary.transactions;

    // Process CPU (every thread: the reader worker and DuckDB's included) is printed beside the
    // wall-clock rates: on a shared machine it moves much less than they do.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await buildLake({
      inboxDir,
      lakeDir: path.join(dir, 'lake'),
      quarantineDir: path.join(dir, 'q'),
      featureSet: 'realistic',
    });
    const buildMs = performance.now() - t0;
    const buildCpu = cpuMicros(cpu0) / rows;

    const cpu1 = process.cpuUsage();
    const t1 = performance.now();
    await withDuckDB(async (db) => {
      await db.run(
        `COPY (SELECT *, CAST("timestamp" AS DATE)::VARCHAR AS dt FROM read_csv(${sqlString(`${inboxDir}/*.csv`)}, header = true))
         TO ${sqlString(path.join(dir, 'duck'))} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (dt))`,
      );
    });
    const duckMs = performance.now() - t1;
    const duckCpu = cpuMicros(cpu1) / rows;

    // The feature function alone, on transactions already in memory.
    const txs = [...simulate({ ...options, days: Math.min(days, 10) })].flatMap((d) => d.transactions);
    const state = new FeatureState();
    const t2 = performance.now();
    for (const tx of txs) state.next(tx, 'realistic');
    const featureMs = performance.now() - t2;

    return [
      {
        name: `lake build (${rows.toLocaleString('en-US')} rows, ${days} day files)`,
        value: (rows * 1000) / buildMs,
        unit: 'rows/s',
        baseline: {
          name: 'DuckDB CSV → partitioned Parquet, no validation or features',
          value: (rows * 1000) / duckMs,
        },
        note: `read + validate + features + Parquet write; process CPU ${buildCpu.toFixed(1)} µs/row, DuckDB alone ${duckCpu.toFixed(1)} µs/row; target ≥ 100,000 rows/s`,
      },
      {
        name: 'features only (online state, realistic set)',
        value: (txs.length * 1000) / featureMs,
        unit: 'rows/s',
      },
    ];
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
