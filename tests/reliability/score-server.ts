// The standalone scoring server (scripts/score-server.ts) as a child process for the abuse and load
// tests: its own pid, so RSS samples measure the server alone, with a fresh API key and an empty data
// folder (no checkpoint: an empty feature state). Plus a plain node:http client and valid bodies.
import fs from 'node:fs/promises';
import { request as httpRequest, type Agent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { newApiKey } from '@/lib/scoring/api-keys';

import { killHard, REPO_ROOT, spawnTs, type Child } from './support';

export interface ScoreServerChild {
  url: string;
  pid: number;
  key: string;
  child: Child;
  /** SIGTERM (graceful), then SIGKILL if it has not exited within 10 s; removes the data folder. */
  stop(): Promise<void>;
}

export async function startScoreServerChild(options: { requestTimeoutS: number }): Promise<ScoreServerChild> {
  const { key, entry } = newApiKey('reliability');
  const dataDir = await fs.mkdtemp(path.join(tmpdir(), 'fraud-score-'));
  const child = spawnTs(
    path.join(REPO_ROOT, 'scripts', 'score-server.ts'),
    ['--port', '0', '--request-timeout', String(options.requestTimeoutS), '--grace', '2'],
    { FRAUD_API_KEYS: entry, FRAUD_DATA_DIR: dataDir, HOST: '127.0.0.1' },
  );
  const match = await child.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 90_000);
  return {
    url: match[1]!,
    pid: child.process.pid!,
    key,
    child,
    stop: async () => {
      child.process.kill('SIGTERM');
      const exited = await Promise.race([
        child.exited.then(() => true),
        new Promise((r) => setTimeout(() => r(false), 10_000)),
      ]);
      if (!exited) await killHard(child);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** One request; `body` as a string (with Content-Length) or chunks (chunked). Rejects only before an answer. */
export function send(
  url: string,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | string[];
    /** A keep-alive agent to reuse connections with (default: Node's global agent). */
    agent?: Agent;
  },
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const body = options.body ?? '';
    const req = httpRequest(`${url}${options.path ?? '/api/v1/score'}`, {
      method: options.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(typeof body === 'string' ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        ...options.headers,
      },
      timeout: 30_000,
      ...(options.agent ? { agent: options.agent } : {}),
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    // A refused body is not read to the end: the server may reset while we still write. Ignored once answered.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (typeof body === 'string') req.end(body);
    else {
      for (const chunk of body) req.write(chunk);
      req.end();
    }
  });
}

/** A valid single-transaction body; `i` spreads requests over cards and terminals and moves time on. */
export function scoreBody(i: number): string {
  return JSON.stringify({
    transaction: {
      transaction_id: `rel-${i}`,
      timestamp: new Date(Date.UTC(2025, 2, 3) + i * 1000).toISOString(),
      card_id: `C${String(i % 500).padStart(5, '0')}`,
      terminal_id: `T${String(i % 97).padStart(5, '0')}`,
      merchant_name: 'Carrefour Market',
      mcc: '5411',
      amount: 5 + (i % 300),
      currency: 'EUR',
      channel: i % 4 === 0 ? 'ecommerce' : 'contactless',
      card_country: 'FR',
      merchant_country: 'FR',
    },
  });
}
