// The scoring API as an AWS Lambda behind an API Gateway HTTP API (payload format 2.0): the same
// handler as the console's route and the standalone server (lib/scoring/handler.ts: API key first,
// then content type, size, JSON and schema), the same served model, and an online feature state that
// starts from the ingestion checkpoint in the data bucket. Each warm container keeps its own state
// (docs/SCORING.md's known limit, per container here).
//
// API keys are hashed entries (FRAUD_API_KEYS format). On AWS they live in a Secrets Manager secret
// (FRAUD_API_KEYS_SECRET_ID) read through the Parameters and Secrets extension and re-read every
// KEYS_TTL_MS, so keys change without a deploy; FRAUD_API_KEYS itself is accepted for local runs.
import { z } from 'zod';

import { envIssues, optionalEnv } from '@/lib/config/env';
import { FeatureState } from '@/lib/features';
import { fileStoreConfigFromEnv, fileStoreFromEnv, type Env } from '@/lib/files';
import { defaultModelDir } from '@/lib/model/manifest';
import { getModel } from '@/lib/model/scorer';
import { loadCheckpoint } from '@/lib/pipeline/checkpoint';
import { CHECKPOINT_KEY } from '@/lib/pipeline/io';
import { parseApiKeys, type ApiKey } from '@/lib/scoring/api-keys';
import { decodeBody, scoreHttp, type ScoreHttpRequest } from '@/lib/scoring/handler';
import { HEALTH_PATH } from '@/lib/scoring/http-server';
import { OnlineScorer } from '@/lib/scoring/online-scorer';

import { EXTENSION_PORT, readSecretString } from './secrets-extension';

/** How long keys read from the secret are reused (the extension caches for up to 300 s as well). */
export const KEYS_TTL_MS = 60_000;

/** The part of an API Gateway HTTP API (v2) event the adapter reads. */
export interface HttpApiEvent {
  rawPath?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext?: { http?: { method?: string } };
}

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface ScoringLambdaDeps {
  scorer: OnlineScorer;
  /** The FRAUD_API_KEYS-format value (blank: the API is disabled and answers 503). */
  readKeys: () => Promise<string | undefined>;
  now?: () => number;
}

const envSchema = z.object({
  FRAUD_API_KEYS: optionalEnv,
  FRAUD_API_KEYS_SECRET_ID: optionalEnv,
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  AWS_SESSION_TOKEN: optionalEnv,
});

export type KeySource =
  | { kind: 'env'; value: string | undefined }
  | { kind: 'secret'; secretId: string; origin: string; sessionToken: string };

export interface ScoringLambdaSettings {
  modelDir: string;
  keys: KeySource;
  /** Where the ingestion checkpoint is read from: the S3 store, or nothing (an empty state). */
  checkpoint: 's3' | 'none';
}

/** Validated settings; the file store's own variables are checked by lib/files. */
export function scoringLambdaSettingsFromEnv(env: Env = process.env): ScoringLambdaSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`scoring settings are invalid: ${envIssues(parsed.error)}`);
  const e = parsed.data;
  if (e.FRAUD_API_KEYS !== undefined && e.FRAUD_API_KEYS_SECRET_ID !== undefined)
    throw new Error('set FRAUD_API_KEYS or FRAUD_API_KEYS_SECRET_ID, not both');
  const files = fileStoreConfigFromEnv(env);
  return {
    modelDir: defaultModelDir(env as NodeJS.ProcessEnv),
    keys:
      e.FRAUD_API_KEYS_SECRET_ID !== undefined
        ? {
            kind: 'secret',
            secretId: e.FRAUD_API_KEYS_SECRET_ID,
            origin: `http://localhost:${e.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? EXTENSION_PORT}`,
            sessionToken: e.AWS_SESSION_TOKEN ?? '',
          }
        : { kind: 'env', value: e.FRAUD_API_KEYS },
    checkpoint: files.kind === 's3' ? 's3' : 'none',
  };
}

/** The handler's dependencies from the environment (called on the first request, after init). */
export async function scoringDepsFromEnv(env: Env = process.env): Promise<ScoringLambdaDeps> {
  const settings = scoringLambdaSettingsFromEnv(env);
  const [model, checkpoint] = await Promise.all([
    getModel(settings.modelDir),
    settings.checkpoint === 's3'
      ? loadCheckpoint({ files: fileStoreFromEnv(env), key: CHECKPOINT_KEY })
      : null,
  ]);
  const state = checkpoint ? FeatureState.restore(checkpoint.features) : new FeatureState();
  const keys = settings.keys;
  return {
    scorer: new OnlineScorer(model, state),
    readKeys:
      keys.kind === 'env'
        ? () => Promise.resolve(keys.value)
        : () => readSecretString(keys.secretId, { origin: keys.origin, sessionToken: keys.sessionToken }),
  };
}

const json = (statusCode: number, body: unknown): HttpApiResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

/** The request as scoreHttp sees it. API Gateway has already read the whole body (≤ 10 MB). */
function adapt(event: HttpApiEvent): ScoreHttpRequest {
  const headers = new Map(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    header: (name) => headers.get(name) ?? null,
    readBody: (limit) => {
      const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
      return Promise.resolve(bytes.byteLength > limit ? null : decodeBody([bytes]));
    },
  };
}

export type ScoringHandler = (event: HttpApiEvent) => Promise<HttpApiResult>;

/** A handler over dependencies, or over a factory called on the first request (again if it failed). */
export function createScoringHandler(
  deps: ScoringLambdaDeps | (() => Promise<ScoringLambdaDeps>),
): ScoringHandler {
  let ready: Promise<ScoringLambdaDeps> | null = null;
  let keys: { at: number; value: Promise<readonly ApiKey[]> } | null = null;
  const start = () => {
    ready ??= typeof deps === 'function' ? deps() : Promise.resolve(deps);
    ready.catch(() => (ready = null));
    return ready;
  };
  const currentKeys = (d: ScoringLambdaDeps): Promise<readonly ApiKey[]> => {
    const now = (d.now ?? Date.now)();
    if (!keys || now - keys.at >= KEYS_TTL_MS) {
      const entry = { at: now, value: d.readKeys().then(parseApiKeys) };
      // A failed read is not kept: the next request tries again.
      entry.value.catch(() => {
        if (keys === entry) keys = null;
      });
      keys = entry;
    }
    return keys.value;
  };

  return async (event) => {
    const d = await start();
    if (event.rawPath === HEALTH_PATH)
      return json(200, { status: 'ok', model_version: d.scorer.model.version });
    const answer = await scoreHttp(adapt(event), { scorer: d.scorer, keys: await currentKeys(d) });
    return { statusCode: answer.status, headers: answer.headers, body: answer.body };
  };
}

/** The Lambda entry point (`index.handler` in the bundle). */
export const handler = createScoringHandler(() => scoringDepsFromEnv(process.env));
