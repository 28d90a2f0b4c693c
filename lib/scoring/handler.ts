// The scoring API's HTTP behaviour, framework-free so it is tested directly: API key first (the body
// of an unauthenticated request is never read), then content type, size (checked while streaming),
// JSON and schema; only a valid request reaches the scorer and its feature state.
import { randomUUID } from 'node:crypto';

import { verifyApiKey, type ApiKey } from './api-keys';
import type { OnlineScorer } from './online-scorer';
import { MAX_BODY_BYTES, parseScoreRequest } from './request';

export interface ScoringService {
  scorer: OnlineScorer;
  keys: readonly ApiKey[];
}

const json = (status: number, body: unknown, requestId: string): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': requestId },
  });

const problem = (status: number, error: string, requestId: string, details?: unknown): Response =>
  json(status, { error, request_id: requestId, ...(details === undefined ? {} : { details }) }, requestId);

/** The body as text, or null when it exceeds `limit` bytes (declared or streamed). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

export async function handleScoreRequest(request: Request, service: ScoringService): Promise<Response> {
  const requestId = randomUUID();
  if (service.keys.length === 0) {
    return problem(503, 'the scoring API is disabled: no API key is configured (FRAUD_API_KEYS)', requestId);
  }
  const client = verifyApiKey(request.headers.get('x-api-key'), service.keys);
  if (!client) return problem(401, 'missing or invalid API key (send it in the x-api-key header)', requestId);
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return problem(415, 'send the body as application/json', requestId);
  }
  const text = await readLimited(request, MAX_BODY_BYTES);
  if (text === null) return problem(413, `the body is larger than ${MAX_BODY_BYTES} bytes`, requestId);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return problem(
      400,
      `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      requestId,
    );
  }
  const parsed = parseScoreRequest(body);
  if (!parsed.ok) return problem(400, 'the request does not match the schema', requestId, parsed.errors);

  const { transactions, explain, single } = parsed.request;
  const results = await service.scorer.score(transactions, explain);
  const model = service.scorer.model;
  const meta = { model_version: model.version, threshold: model.threshold, request_id: requestId };
  return json(200, single ? { ...meta, ...results[0] } : { ...meta, results }, requestId);
}
