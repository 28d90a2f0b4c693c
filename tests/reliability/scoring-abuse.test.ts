// API abuse against the standalone scoring server (a child process, so its memory is measured alone):
// no key and a wrong key (401), oversized bodies declared or streamed (413), deeply nested and
// malformed JSON (400), and slow clients trickling headers or a body (slowloris: 408, or the
// connection closed, within the request timeout), many at once. Through all of it the server must go
// on answering normal requests, and its resident memory must stay bounded.
// The console's Next.js route is abused the same way in e2e/console/scoring-abuse.spec.ts.
import { Agent } from 'node:http';
import { connect } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_BODY_BYTES } from '@/lib/scoring/request';

import { scoreBody, send, startScoreServerChild, type ScoreServerChild } from './score-server';
import { rssMiB, scale, sleep } from './support';

/** Seconds a client has to send its whole request (the server's --request-timeout). */
const REQUEST_TIMEOUT_S = 2;
const SLOW_CLIENTS = scale(200, 40);
/** Extra rounds of every kind of abuse, to tell a one-off heap growth from a leak. */
const ROUNDS = scale(10, 3);

let server: ScoreServerChild;
let rssBefore: number;
let seq = 0;

beforeAll(async () => {
  server = await startScoreServerChild({ requestTimeoutS: REQUEST_TIMEOUT_S });
  // Warm the model and the JIT so the RSS baseline is a working server's.
  for (let i = 0; i < 20; i++) await ok();
  rssBefore = rssMiB(server.pid);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** A normal request that must succeed. */
async function ok(): Promise<number> {
  const answer = await send(server.url, { headers: { 'x-api-key': server.key }, body: scoreBody(seq++) });
  expect(answer.status, answer.body).toBe(200);
  return answer.ms;
}

interface SlowOutcome {
  /** The status line's code, or null when the server closed without answering. */
  status: number | null;
  ms: number;
}

/**
 * A slowloris client on a raw socket: sends the request line and then one header line (`headers`) or,
 * after complete headers, one body byte (`body`) every `everyMs`, never finishing. Resolves when the
 * server answers or hangs up; gives up (status -1) after `capMs`.
 */
function slowClient(mode: 'headers' | 'body', everyMs = 250, capMs = 20_000): Promise<SlowOutcome> {
  const { hostname, port } = new URL(server.url);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let response = '';
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (status: number | null) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      clearTimeout(cap);
      socket.destroy();
      resolve({ status, ms: performance.now() - started });
    };
    const cap = setTimeout(() => finish(-1), capMs);
    socket.on('data', (d: Buffer) => {
      response += d.toString();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(response);
      if (m) finish(Number(m[1]));
    });
    socket.on('close', () => finish(null));
    socket.on('error', () => finish(null));
    socket.on('connect', () => {
      socket.write('POST /api/v1/score HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      if (mode === 'body') {
        socket.write(
          `content-type: application/json\r\nx-api-key: ${server.key}\r\ncontent-length: 5000\r\n\r\n{"transaction":`,
        );
      }
      let n = 0;
      timer = setInterval(() => {
        if (socket.destroyed) return;
        socket.write(mode === 'headers' ? `x-slow-${n++}: ${'a'.repeat(8)}\r\n` : ' ');
      }, everyMs);
    });
  });
}

/** One of each refusal, with big bodies, and a few slow clients; every answer checked. */
async function abuseRound(): Promise<void> {
  const key = { 'x-api-key': server.key };
  const depth = 200_000;
  const answers = await Promise.all([
    send(server.url, { headers: { 'x-api-key': 'fk_wrong' }, body: 'x'.repeat(2 * MAX_BODY_BYTES) }),
    send(server.url, { headers: key, body: `{"transaction":"${'y'.repeat(MAX_BODY_BYTES)}"}` }),
    send(server.url, { headers: key, body: `{"transaction":${'['.repeat(depth)}${']'.repeat(depth)}}` }),
    send(server.url, { headers: key, body: `[${'{"a":'.repeat(depth / 2)}1${'}'.repeat(depth / 2)}]` }),
  ]);
  expect(answers.map((a) => a.status)).toEqual([401, 413, 400, 400]);
  const slow = await Promise.all(
    Array.from({ length: 10 }, (_, i) => slowClient(i % 2 ? 'body' : 'headers')),
  );
  for (const o of slow) expect(o.status === 408 || o.status === null).toBe(true);
}

describe('scoring API abuse (standalone server)', () => {
  it('refuses a missing or wrong key with 401 without reading the body', async () => {
    const none = await send(server.url, { body: scoreBody(0) });
    expect(none.status).toBe(401);
    const wrong = await send(server.url, {
      headers: { 'x-api-key': 'fk_not-a-real-key' },
      body: scoreBody(0),
    });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ error: expect.stringMatching(/API key/) });
    // A wrong key with a huge body is refused just as fast: the body is never read.
    const huge = await send(server.url, {
      headers: { 'x-api-key': 'fk_wrong' },
      body: 'x'.repeat(4 * MAX_BODY_BYTES),
    });
    expect(huge.status).toBe(401);
    await ok();
  });

  it('refuses bodies over 1 MiB with 413, declared or streamed', async () => {
    const declared = await send(server.url, {
      headers: { 'x-api-key': server.key },
      body: `{"transaction":"${'y'.repeat(MAX_BODY_BYTES)}"}`,
    });
    expect(declared.status).toBe(413);
    const chunk = 'z'.repeat(64 * 1024);
    const streamed = await send(server.url, {
      headers: { 'x-api-key': server.key },
      body: Array.from({ length: 40 }, () => chunk), // 2.5 MiB, chunked, no Content-Length
    });
    expect(streamed.status).toBe(413);
    // The connection behind a streamed 413 stays usable for a keep-alive client (the server drops the
    // rest of the body rather than leaving the socket dead).
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const again = await send(server.url, {
        headers: { 'x-api-key': server.key },
        body: Array.from({ length: 40 }, () => chunk),
        agent,
      });
      expect(again.status).toBe(413);
      const next = await send(server.url, {
        headers: { 'x-api-key': server.key },
        body: scoreBody(seq++),
        agent,
      });
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
    await ok();
  });

  it('refuses deeply nested and malformed JSON with 400, quickly', async () => {
    const depth = 200_000;
    const bodies = [
      `{"transaction":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      `{"transaction":${'{"a":'.repeat(depth / 2)}1${'}'.repeat(depth / 2)}}`,
      `${'['.repeat(depth * 2)}${']'.repeat(depth * 2)}`,
      `{"transactions":[${Array.from({ length: 1001 }, () => '{}').join(',')}]}`,
      '{"transaction": {"amount": NaN}}',
      '{"transaction":',
      '\u0000\u0001garbage',
    ];
    for (const body of bodies) {
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
      const answer = await send(server.url, { headers: { 'x-api-key': server.key }, body });
      expect(answer.status, body.slice(0, 40)).toBe(400);
      expect(answer.ms).toBeLessThan(5_000);
    }
    await ok();
  });

  it(`cuts off slow clients (headers or body trickled) within the request timeout, ${SLOW_CLIENTS} at once, and keeps serving`, async () => {
    const clients = Array.from({ length: SLOW_CLIENTS }, (_, i) =>
      slowClient(i % 2 === 0 ? 'headers' : 'body'),
    );
    // While they trickle, normal clients are still served.
    await sleep(500);
    const during: number[] = [];
    for (let i = 0; i < 10; i++) during.push(await ok());
    const outcomes = await Promise.all(clients);
    const limitMs = (REQUEST_TIMEOUT_S + 3) * 1000; // timeout + the server's 1 s check interval + slack
    for (const o of outcomes) {
      expect(o.status === 408 || o.status === null, `answered ${o.status}`).toBe(true);
      expect(o.ms).toBeLessThan(limitMs);
    }
    const answered408 = outcomes.filter((o) => o.status === 408).length;
    console.info(
      `slowloris: ${SLOW_CLIENTS} slow clients cut off after ${Math.round(Math.max(...outcomes.map((o) => o.ms)))} ms at most (${answered408} with 408, ${SLOW_CLIENTS - answered408} closed); normal requests meanwhile ${Math.round(Math.max(...during))} ms at most`,
    );
    await ok();
  }, 120_000);

  it(`stays healthy with memory that levels off over ${ROUNDS} more rounds of abuse`, async () => {
    const samples = [rssMiB(server.pid)];
    for (let round = 0; round < ROUNDS; round++) {
      await abuseRound();
      samples.push(rssMiB(server.pid));
    }
    const health = await send(server.url, { method: 'GET', path: '/healthz' });
    expect(health.status).toBe(200);
    for (let i = 0; i < 20; i++) await ok();
    const after = rssMiB(server.pid);
    console.info(
      `scoring-abuse RSS (MiB): ${rssBefore.toFixed(0)} after warm-up; after each round ${samples.map((m) => m.toFixed(0)).join(' → ')}; ${after.toFixed(0)} at the end`,
    );
    // Parsing 1 MiB bodies grows the heap once (V8 keeps the pages); a leak would grow it every round.
    expect(after - samples[0]!).toBeLessThan(64);
  }, 300_000);
});
