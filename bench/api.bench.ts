// Real-time scoring API under load (issue 4 §3): autocannon against the standalone scoring server
// (lib/scoring/http-server.ts) and, when a production build exists, the console's Next.js route, with
// single-transaction and batch requests at increasing concurrency; each figure beside a bare node:http
// server that answers a constant JSON to the same request bodies, measured in the same run (the HTTP
// limit of one Node process with this client on this machine). Bodies come from the simulator, in time
// order, without labels, so cards and terminals repeat and the online feature state moves as it would
// in production. Before the load runs, the same handler is timed in-process, stage by stage, to show
// where a request's time goes.
//
// Settings (environment): BENCH_API_SECONDS per run (default 3, 1.5 with --quick), BENCH_API_CONNECTIONS
// (default 1,8,32,64), BENCH_API_BATCH transactions per batch request (default 50).
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { FeatureState } from '@/lib/features';
import { modelFeatureSet, modelInput } from '@/lib/model/feature-set';
import { getModel } from '@/lib/model/scorer';
import type { Transaction } from '@/lib/schema/transaction';
import { newApiKey, parseApiKeys } from '@/lib/scoring/api-keys';
import { scoreHttp, type ScoringService } from '@/lib/scoring/handler';
import { SCORE_PATH } from '@/lib/scoring/http-server';
import { OnlineScorer } from '@/lib/scoring/online-scorer';
import { parseScoreRequest, parseScoreRequestWithZod } from '@/lib/scoring/request';
import { simulate } from '@/lib/simulator';

import { freePort, startChildServer, type ChildServer } from './child-server';
import { runLoad, type LoadResult } from './load';
import type { BenchResult } from './types';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? (quick ? 1.5 : 3));
const CONNECTIONS = (process.env.BENCH_API_CONNECTIONS ?? '1,8,32,64').split(',').map(Number);
const BATCH = Number(process.env.BENCH_API_BATCH ?? 50);
const TARGET_TPS = 10_000;
const TARGET_P99_MS = 5;
/** Transactions scored before measuring, so cards and terminals have history and the JIT is warm. */
const WARM_TRANSACTIONS = 20_000;

/** What a client sends: the canonical record without the labels that only simulated data carries. */
type ClientTransaction = Omit<Transaction, 'is_fraud' | 'fraud_scenario'>;

const DAY_MS = 86_400_000;

/**
 * The simulated transactions in time order, handed out without repeating: after the last one the
 * stream starts again a whole span later, with new ids, so time only moves forward.
 */
class TransactionStream {
  private position = 0;
  constructor(
    private readonly txs: readonly ClientTransaction[],
    private readonly spanMs: number,
  ) {}

  next(n: number): ClientTransaction[] {
    const out = new Array<ClientTransaction>(n);
    for (let i = 0; i < n; i++, this.position++) {
      const lap = Math.floor(this.position / this.txs.length);
      const tx = this.txs[this.position % this.txs.length]!;
      out[i] =
        lap === 0
          ? tx
          : {
              ...tx,
              transaction_id: `${tx.transaction_id}~${lap}`,
              timestamp: new Date(Date.parse(tx.timestamp) + lap * this.spanMs).toISOString(),
            };
    }
    return out;
  }
}

function simulatedTransactions(): { txs: ClientTransaction[]; spanMs: number } {
  const days = 30;
  const options = {
    profile: 'realistic',
    start: '2025-01-01',
    days,
    customers: 5000,
    terminals: 2000,
    seed: 7,
  } as const;
  const txs: ClientTransaction[] = [];
  for (const day of simulate(options)) {
    for (const { is_fraud: _label, fraud_scenario: _scenario, ...tx } of day.transactions) txs.push(tx);
  }
  return { txs, spanMs: (days + 1) * DAY_MS };
}

interface Mode {
  name: string;
  perRequest: number;
  body: (stream: TransactionStream) => string;
}

const MODES: Mode[] = [
  {
    name: 'single',
    perRequest: 1,
    body: (s) => JSON.stringify({ transaction: s.next(1)[0] }),
  },
  {
    name: `batch of ${BATCH}`,
    perRequest: BATCH,
    body: (s) => JSON.stringify({ transactions: s.next(BATCH) }),
  },
];

const fmt = (v: number, digits = 0) =>
  Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : '—';
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Median µs per call of `call` over `n` calls, after a short warm-up. The median, because this
 * process holds the whole simulated data set and its garbage collections would land on whichever
 * stage happens to run then; the load runs below include every cost of a real server.
 */
async function microseconds(n: number, call: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(200, n); i++) await call(i);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call(n + i);
    times[i] = (performance.now() - t) * 1000;
  }
  return times.sort()[n >> 1]!;
}

/** The handler in-process, stage by stage, for one single request and one batch request. */
async function whereTheTimeGoes(
  txs: readonly ClientTransaction[],
  spanMs: number,
  key: { key: string; entry: string },
): Promise<BenchResult[]> {
  const model = await getModel();
  const { set, projection } = modelFeatureSet(model);
  const results: BenchResult[] = [];
  for (const { perRequest, name } of [
    { perRequest: 1, name: 'single' },
    { perRequest: BATCH, name: `batch of ${BATCH}` },
  ]) {
    const n = perRequest === 1 ? 4_000 : 200;
    const stream = new TransactionStream(txs, spanMs);
    const scorer = new OnlineScorer(model, new FeatureState());
    await scorer.score(stream.next(WARM_TRANSACTIONS));
    const bodyOf = (list: ClientTransaction[]) =>
      JSON.stringify(perRequest === 1 ? { transaction: list[0] } : { transactions: list });
    // Every stage gets fresh transactions, in time order, continuing the same state.
    const texts = Array.from({ length: 2 * n }, () => bodyOf(stream.next(perRequest)));
    const objects = texts.map((t) => JSON.parse(t) as unknown);
    const parsedTx = objects.map((o) => {
      const parsed = parseScoreRequest(o);
      if (!parsed.ok) throw new Error(`simulated body refused: ${JSON.stringify(parsed.errors)}`);
      return parsed.request.transactions;
    });
    const state = new FeatureState();
    for (const list of parsedTx) for (const tx of list) state.next(tx, set);
    const vectors = Array.from({ length: 2 * n }, () =>
      stream.next(perRequest).map((tx) => modelInput(state.next(tx, set), projection)),
    );
    const service: ScoringService = { scorer, keys: parseApiKeys(key.entry) };
    const headers: Record<string, string> = { 'x-api-key': key.key, 'content-type': 'application/json' };
    const fresh = Array.from({ length: 2 * n }, () => bodyOf(stream.next(perRequest)));
    const featureState = new FeatureState();
    const featureTx = Array.from({ length: 2 * n }, () => stream.next(perRequest));

    const stages: [string, number][] = [
      ['JSON.parse of the body', await microseconds(n, (i) => JSON.parse(texts[i]!))],
      [
        'request validation, zod only (reference)',
        await microseconds(n, (i) => parseScoreRequestWithZod(objects[i])),
      ],
      [
        'request validation as served (fast path, zod on doubt)',
        await microseconds(n, (i) => parseScoreRequest(objects[i])),
      ],
      [
        'features (online state)',
        await microseconds(n, (i) => featureTx[i]!.forEach((tx) => featureState.next(tx, set))),
      ],
      ['model: ORT scoreBatch', await microseconds(n, (i) => model.scoreBatch(vectors[i]!))],
      ['scorer: features + model + results', await microseconds(n, (i) => scorer.score(parsedTx[i]!))],
      [
        'whole handler without HTTP (key, body, parse, score, JSON out)',
        await microseconds(n, (i) =>
          scoreHttp({ header: (h) => headers[h] ?? null, readBody: async () => fresh[i]! }, service),
        ),
      ],
    ];
    log(`  in-process, ${name} request (${perRequest} tx):`);
    for (const [stage, us] of stages) {
      log(
        `    ${stage.padEnd(64)} ${fmt(us, 1).padStart(8)} µs/request  ${fmt(us / perRequest, 2).padStart(7)} µs/tx (median)`,
      );
      results.push({ name: `in-process, ${name}: ${stage} (median)`, value: us / perRequest, unit: 'µs/tx' });
    }
  }
  return results;
}

/**
 * The scorer on the same batches arriving in time order, then reversed within windows of concurrent
 * requests: what happens when concurrent requests reach the server out of order. A transaction older
 * than the newest one already in its card's or terminal's timeline takes the timeline's late-insert
 * path, which rebuilds the timeline.
 */
async function reorderCost(txs: readonly ClientTransaction[], spanMs: number): Promise<BenchResult[]> {
  const model = await getModel();
  const perWindow = new Map<number, number>();
  // CPU time, best of two fresh runs: wall time on a shared machine says more about the neighbours.
  for (let round = 0; round < 2; round++) {
    for (const window of [1, 8, 32]) {
      const stream = new TransactionStream(txs, spanMs);
      const scorer = new OnlineScorer(model, new FeatureState());
      await scorer.score(stream.next(WARM_TRANSACTIONS));
      const batches = Array.from({ length: 320 }, () => stream.next(BATCH));
      const order = batches.map((_, i) => i - (i % window) + (window - 1 - (i % window)));
      const cpu = process.cpuUsage();
      for (const i of order) await scorer.score(batches[i]!);
      const { user, system } = process.cpuUsage(cpu);
      const us = (user + system) / (batches.length * BATCH);
      perWindow.set(window, Math.min(perWindow.get(window) ?? Number.POSITIVE_INFINITY, us));
    }
  }
  const inOrder = perWindow.get(1)!;
  log(
    `  in-process scorer CPU, batches of ${BATCH}: in time order ${fmt(inOrder, 2)} µs/tx; ` +
      [8, 32].map((w) => `reversed in windows of ${w}: ${fmt(perWindow.get(w)!, 2)} µs/tx`).join('; '),
  );
  return [8, 32].map((w) => ({
    name: `in-process scorer CPU, batches of ${BATCH} reversed in windows of ${w} (late timeline inserts)`,
    value: 1e6 / perWindow.get(w)!,
    unit: 'tx/s of CPU',
    baseline: { name: 'the same batches in time order', value: 1e6 / inOrder },
  }));
}

interface Target {
  server: ChildServer;
  stream: TransactionStream;
  scoring: boolean;
}

async function warm(target: Target, headers: Record<string, string>): Promise<void> {
  const url = `${target.server.url}${SCORE_PATH}`;
  if (target.scoring) {
    for (let sent = 0; sent < WARM_TRANSACTIONS; sent += 500) {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ transactions: target.stream.next(500) }),
      });
      if (response.status !== 200)
        throw new Error(`${target.server.name}: warm-up got ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
  }
  await runLoad({ url, connections: 8, seconds: 1, headers, body: () => MODES[0]!.body(target.stream) });
}

interface Measured {
  load: LoadResult;
  cpuUsPerRequest: number;
}

async function measure(
  target: Target,
  mode: Mode,
  connections: number,
  headers: Record<string, string>,
): Promise<Measured> {
  const cpu0 = target.server.cpuSeconds();
  const load = await runLoad({
    url: `${target.server.url}${SCORE_PATH}`,
    connections,
    seconds: SECONDS,
    headers,
    body: () => mode.body(target.stream),
  });
  return { load, cpuUsPerRequest: ((target.server.cpuSeconds() - cpu0) * 1e6) / Math.max(1, load.responses) };
}

const listening = (line: string) => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? null;

export async function benchApi(): Promise<BenchResult[]> {
  const key = newApiKey('bench');
  const headers = { 'content-type': 'application/json', 'x-api-key': key.key };
  const { txs, spanMs } = simulatedTransactions();
  log(
    `api bench: ${txs.length.toLocaleString('en-US')} simulated transactions, ${SECONDS} s per run, connections ${CONNECTIONS.join(', ')}, batch ${BATCH}`,
  );
  const results = [...(await whereTheTimeGoes(txs, spanMs, key)), ...(await reorderCost(txs, spanMs))];

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-api-'));
  const env = { ...process.env, FRAUD_DATA_DIR: dataDir, FRAUD_API_KEYS: key.entry, HOST: '127.0.0.1' };
  const tsx = (script: string, ...args: string[]) => [
    '--import',
    'tsx',
    path.join(process.cwd(), script),
    ...args,
  ];
  const targets: Target[] = [];
  try {
    const bare = await startChildServer({
      name: 'bare node:http',
      command: process.execPath,
      args: tsx('bench/bare-http-server.ts'),
      urlFrom: listening,
    });
    targets.push({ server: bare, stream: new TransactionStream(txs, spanMs), scoring: false });
    const standalone = await startChildServer({
      name: 'standalone scoring server',
      command: process.execPath,
      args: tsx('scripts/score-server.ts', '--port', '0'),
      env,
      urlFrom: listening,
    });
    targets.push({ server: standalone, stream: new TransactionStream(txs, spanMs), scoring: true });

    if (existsSync(path.join('.next', 'BUILD_ID'))) {
      const port = await freePort();
      const stream = new TransactionStream(txs, spanMs);
      const next = await startChildServer({
        name: 'Next.js route',
        command: path.join('node_modules', '.bin', 'next'),
        args: ['start', '-H', '127.0.0.1', '-p', String(port)],
        env: { ...env, FRAUD_DATA_DIR: path.join(dataDir, 'next'), NODE_ENV: 'production' },
        url: `http://127.0.0.1:${port}`,
        ready: async (url) => {
          const response = await fetch(`${url}${SCORE_PATH}`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ transaction: stream.next(1)[0] }),
          });
          await response.arrayBuffer();
          return response.status === 200;
        },
      });
      targets.push({ server: next, stream, scoring: true });
    } else {
      log(
        '  Next.js route: skipped, there is no production build (.next/BUILD_ID); run `npx next build` first',
      );
    }

    for (const target of targets) await warm(target, headers);

    for (const mode of MODES) {
      for (const connections of CONNECTIONS) {
        // Baseline and targets back to back, so they see the same machine load.
        const measured: Measured[] = [];
        for (const target of targets) measured.push(await measure(target, mode, connections, headers));
        const baseline = measured[0]!;
        const baseTps = baseline.load.requestsPerSecond * mode.perRequest;
        log(
          `  ${mode.name}, ${connections} connections: ` +
            targets
              .map((t, i) => {
                const { load, cpuUsPerRequest } = measured[i]!;
                return `${t.server.name} ${fmt(load.requestsPerSecond)} req/s p50 ${fmt(load.p50, 2)} p99 ${fmt(load.p99, 2)} ms cpu ${fmt(cpuUsPerRequest)} µs/req${load.errors || load.non2xx ? ` errors ${load.errors} non-2xx ${load.non2xx}` : ''}`;
              })
              .join(' | '),
        );
        targets.forEach((target, i) => {
          if (i === 0) return;
          const { load, cpuUsPerRequest } = measured[i]!;
          const tps = (load.ok * mode.perRequest) / load.seconds;
          const met = tps >= TARGET_TPS && load.p99 < TARGET_P99_MS;
          results.push({
            name: `${target.server.name}, ${mode.name}, ${connections} connections`,
            value: tps,
            unit: 'tx/s',
            baseline: {
              name: `bare node:http, same bodies (${fmt(baseline.load.requestsPerSecond)} req/s, p99 ${fmt(baseline.load.p99, 2)} ms)`,
              value: baseTps,
            },
            note:
              `${fmt(load.requestsPerSecond)} req/s, p50 ${fmt(load.p50, 2)} ms, p99 ${fmt(load.p99, 2)} ms, ` +
              `${load.errors} errors, ${load.non2xx} non-2xx, server CPU ${fmt(cpuUsPerRequest)} µs/request ` +
              `(bare: ${fmt(baseline.cpuUsPerRequest)}); target ≥ ${fmt(TARGET_TPS)} tx/s at p99 < ${TARGET_P99_MS} ms ${met ? '✓' : '✗'}`,
          });
        });
      }
    }
  } finally {
    for (const target of targets) await target.server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  return results;
}
