// The scoring Lambda adapter (infra/runtime/scoring-lambda.ts) with the served model: API Gateway v2
// events in, lib/scoring's answers out; API keys read from a stand-in of the Parameters and Secrets
// extension on 127.0.0.1 (token header, blank secret → 503, a changed secret picked up after the TTL,
// an extension failure retried); and the feature state restored from a checkpoint in S3 (s3rver).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FeatureState } from '@/lib/features';
import { S3FileStore } from '@/lib/files';
import { startTestS3, type TestS3 } from '@/lib/files/test-support';
import { FraudModel, getModel } from '@/lib/model/scorer';
import { saveCheckpoint } from '@/lib/pipeline/checkpoint';
import { CHECKPOINT_KEY } from '@/lib/pipeline/io';
import type { Transaction } from '@/lib/schema/transaction';
import { newApiKey } from '@/lib/scoring/api-keys';
import { OnlineScorer } from '@/lib/scoring/online-scorer';

import { REPO_ROOT } from '../lib/runtime-bundle';
import {
  createScoringHandler,
  KEYS_TTL_MS,
  scoringDepsFromEnv,
  type HttpApiEvent,
} from '../runtime/scoring-lambda';
import { readSecretString } from '../runtime/secrets-extension';

const SESSION_TOKEN = 'session-token-1';
const SECRET_ID = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ApiKeys-AbCdEf';

/** The extension's GET /secretsmanager/get, answering with `secret` (or `status` when set). */
interface Extension {
  origin: string;
  secret: string;
  status: number;
  requests: { secretId: string | null; token: string | undefined }[];
  close(): Promise<void>;
}

async function startExtension(): Promise<Extension> {
  const ext: Omit<Extension, 'origin' | 'close'> = { secret: ' ', status: 200, requests: [] };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const token = req.headers['x-aws-parameters-secrets-token'];
    ext.requests.push({ secretId: url.searchParams.get('secretId'), token: token as string | undefined });
    if (url.pathname !== '/secretsmanager/get' || token !== SESSION_TOKEN) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    if (ext.status !== 200) {
      res.writeHead(ext.status).end('extension failure');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ARN: SECRET_ID, Name: 'ApiKeys', SecretString: ext.secret }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(ext, {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const tx = (id: string): Transaction => ({
  transaction_id: id,
  timestamp: '2026-01-05T10:00:00.000Z',
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

const post = (key: string | null, body: unknown, over: Partial<HttpApiEvent> = {}): HttpApiEvent => ({
  rawPath: '/api/v1/score',
  requestContext: { http: { method: 'POST' } },
  headers: { 'Content-Type': 'application/json', ...(key ? { 'X-Api-Key': key } : {}) },
  body: JSON.stringify(body),
  isBase64Encoded: false,
  ...over,
});

let model: FraudModel;
let ext: Extension;
beforeAll(async () => {
  [model, ext] = await Promise.all([getModel(path.join(REPO_ROOT, 'model')), startExtension()]);
});
afterAll(async () => {
  await ext?.close();
});

function handlerWithClock(clock: { now: number }) {
  return createScoringHandler({
    scorer: new OnlineScorer(model),
    readKeys: () => readSecretString(SECRET_ID, { origin: ext.origin, sessionToken: SESSION_TOKEN }),
    now: () => clock.now,
  });
}

describe('the scoring Lambda', () => {
  it('answers the health check with the model version', async () => {
    const handler = handlerWithClock({ now: 0 });
    const out = await handler({ rawPath: '/healthz', requestContext: { http: { method: 'GET' } } });
    expect(out.statusCode).toBe(200);
    expect(JSON.parse(out.body)).toEqual({ status: 'ok', model_version: model.version });
  });

  it('is disabled (503) while the secret is blank, then scores with a key put into it', async () => {
    const clock = { now: 0 };
    const handler = handlerWithClock(clock);
    ext.secret = ' ';
    const { key, entry } = newApiKey('acquirer-a');
    const disabled = await handler(post(key, { transaction: tx('t1') }));
    expect(disabled.statusCode).toBe(503);

    ext.secret = entry;
    // Within the TTL the old (empty) key list is still used.
    clock.now += KEYS_TTL_MS - 1;
    expect((await handler(post(key, { transaction: tx('t1') }))).statusCode).toBe(503);
    clock.now += 1;
    const scored = await handler(post(key, { transaction: tx('t1'), explain: 2 }));
    expect(scored.statusCode).toBe(200);
    const body = JSON.parse(scored.body) as { transaction_id: string; score: number; model_version: string };
    expect(body).toMatchObject({ transaction_id: 't1', model_version: model.version });
    expect(body.score).toBeGreaterThanOrEqual(0);
    expect(scored.headers['x-request-id']).toBeTruthy();
    // The extension was asked for the configured secret with the function's session token.
    expect(ext.requests.at(-1)).toEqual({ secretId: SECRET_ID, token: SESSION_TOKEN });
  });

  it('refuses a wrong key, a non-JSON body and an oversized body, like the other servers', async () => {
    const handler = handlerWithClock({ now: 0 });
    const { key, entry } = newApiKey('acquirer-b');
    ext.secret = entry;
    expect((await handler(post('fk_wrong', { transaction: tx('t2') }))).statusCode).toBe(401);
    expect((await handler(post(null, { transaction: tx('t2') }))).statusCode).toBe(401);
    const text = await handler(
      post(key, 'x', { headers: { 'content-type': 'text/plain', 'x-api-key': key } }),
    );
    expect(text.statusCode).toBe(415);
    const huge = Buffer.alloc(1024 * 1024 + 10, 'a').toString('base64');
    expect((await handler(post(key, null, { body: huge, isBase64Encoded: true }))).statusCode).toBe(413);
    const encoded = Buffer.from(JSON.stringify({ transaction: tx('t3') })).toString('base64');
    expect((await handler(post(key, null, { body: encoded, isBase64Encoded: true }))).statusCode).toBe(200);
  });

  it('fails the invocation when the extension fails, and reads again on the next request', async () => {
    const handler = handlerWithClock({ now: 0 });
    const { key, entry } = newApiKey('acquirer-c');
    ext.secret = entry;
    ext.status = 500;
    await expect(handler(post(key, { transaction: tx('t4') }))).rejects.toThrow(/HTTP 500/);
    ext.status = 200;
    expect((await handler(post(key, { transaction: tx('t4') }))).statusCode).toBe(200);
  });
});

describe('the scoring Lambda’s dependencies from the environment', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3(['fraud-scoring']);
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('starts from the ingestion checkpoint in the data bucket', async () => {
    const state = new FeatureState();
    for (let i = 0; i < 5; i++) state.next({ ...tx(`h${i}`), card_id: `C${i}` }, 'realistic');
    const files = new S3FileStore({ client: s3.client, bucket: 'fraud-scoring' });
    await saveCheckpoint(
      { files, key: CHECKPOINT_KEY },
      { version: 1, files: {}, features: state.snapshot() },
    );
    const { key, entry } = newApiKey('acquirer-d');
    const deps = await scoringDepsFromEnv({
      ...s3.env,
      FRAUD_S3_BUCKET: 'fraud-scoring',
      FRAUD_MODEL_DIR: path.join(REPO_ROOT, 'model'),
      FRAUD_API_KEYS: entry,
    });
    expect(deps.scorer.state.size).toEqual({ cards: 5, terminals: 1 });
    const out = await createScoringHandler(deps)(post(key, { transaction: tx('t5') }));
    expect(out.statusCode).toBe(200);
  });
});
