import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FeatureState } from '@/lib/features';
import { FraudModel } from '@/lib/model/scorer';
import type { Transaction } from '@/lib/schema/transaction';

import { newApiKey, parseApiKeys } from './api-keys';
import { SCORE_PATH, startScoringServer, type ScoringServer } from './http-server';
import { OnlineScorer } from './online-scorer';
import { MAX_BODY_BYTES } from './request';

const tx = (i: number): Transaction => ({
  transaction_id: `s${i}`,
  timestamp: new Date(Date.UTC(2025, 2, 3, 14, i)).toISOString(),
  card_id: 'C00042',
  terminal_id: 'T00017',
  merchant_name: 'Carrefour Market',
  mcc: '5411',
  amount: 42.5,
  currency: 'EUR',
  channel: 'contactless',
  card_country: 'FR',
  merchant_country: 'FR',
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One request over node:http. The body is a string, or chunks written one after another without a
 * Content-Length (chunked). Write errors after the answer has arrived are expected (the server stops
 * reading a refused body) and ignored; the answer is what the test checks.
 */
function send(
  server: ScoringServer,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | string[] },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body ?? '';
    const req = httpRequest(`${server.url}${options.path ?? SCORE_PATH}`, {
      method: options.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(typeof body === 'string' ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        ...options.headers,
      },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
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

describe('standalone scoring server', () => {
  let model: FraudModel;
  let server: ScoringServer;
  const key = newApiKey('acquirer-a');
  const withKey = (k = key.key) => ({ 'x-api-key': k });

  beforeAll(async () => {
    model = await FraudModel.load();
    server = await startScoringServer({
      service: { scorer: new OnlineScorer(model, new FeatureState()), keys: parseApiKeys(key.entry) },
      port: 0,
    });
  });
  afterAll(async () => {
    await server.close(1_000);
  });

  it('listens on 127.0.0.1 and scores a transaction with a valid key', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await send(server, { headers: withKey(), body: JSON.stringify({ transaction: tx(1) }) });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { transaction_id: string; score: number; decision: string };
    expect(body).toMatchObject({ transaction_id: 's1', model_version: model.version });
    expect(body.decision).toBe(body.score >= model.threshold ? 'review' : 'pass');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a missing or wrong key with 401 and an oversized body with 413', async () => {
    const valid = JSON.stringify({ transaction: tx(2) });
    const noKey = await send(server, { body: valid });
    const wrongKey = await send(server, { headers: withKey('fk_not-a-key'), body: valid });
    for (const answer of [noKey, wrongKey]) {
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ error: expect.stringMatching(/API key/) });
    }
    const huge = `{"transaction": "${'x'.repeat(MAX_BODY_BYTES)}"}`;
    const declared = await send(server, { headers: withKey(), body: huge });
    expect(declared.status).toBe(413);
    // The key is checked before the body is read, however large the body.
    expect((await send(server, { headers: withKey('fk_not-a-key'), body: huge })).status).toBe(401);
    // Without a Content-Length the limit is enforced while the body streams in.
    const streamed = await send(server, {
      headers: withKey(),
      body: Array.from({ length: 20 }, () => 'x'.repeat(64 * 1024)),
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ error: expect.stringMatching(/larger than/) });
    // A refused body does not poison the server: the next request is scored.
    expect((await send(server, { headers: withKey(), body: valid })).status).toBe(200);
  });

  it('answers other paths and methods plainly', async () => {
    expect((await send(server, { method: 'GET', headers: withKey() })).status).toBe(405);
    expect((await send(server, { path: '/api/v1/other', headers: withKey(), body: '{}' })).status).toBe(404);
    const health = await send(server, { method: 'GET', path: '/healthz' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok', model_version: model.version });
  });

  it('answers 408 to a client that does not finish its request in time', async () => {
    const slow = await startScoringServer({
      service: { scorer: new OnlineScorer(model, new FeatureState()), keys: parseApiKeys(key.entry) },
      port: 0,
      requestTimeoutMs: 300,
    });
    try {
      const answer = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${slow.url}${SCORE_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '1000', ...withKey() },
        });
        req.on('response', (res) => resolve(res.statusCode ?? 0));
        req.on('error', reject);
        req.write('{"transaction": ');
      });
      expect(answer).toBe(408);
    } finally {
      await slow.close(100);
    }
  });

  it('shuts down cleanly: an in-flight request finishes, then new connections are refused', async () => {
    const own = await startScoringServer({
      service: { scorer: new OnlineScorer(model, new FeatureState()), keys: parseApiKeys(key.entry) },
      port: 0,
    });
    const body = JSON.stringify({ transaction: tx(3) });
    // Headers and half the body now, the rest after close() has begun.
    const inFlight = new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(`${own.url}${SCORE_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          ...withKey(),
        },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
      req.on('error', reject);
      req.write(body.slice(0, 40));
      setTimeout(() => req.end(body.slice(40)), 200);
    });
    await new Promise((r) => setTimeout(r, 100));
    const closed = own.close(5_000);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe('close');
    await closed;
    await expect(send(own, { headers: withKey(), body })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('npm run score:server', () => {
  it('starts on the port it is given, serves the API and stops on SIGTERM', async () => {
    const key = newApiKey('cli');
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'score-server-'));
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'scripts/score-server.ts', '--port', '0', '--grace', '2'],
        {
          env: { ...process.env, FRAUD_API_KEYS: key.entry, FRAUD_DATA_DIR: dataDir, HOST: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/score/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
      });
      const response = await fetch(`${url}${SCORE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key.key },
        body: JSON.stringify({ transactions: [tx(1), tx(2)] }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { results: { transaction_id: string }[] };
      expect(body.results.map((r) => r.transaction_id)).toEqual(['s1', 's2']);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toMatch(/SIGTERM: shutting down[\s\S]*stopped/);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
