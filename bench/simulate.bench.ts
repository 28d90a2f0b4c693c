// Simulator throughput: both profiles' default runs written as daily CSV files (generation +
// formatting + writing), against bare fs.writeSync of the same bytes in the same run (the I/O
// limit), plus in-memory generation alone. Wall-clock rates, CPU-time rates in the note, because
// this machine is often shared with other jobs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { simulate } from '@/lib/simulator';
import { defaultOptions, type SimulateOptions } from '@/lib/simulator/options';
import { writeInbox } from '@/lib/simulator/write';

import type { BenchResult } from './types';

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Rewrites every file of `dir` with one open/writeSync/close each, timing only the writes. */
function bareWriteMs(dir: string, files: string[]): number {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bare-'));
  let ms = 0;
  try {
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const started = performance.now();
      const fd = fs.openSync(path.join(target, path.basename(file)), 'w');
      fs.writeSync(fd, bytes);
      fs.closeSync(fd);
      ms += performance.now() - started;
    }
  } finally {
    fs.rmSync(target, { recursive: true, force: true });
  }
  return ms;
}

function benchWrite(label: string, options: SimulateOptions): BenchResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-simulate-'));
  try {
    const cpu0 = cpuMs();
    const summary = writeInbox(options, dir, 'csv');
    const cpu = cpuMs() - cpu0;
    const bare = bareWriteMs(dir, summary.files);
    return {
      name: `${label}: simulate + write CSV inbox`,
      value: summary.transactionsPerSecond,
      unit: 'tx/s',
      baseline: { name: 'fs.writeSync of the same bytes', value: (summary.transactions / bare) * 1000 },
      note: `${summary.transactions.toLocaleString('en-US')} tx, ${(summary.bytes / 1e6).toFixed(0)} MB in ${(summary.elapsedMs / 1000).toFixed(1)} s; ${Math.round((summary.transactions / cpu) * 1000).toLocaleString('en-US')} tx/s of CPU time`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function benchGenerate(label: string, options: SimulateOptions): BenchResult {
  const cpu0 = cpuMs();
  const started = performance.now();
  let n = 0;
  for (const { transactions } of simulate(options)) n += transactions.length;
  const ms = performance.now() - started;
  return {
    name: `${label}: generate in memory`,
    value: (n / ms) * 1000,
    unit: 'tx/s',
    note: `${n.toLocaleString('en-US')} tx; ${Math.round((n / (cpuMs() - cpu0)) * 1000).toLocaleString('en-US')} tx/s of CPU time`,
  };
}

export async function benchSimulate(): Promise<BenchResult[]> {
  const handbook = defaultOptions('handbook');
  // A fixed start keeps the realistic figure comparable from one day to the next.
  const realistic = { ...defaultOptions('realistic'), start: '2025-01-01' };
  return [
    benchWrite('handbook default (183 days, 5k cards, 10k terminals)', handbook),
    benchWrite('realistic default (90 days, 5k cards, 2k terminals)', realistic),
    benchGenerate('handbook default', handbook),
    benchGenerate('realistic default', realistic),
  ];
}
