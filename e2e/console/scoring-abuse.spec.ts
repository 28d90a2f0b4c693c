// The scoring API as the console's Next.js route serves it (/api/v1/score), abused like the standalone
// server in tests/reliability/scoring-abuse.test.ts: no key or a wrong key (401, body unread), bodies
// over 1 MiB declared or streamed (413), deeply nested and malformed JSON (400), and slow clients
// trickling their headers while normal requests go on being answered. A normal request succeeds after
// each kind of abuse, including a keep-alive client whose streamed body was refused.
import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';

import { expect, test } from '@playwright/test';

import { CONSOLE_BASE_URL, E2E_API_KEY } from '../fixtures';

const URL_ = `${CONSOLE_BASE_URL}/api/v1/score`;
const MAX_BODY_BYTES = 1 << 20;

/** One POST over node:http: a string body (Content-Length) or chunks (chunked, no length). */
function post(
  headers: Record<string, string>,
  body: string | string[],
  agent?: Agent,
): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(URL_, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(typeof body === 'string' ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        ...headers,
      },
      timeout: 30_000,
      // A fresh connection per request unless the test brings its keep-alive agent.
      agent: agent ?? false,
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
          connection: res.headers.connection,
        }),
      );
      // The status line arrived, then the connection was reset: the answer is the status.
      res.on('error', (error) =>
        resolve({
          status: res.statusCode ?? 0,
          body: `${Buffer.concat(chunks).toString()} (${error.message})`,
          connection: res.headers.connection,
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    // The server may stop reading a refused body and reset: only an error before the answer counts.
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

let seq = 0;
const valid = () =>
  JSON.stringify({
    transaction: {
      transaction_id: `abuse-${Date.now()}-${seq++}`,
      timestamp: '2025-03-10T12:00:00Z',
      card_id: 'C00042',
      terminal_id: 'T00017',
      merchant_name: 'Carrefour Market',
      mcc: '5411',
      amount: 42.5,
      currency: 'EUR',
      channel: 'contactless',
      card_country: 'FR',
      merchant_country: 'FR',
    },
  });

async function expectHealthy(): Promise<void> {
  const answer = await post({ 'x-api-key': E2E_API_KEY }, valid());
  expect(answer.status, answer.body).toBe(200);
}

test('missing and wrong keys get 401, whatever the body', async () => {
  expect((await post({}, valid())).status).toBe(401);
  expect((await post({ 'x-api-key': 'fk_wrong' }, valid())).status).toBe(401);
  expect((await post({ 'x-api-key': 'fk_wrong' }, 'x'.repeat(3 * MAX_BODY_BYTES))).status).toBe(401);
  await expectHealthy();
});

test('a body declared over 1 MiB gets 413', async () => {
  const key = { 'x-api-key': E2E_API_KEY };
  expect((await post(key, `{"transaction":"${'y'.repeat(MAX_BODY_BYTES)}"}`)).status).toBe(413);
  await expectHealthy();
});

test('a streamed body over 1 MiB gets 413', async () => {
  const chunk = 'z'.repeat(64 * 1024);
  const answer = await post(
    { 'x-api-key': E2E_API_KEY },
    Array.from({ length: 40 }, () => chunk),
  );
  expect(answer.status).toBe(413);
  await expectHealthy();
});

test("after a streamed body is refused, a keep-alive client's next request still succeeds", async () => {
  // The refused body is left unread on the socket, so the route closes the connection with its 413
  // (lib/scoring/handler.ts); a keep-alive client must then open a new one rather than reuse a dead one.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const chunk = 'z'.repeat(64 * 1024);
    const refused = await post(
      { 'x-api-key': E2E_API_KEY },
      Array.from({ length: 40 }, () => chunk),
      agent,
    );
    expect(refused.status).toBe(413);
    expect(refused.connection).toBe('close');
    const next = await post({ 'x-api-key': E2E_API_KEY }, valid(), agent);
    expect(next.status).toBe(200);
  } finally {
    agent.destroy();
  }
});

test('deeply nested and malformed JSON get 400', async () => {
  const key = { 'x-api-key': E2E_API_KEY };
  const depth = 200_000;
  for (const body of [
    `{"transaction":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    `{"transaction":${'{"a":'.repeat(depth / 2)}1${'}'.repeat(depth / 2)}}`,
    '{"transaction": {"amount": NaN}}',
    '{"transaction":',
  ]) {
    const answer = await post(key, body);
    expect(answer.status, body.slice(0, 30)).toBe(400);
  }
  await expectHealthy();
});

test('slow clients trickling headers do not stop the route from answering others', async () => {
  const { hostname, port } = new URL(CONSOLE_BASE_URL);
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    for (let i = 0; i < 30; i++) {
      const socket = connect(Number(port), hostname);
      socket.on('error', () => undefined);
      sockets.push(socket);
      socket.on('connect', () => {
        socket.write('POST /api/v1/score HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        timers.push(setInterval(() => socket.write(`x-slow: ${i}\r\n`), 300));
      });
    }
    await new Promise((r) => setTimeout(r, 1_000));
    for (let i = 0; i < 5; i++) await expectHealthy();
  } finally {
    for (const t of timers) clearInterval(t);
    for (const s of sockets) s.destroy();
  }
  await expectHealthy();
});
