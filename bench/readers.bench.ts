// Reader throughput: CSV read + validation over a generated 1M-row file, against csv-parse alone on the
// same file (no validation) in the same run; NDJSON and JSON-array figures on the same rows. Wall-clock
// rates, with CPU-time rates in the note, because this machine is often shared with other jobs.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';

import { parse } from 'csv-parse';

import { readTransactionBatches } from '@/lib/schema/readers';
import { CHANNELS, TRANSACTION_FIELDS } from '@/lib/schema/transaction';

import type { BenchResult } from './types';

const CHUNK_BYTES = 1 << 16;

/** Deterministic, simulator-shaped rows; every 1,000th row is invalid so rejections are exercised. */
function row(i: number): Record<string, string | number | boolean> {
  const fraud = i % 97 === 0;
  return {
    transaction_id: `tx-${i.toString(36).padStart(8, '0')}`,
    timestamp: new Date(Date.UTC(2024, 0, 1) + i * 2_500).toISOString(),
    card_id: `card-${i % 50_000}`,
    terminal_id: `term-${i % 8_000}`,
    merchant_name: i % 50 === 0 ? `Shop ${i % 300}, "The Best"` : `Merchant ${i % 300}`,
    mcc: String(5000 + (i % 900)),
    amount: i % 1000 === 999 ? -1 : Math.round((i * 7919) % 50_000) / 100,
    currency: 'EUR',
    channel: CHANNELS[i % CHANNELS.length]!,
    card_country: 'FR',
    merchant_country: i % 9 === 0 ? 'DE' : 'FR',
    is_fraud: fraud,
    fraud_scenario: fraud ? 'card_testing' : '',
  };
}

const csvValue = (v: string | number | boolean): string => {
  const text = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

async function writeFile(
  file: string,
  rows: number,
  line: (i: number) => string,
  head = '',
  tail = '',
): Promise<void> {
  const out = createWriteStream(file);
  let buf = head;
  for (let i = 0; i < rows; i++) {
    buf += line(i);
    if (buf.length > CHUNK_BYTES) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf + tail);
  await finished(out);
}

interface Rate {
  rows: number;
  wall: number;
  cpu: number;
}

async function measure(run: () => Promise<number>): Promise<Rate> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await run();
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { rows, wall: rows / wallS, cpu: rows / ((cpu.user + cpu.system) / 1e6) };
}

async function readAll(file: string): Promise<number> {
  let rows = 0;
  for await (const batch of readTransactionBatches(file)) rows += batch.length;
  return rows;
}

async function csvParseOnly(file: string): Promise<number> {
  let rows = 0;
  for await (const _ of createReadStream(file, { highWaterMark: CHUNK_BYTES }).pipe(
    parse({ bom: true, relax_column_count: true }),
  ))
    rows++;
  return rows - 1; // header
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function benchReaders(rows = 1_000_000): Promise<BenchResult[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-readers-'));
  try {
    const csvFile = path.join(dir, 'tx.csv');
    await writeFile(
      csvFile,
      rows,
      (i) => `${Object.values(row(i)).map(csvValue).join(',')}\n`,
      `${TRANSACTION_FIELDS.join(',')}\n`,
    );
    const jsonRows = Math.min(rows, 300_000);
    const ndFile = path.join(dir, 'tx.ndjson');
    await writeFile(ndFile, jsonRows, (i) => `${JSON.stringify(row(i))}\n`);
    const jsonFile = path.join(dir, 'tx.json');
    await writeFile(
      jsonFile,
      jsonRows,
      (i) => `${i === 0 ? '' : ',\n'}${JSON.stringify(row(i))}`,
      '[\n',
      '\n]\n',
    );

    // Baseline and reader alternate, best of two each, so a burst of load elsewhere hits both alike.
    const base: Rate[] = [];
    const ours: Rate[] = [];
    for (let rep = 0; rep < 2; rep++) {
      base.push(await measure(() => csvParseOnly(csvFile)));
      ours.push(await measure(() => readAll(csvFile)));
    }
    const best = (rates: Rate[]) => rates.reduce((a, b) => (b.wall > a.wall ? b : a));
    const csvBase = best(base);
    const csvOurs = best(ours);
    if (csvOurs.rows !== rows || csvBase.rows !== rows)
      throw new Error(`row count mismatch: ${csvOurs.rows} / ${csvBase.rows} / ${rows}`);
    const nd = await measure(() => readAll(ndFile));
    const json = await measure(() => readAll(jsonFile));

    return [
      {
        name: `CSV read + validate (${fmt(rows)} rows)`,
        value: csvOurs.wall,
        unit: 'rows/s',
        baseline: { name: 'csv-parse alone, no validation', value: csvBase.wall },
        note: `CPU-time rates: ${fmt(csvOurs.cpu)} vs csv-parse ${fmt(csvBase.cpu)} rows/s; target ≥ 300,000 rows/s`,
      },
      {
        name: `NDJSON read + validate (${fmt(jsonRows)} rows)`,
        value: nd.wall,
        unit: 'rows/s',
        note: `CPU-time rate ${fmt(nd.cpu)} rows/s`,
      },
      {
        name: `JSON array read + validate (${fmt(jsonRows)} rows)`,
        value: json.wall,
        unit: 'rows/s',
        note: `CPU-time rate ${fmt(json.cpu)} rows/s`,
      },
    ];
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
