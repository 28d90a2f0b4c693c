// Server render time of the console's pages over HTTP against the production build (`next start` on
// 127.0.0.1, signed in as a risk manager with a session cookie minted with the server's secret): the
// queue (default view and a filtered one), a transaction page and the risk dashboard, each timed to
// its complete streamed HTML, at three sizes (1k / 10k / 100k review items over 100k / 1M / 10M lake
// rows; `--quick` or BENCH_QUICK=1 stops at the middle one). The baseline, in the same rounds on the
// same server, is a trivial signed-in page (/forbidden): what the framework, the proxy and the session
// cost before any read. Pages are requested one at a time, round-robin, so all see the same load.
//
// Settings (environment): BENCH_CONSOLE_ROUNDS timed rounds per size (default 40, 15 with --quick),
// BENCH_CONSOLE_COLD server starts for the dashboard's first view (default 5, 2 with --quick),
// BENCH_CONSOLE_SIZES other sizes as items:rows pairs, BENCH_CONSOLE_GEN_MINUTES deadline for generating data (default 45), BENCH_CONSOLE_CACHE where data
// dirs are cached (bench/console-data.ts), BENCH_NEXT_DIR a project dir holding the build (default .),
// BENCH_CONSOLE_PORT the first of ten ports to try (default 3390), BENCH_CONSOLE_PAGES the page keys to
// time (default all: baseline, queue, queue-filtered, transaction, dashboard).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

import { encode } from 'next-auth/jwt';

import { DuckDBEngine } from '@/lib/analytics/duckdb-engine';
import type { BreakdownDimension } from '@/lib/analytics/queries';
import { dayRollups } from '@/lib/analytics/rollup';
import { readModelFiles } from '@/lib/model/manifest';
import { readReviewOutcomes } from '@/lib/review-stats/read-outcomes';
import { readReviewsInRange } from '@/lib/review-stats/read-reviews';
import { openStore, rebuildDayCounts, storeSettingsFromEnv } from '@/lib/store';

import { startChildServer, type ChildServer } from './child-server';
import { consoleData, defaultRange, FIRST_DAY, type ConsoleData, type ConsoleSize } from './console-data';
import type { LakeReadTimes } from './console-lake-reads';
import type { BenchResult } from './types';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const ALL_SIZES: readonly ConsoleSize[] = [
  { items: 1_000, rows: 100_000 },
  { items: 10_000, rows: 1_000_000 },
  { items: 100_000, rows: 10_000_000 },
];
/** `items:rows,…` (e.g. `500:50000` for a smoke run); otherwise the three sizes, two with --quick. */
const SIZES: readonly ConsoleSize[] = process.env.BENCH_CONSOLE_SIZES
  ? process.env.BENCH_CONSOLE_SIZES.split(',').map((pair) => {
      const [items, rows] = pair.split(':').map(Number);
      if (!Number.isInteger(items) || !Number.isInteger(rows) || items! < 1 || rows! < items!)
        throw new Error(`BENCH_CONSOLE_SIZES: expected items:rows pairs such as 1000:100000, got ${pair}`);
      return { items: items!, rows: rows! };
    })
  : quick
    ? ALL_SIZES.slice(0, 2)
    : ALL_SIZES;
const WARMUP_ROUNDS = 3;
const ROUNDS = Number(process.env.BENCH_CONSOLE_ROUNDS ?? (quick ? 15 : 40));
const MIN_ROUNDS = 5;
/** Timed rounds stop here even if ROUNDS is not reached (at least MIN_ROUNDS run). */
const ROUNDS_BUDGET_MS = quick ? 120_000 : 420_000;
const COLD_STARTS = Number(process.env.BENCH_CONSOLE_COLD ?? (quick ? 2 : 5));
const GEN_MINUTES = Number(process.env.BENCH_CONSOLE_GEN_MINUTES ?? 45);
const REQUEST_TIMEOUT_MS = 60_000;
const APP_DIR = path.resolve(process.env.BENCH_NEXT_DIR ?? '.');
/** Ten ports from BENCH_CONSOLE_PORT (default 3390) on 127.0.0.1. */
const PORTS = Array.from({ length: 10 }, (_, i) => Number(process.env.BENCH_CONSOLE_PORT ?? 3390) + i);
/** The dashboard's breakdowns (app/dashboard/page.tsx), for the in-process figures. */
const BREAKDOWNS: readonly BreakdownDimension[] = ['fraud_scenario', 'channel', 'merchant_country', 'mcc'];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Texts no measured page may contain: a widget or panel whose read failed, an item missing from the lake. */
const FAILURES = ['Could not load', 'could not be loaded', 'The lake holds no transactions of this card'];

interface PageSpec {
  key: string;
  label: string;
  path: (round: number) => string;
  /**
   * Texts the complete HTML must hold: proof the page rendered its data, not a redirect or an error.
   * An array entry is met by any one of its alternatives.
   */
  shows: readonly (string | readonly string[])[];
  /** A text that arrives with the page's main streamed content: its arrival time is reported too. */
  milestone?: { text: string; label: string };
  target?: string;
}

function pages(data: ConsoleData): PageSpec[] {
  return [
    {
      key: 'baseline',
      label: 'baseline: /forbidden (trivial signed-in page)',
      path: () => '/forbidden?need=threshold:write',
      shows: ['It needs the Admin role'],
    },
    {
      key: 'queue',
      label: '/queue (default: open, by score, 50 rows)',
      path: () => '/queue',
      shows: ['Review queue', 'href="/transactions/'],
      target: 'target p95 < 150 ms at 100k items',
    },
    {
      key: 'queue-filtered',
      label: '/queue?channel=ecommerce&min_amount=100',
      path: () => '/queue?channel=ecommerce&min_amount=100',
      shows: ['Review queue', 'href="/transactions/'],
    },
    {
      key: 'transaction',
      label: '/transactions/<id> (complete streamed HTML, a different item each time)',
      path: (round) => `/transactions/${data.sampleIds[(round * 7) % data.sampleIds.length]!}`,
      shows: [
        'features raise the score',
        'in the lake from 30 days before',
        'This transaction',
        // The terminal panel: its rates, or the state of a terminal with no earlier transactions.
        ['Last 30 days', 'no earlier transactions at this terminal'],
      ],
      milestone: { text: 'in the lake from 30 days before', label: 'card history in' },
    },
    {
      key: 'dashboard',
      label: '/dashboard (default range: last 30 days; rollups per day cached after the first view)',
      path: () => '/dashboard',
      shows: ['Risk dashboard', 'Fraud caught by threshold', 'Review outcomes'],
      milestone: { text: 'Fraud caught by threshold', label: 'lake widgets in' },
      target: 'target p95 < 500 ms over 10M rows',
    },
  ];
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const fmt = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
const sizeLabel = (s: ConsoleSize): string => `${fmt(s.items)} items, ${fmt(s.rows)} lake rows`;
const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

interface Response {
  status: number;
  location: string | undefined;
  ttfbMs: number;
  /** When `marker` first appeared in the body, null when it never did (or none was given). */
  markerMs: number | null;
  totalMs: number;
  body: string;
}

/**
 * One GET, timed from the request to the last byte of the body (the complete streamed HTML), with the
 * first byte and the arrival of `marker` on the way.
 */
function get(
  base: string,
  pathname: string,
  cookie: string,
  agent: http.Agent,
  marker?: string,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const request = http.get(
      new URL(pathname, base),
      { agent, headers: { cookie, accept: 'text/html' }, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const ttfbMs = performance.now() - t0;
        const decoder = new StringDecoder('utf8');
        let body = '';
        let markerMs: number | null = null;
        response.on('data', (chunk: Buffer) => {
          body += decoder.write(chunk);
          if (marker && markerMs === null && body.includes(marker)) markerMs = performance.now() - t0;
        });
        response.on('error', reject);
        response.on('end', () => {
          const totalMs = performance.now() - t0;
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location,
            ttfbMs,
            markerMs,
            totalMs,
            body: body + decoder.end(),
          });
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`GET ${pathname}: no answer in ${REQUEST_TIMEOUT_MS} ms`)),
    );
    request.on('error', reject);
  });
}

/** Throws unless the page rendered what it should (so an error page is never timed as a fast render). */
function check(page: PageSpec, pathname: string, r: Response): void {
  if (r.status !== 200)
    throw new Error(`GET ${pathname}: status ${r.status}${r.location ? ` → ${r.location}` : ''}`);
  const missing = page.shows.filter((s) =>
    typeof s === 'string' ? !r.body.includes(s) : !s.some((alt) => r.body.includes(alt)),
  );
  const failed = FAILURES.filter((s) => r.body.includes(s));
  if (missing.length > 0 || failed.length > 0)
    throw new Error(
      `GET ${pathname}: ${missing.length > 0 ? `missing ${JSON.stringify(missing)}` : ''} ${failed.length > 0 ? `shows ${JSON.stringify(failed)}` : ''}`.trim(),
    );
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function freeBenchPort(): Promise<number> {
  for (const port of PORTS) if (await portIsFree(port)) return port;
  throw new Error(`console bench: no free port in ${PORTS[0]}–${PORTS[PORTS.length - 1]} on 127.0.0.1`);
}

interface Session {
  secret: string;
  cookie: string;
}

/** A risk manager's session cookie, signed with the secret the server is started with (as e2e does). */
async function managerSession(): Promise<Session> {
  const secret = randomBytes(32).toString('base64url');
  const value = await encode({
    token: { sub: 'local:manager', name: 'Demo Risk Manager', roles: ['manager'], provider: 'local' },
    secret,
  });
  return { secret, cookie: `next-auth.session-token=${value}` };
}

async function startConsole(dataDir: string, session: Session): Promise<ChildServer> {
  const port = await freeBenchPort();
  const url = `http://127.0.0.1:${port}`;
  // Settings of the developer's own console (another data dir, store or sign-in) must not leak in.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(FRAUD_|NEXTAUTH_|AWS_|COGNITO_)/.test(k)),
  );
  const agent = new http.Agent({ keepAlive: false });
  return startChildServer({
    name: 'next start',
    command: path.join(APP_DIR, 'node_modules', '.bin', 'next'),
    args: ['start', APP_DIR, '-H', '127.0.0.1', '-p', String(port)],
    env: {
      ...inherited,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      FRAUD_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: session.secret,
      NEXTAUTH_URL: url,
    },
    url,
    ready: async (base) => (await get(base, '/forbidden', session.cookie, agent)).status === 200,
    startTimeoutMs: 120_000,
  });
}

interface Samples {
  total: number[];
  ttfb: number[];
  milestone: number[];
  cpuSeconds: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Waits (at most 90 s) until the server has used under 0.1 s of CPU in each of two consecutive
 * seconds: the store's count repair starts with the first store read, recounts every status and
 * rebuilds the per-day counters from every item, which at 100k items takes seconds and would otherwise
 * land in the first figures.
 */
async function settle(server: ChildServer): Promise<void> {
  if (Number.isNaN(server.cpuSeconds())) return sleep(5_000);
  const until = performance.now() + 90_000;
  for (let quiet = 0; quiet < 2 && performance.now() < until;) {
    const cpu0 = server.cpuSeconds();
    await sleep(1_000);
    quiet = server.cpuSeconds() - cpu0 < 0.1 ? quiet + 1 : 0;
  }
}

/**
 * The dashboard's first view of its default range on a fresh server: the framework, the DuckDB engine
 * and the store connection are warmed first (a one-day range caches only that day) and the server is
 * left to settle, so what is timed is the range's lake scan and review-store read, not process start-up.
 */
async function coldDashboard(
  server: ChildServer,
  session: Session,
  page: PageSpec,
): Promise<{ totalMs: number; markerMs: number | null }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < 3; i++) await get(server.url, '/forbidden', session.cookie, agent);
    await get(server.url, '/queue', session.cookie, agent);
    for (let i = 0; i < 2; i++)
      await get(server.url, `/dashboard?from=${FIRST_DAY}&to=${FIRST_DAY}`, session.cookie, agent);
    await settle(server);
    const r = await get(server.url, '/dashboard', session.cookie, agent, page.milestone?.text);
    check(page, '/dashboard', r);
    return r;
  } finally {
    agent.destroy();
  }
}

/** Warm-up rounds, then timed rounds of every page in turn, until ROUNDS or the time budget. */
async function rounds(server: ChildServer, session: Session, specs: readonly PageSpec[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples = new Map<string, Samples>(
    specs.map((p) => [p.key, { total: [], ttfb: [], milestone: [], cpuSeconds: 0 }]),
  );
  const deadline = performance.now() + ROUNDS_BUDGET_MS;
  let timed = 0;
  try {
    for (let round = 0; ; round++) {
      const timing = round >= WARMUP_ROUNDS;
      if (timing && timed >= MIN_ROUNDS && (timed >= ROUNDS || performance.now() > deadline)) break;
      for (const page of specs) {
        const pathname = page.path(round);
        // CPU read around the request, outside its timing: 10 ms ticks, so only sums over many are used.
        const cpu0 = server.cpuSeconds();
        const r = await get(server.url, pathname, session.cookie, agent, page.milestone?.text);
        const cpu1 = server.cpuSeconds();
        check(page, pathname, r);
        if (!timing) continue;
        const s = samples.get(page.key)!;
        s.total.push(r.totalMs);
        s.ttfb.push(r.ttfbMs);
        if (r.markerMs !== null) s.milestone.push(r.markerMs);
        s.cpuSeconds += cpu1 - cpu0;
      }
      if (timing) timed++;
    }
  } finally {
    agent.destroy();
  }
  return samples;
}

/** Median wall time of `runs` calls. */
async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return percentile(times, 50);
}

/**
 * Where the dashboard's first view spends its time, measured in this process on the same data once the
 * server has stopped (dynalite allows one owner): the one-scan lake rollup of the default range, and the
 * review-outcomes read of the same range from the store — from the per-day counters (what the page
 * does) and, for comparison, from the items (readReviewsInRange, what it did) — and what the rebuild of
 * the day counters (startCountRepair's background run) costs.
 */
async function dashboardParts(data: ConsoleData, at: string): Promise<BenchResult[]> {
  const range = defaultRange();
  const { manifest } = await readModelFiles();
  const engine = new DuckDBEngine(path.join(data.dataDir, 'lake'));
  let rollupMs: number;
  try {
    const params = { ...range, threshold: manifest.threshold.value, dimensions: BREAKDOWNS };
    await dayRollups(engine, params);
    rollupMs = await median(3, () => dayRollups(engine, params));
  } finally {
    await engine.close();
  }
  const opened = await openStore(storeSettingsFromEnv({ NODE_ENV: 'production' }), data.dataDir);
  let reviewsMs: number;
  let scanned = 0;
  let read = 0;
  let counterTimes: number[];
  let rebuild: Awaited<ReturnType<typeof rebuildDayCounts>>;
  let source = '';
  try {
    // As the console's background repair leaves the store (a no-op when the server already did it).
    rebuild = await rebuildDayCounts(opened.store, { settleMs: 0 });
    counterTimes = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const r = await readReviewOutcomes(opened.store, range);
      if (i > 0) counterTimes.push(performance.now() - t0);
      source = r.source;
    }
    reviewsMs = await median(3, async () => {
      const r = await readReviewsInRange(opened.store, range);
      scanned = r.scanned;
      read = r.items.length;
    });
  } finally {
    await opened.close();
  }
  return [
    {
      name: `dashboard part, in process: lake rollup of the default range (dayRollups, not cached), ${at}`,
      value: rollupMs,
      unit: 'ms p50',
      note: `3 runs; ${range.from} to ${range.to}`,
    },
    {
      name: `dashboard part, in process: review outcomes of the default range (readReviewsInRange), ${at}`,
      value: reviewsMs,
      unit: 'ms p50',
      note: `3 runs; ${read.toLocaleString('en-US')} items kept of ${scanned.toLocaleString('en-US')} index entries read; what the page did before the day counters`,
    },
    {
      name: `dashboard part, in process: review outcomes of the default range from the day counters (readReviewOutcomes), ${at}`,
      value: percentile(counterTimes, 50),
      unit: 'ms p50',
      note: `20 runs after 1 warm-up; p95 ${percentile(counterTimes, 95).toFixed(1)} ms; source ${source}; one BatchGet of 31 keys + 2 oldest-waiting Queries`,
    },
    {
      name: `day-counter rebuild (rebuildDayCounts, background repair; 500 per page, 20 ms pauses), ${at}`,
      value: rebuild.ms,
      unit: 'ms',
      note: `${rebuild.items.toLocaleString('en-US')} items, ${rebuild.days} days, ${rebuild.repaired} repaired, complete ${String(rebuild.complete)}`,
    },
  ];
}

/**
 * Where the transaction page's time goes as the lake grows: its card-history and terminal reads, timed
 * for 20 of the sampled items in a child process (the reads are server-only modules).
 */
async function transactionParts(data: ConsoleData, at: string): Promise<BenchResult[]> {
  const ids = data.sampleIds.filter((_, i) => i % Math.ceil(data.sampleIds.length / 20) === 0);
  const script = path.join(process.cwd(), 'bench', 'console-lake-reads.ts');
  const args = [
    '--conditions',
    'react-server',
    '--import',
    'tsx',
    script,
    path.join(data.dataDir, 'lake'),
    ...ids,
  ];
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, args, { timeout: 300_000, maxBuffer: 1 << 20 }, (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  );
  const times = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LakeReadTimes;
  const note = (t: { cpuMs: number }) =>
    `${times.items} items, 1 warm-up; process CPU ${t.cpuMs.toFixed(0)} ms per read`;
  return [
    {
      name: `transaction page part, in process: card history, 30 days + 24 h of partitions (cardActivity), ${at}`,
      value: times.card.p50Ms,
      unit: 'ms p50',
      note: note(times.card),
    },
    {
      name: `transaction page part, in process: terminal fraud rate, 30 days of partitions (terminalHistory), ${at}`,
      value: times.terminal.p50Ms,
      unit: 'ms p50',
      note: note(times.terminal),
    },
  ];
}

async function measureSize(size: ConsoleSize, data: ConsoleData): Promise<BenchResult[]> {
  const session = await managerSession();
  // BENCH_CONSOLE_PAGES=baseline,queue,dashboard times only those pages (the baseline and the dashboard
  // are always kept: the ratios and the first views need them).
  const only = process.env.BENCH_CONSOLE_PAGES?.split(',').map((k) => k.trim());
  const specs = pages(data).filter(
    (p) => !only || only.includes(p.key) || p.key === 'baseline' || p.key === 'dashboard',
  );
  const dashboard = specs.find((p) => p.key === 'dashboard')!;
  const at = sizeLabel(size);
  const loadBefore = load();
  const cold: { totalMs: number; markerMs: number | null }[] = [];
  let samples: Map<string, Samples>;
  log(`  ${at}: starting next start (load average ${loadBefore})`);
  let server = await startConsole(data.dataDir, session);
  try {
    cold.push(await coldDashboard(server, session, dashboard));
    await settle(server);
    samples = await rounds(server, session, specs);
  } finally {
    await server.stop();
  }
  for (let i = 1; i < COLD_STARTS; i++) {
    server = await startConsole(data.dataDir, session);
    try {
      cold.push(await coldDashboard(server, session, dashboard));
    } finally {
      await server.stop();
    }
  }
  const loadAfter = load();
  const base = samples.get('baseline')!;
  const baseP50 = percentile(base.total, 50);
  const baseline = {
    name: `/forbidden, same rounds (p95; p50 ${baseP50.toFixed(1)} ms)`,
    value: percentile(base.total, 95),
  };
  const loadNote = `load average ${loadBefore} → ${loadAfter}`;
  const results: BenchResult[] = specs.map((page) => {
    const s = samples.get(page.key)!;
    const cpuMs = (s.cpuSeconds * 1000) / s.total.length;
    const p50 = percentile(s.total, 50);
    const note = [
      `p50 ${p50.toFixed(1)} ms${page.key === 'baseline' ? '' : ` (${(p50 / baseP50).toFixed(2)}× the baseline's)`}`,
      `max ${Math.max(...s.total).toFixed(0)} ms`,
      `first byte p50 ${percentile(s.ttfb, 50).toFixed(1)} ms`,
      ...(page.milestone && s.milestone.length > 0
        ? [`${page.milestone.label} p50 ${percentile(s.milestone, 50).toFixed(1)} ms`]
        : []),
      `server CPU ${cpuMs.toFixed(0)} ms/request`,
      `${s.total.length} requests`,
      ...(page.target ? [page.target] : []),
      ...(page.key === 'baseline' ? [loadNote] : []),
    ].join('; ');
    return {
      name: `${page.label}, ${at}`,
      value: percentile(s.total, 95),
      unit: 'ms p95',
      ...(page.key === 'baseline' ? {} : { baseline }),
      note,
    };
  });
  const coldTotal = cold.map((c) => c.totalMs);
  const coldLake = cold.flatMap((c) => (c.markerMs === null ? [] : [c.markerMs]));
  results.push({
    name: `/dashboard first view of the default range (nothing cached for it), ${at}`,
    value: percentile(coldTotal, 95),
    unit: 'ms p95',
    baseline,
    note: [
      `p50 ${percentile(coldTotal, 50).toFixed(0)} ms`,
      `lake widgets in: p50 ${percentile(coldLake, 50).toFixed(0)} ms, max ${Math.max(...coldLake).toFixed(0)} ms`,
      `${cold.length} server starts (p95 of so few is the max)`,
      'target p95 < 500 ms over 10M rows',
    ].join('; '),
  });
  results.push({
    name: `data generation, ${at} (${data.lakeMb.toFixed(0)} MB of Parquet)`,
    value: data.generateMs / 1000,
    unit: 's',
    note: data.generated ? 'generated in this run' : 'reused from the cache (time of the run that made it)',
  });
  results.push(...(await dashboardParts(data, at)), ...(await transactionParts(data, at)));
  for (const r of results)
    log(`    ${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
  return results;
}

export async function benchConsole(): Promise<BenchResult[]> {
  if (!existsSync(path.join(APP_DIR, '.next', 'BUILD_ID'))) {
    log(
      `console bench: skipped, there is no production build in ${path.join(APP_DIR, '.next')}; run \`npx next build\` first (or set BENCH_NEXT_DIR to a project dir that has one)`,
    );
    return [];
  }
  log(
    `console bench: sizes ${SIZES.map(sizeLabel).join(' / ')}; ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up rounds; ${COLD_STARTS} cold dashboard views; build in ${APP_DIR}`,
  );
  const deadline = Date.now() + GEN_MINUTES * 60_000;
  const data: ConsoleData[] = [];
  // All data first, so the measurements run back to back under comparable load.
  for (const size of SIZES) data.push(await consoleData(size, deadline));
  const results: BenchResult[] = [];
  for (const [i, size] of SIZES.entries()) results.push(...(await measureSize(size, data[i]!)));
  return results;
}
