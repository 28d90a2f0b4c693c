// `npm run bench [-- NAME…]`: runs every benchmark (or those whose name matches), prints each figure
// with its same-run baseline and ratio as a Markdown table, and saves the results to
// bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { BenchResult } from './types';

type Suite = () => Promise<BenchResult[]>;

const SUITES: Record<string, () => Promise<Suite>> = {
  simulate: async () => (await import('./simulate.bench')).benchSimulate,
  readers: async () => (await import('./readers.bench')).benchReaders,
  lake: async () => (await import('./lake.bench')).benchLake,
  model: async () => (await import('./model.bench')).benchModel,
  api: async () => (await import('./api.bench')).benchApi,
  ingest: async () => (await import('./ingest.bench')).benchIngest,
  store: async () => (await import('./store.bench')).benchStore,
  dashboard: async () => (await import('./dashboard.bench')).benchDashboard,
  console: async () => (await import('./console.bench')).benchConsole,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = Object.keys(SUITES).filter((n) => wanted.length === 0 || wanted.includes(n));
const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));

const all: (BenchResult & { suite: string })[] = [];
process.stdout.write(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}\n\n`,
);
process.stdout.write('| suite | figure | value | baseline (same run) | ratio |\n|---|---|---|---|---|\n');
for (const name of names) {
  const results = await (await SUITES[name]!())();
  for (const r of results) {
    all.push({ suite: name, ...r });
    const base = r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '—';
    const ratio = r.baseline ? `${(r.value / r.baseline.value).toFixed(2)}×` : '—';
    process.stdout.write(
      `| ${name} | ${r.name}${r.note ? ` (${r.note})` : ''} | ${fmt(r.value)} ${r.unit} | ${base} | ${ratio} |\n`,
    );
  }
}
const out = path.join('bench', 'results', 'latest.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), results: all }, null, 2)}\n`);
process.stdout.write(`\nsaved ${out}\n`);
