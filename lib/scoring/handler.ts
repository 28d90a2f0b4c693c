// The scoring API's HTTP behaviour, framework-free so it is tested directly and served the same way by
// the Next.js route (Fetch Request/Response) and the standalone node:http server: API key first (the
// body of an unauthenticated request is never read), then content type, size (checked while
// streaming), JSON and schema; only a valid request reaches the scorer and its feature state.
import { randomUUID } from 'node:crypto';

import { verifyApiKey, type ApiKey } from './api-keys';
import type { OnlineScorer } from './online-scorer';
import { MAX_BODY_BYTES, parseScoreRequest } from './request';

export interface ScoringService {
  scorer: OnlineScorer;
  keys: readonly ApiKey[];
  /** The live threshold (lib/threshold/live.ts); the manifest's when absent or when it cannot be read. */
  liveThreshold?: () => Promise<number>;
}

/** What the handler needs from a request, whichever server carries it. */
export interface ScoreHttpRequest {
  /** A header's value (name in lower case), or null. */
  header(name: string): string | null;
  /**
   * The body as text, or null when it exceeds `limit` bytes (declared or streamed). Nothing is read
   * from the client until this is called.
   */
  readBody(limit: number): Promise<string | null>;
}

export interface ScoreHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const json = (status: number, body: unknown, requestId: string): ScoreHttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': requestId },
  body: JSON.stringify(body),
});

const problem = (status: number, error: string, requestId: string, details?: unknown): ScoreHttpResponse =>
  json(status, { error, request_id: requestId, ...(details === undefined ? {} : { details }) }, requestId);

// One decoder for every server: it drops a leading BOM and replaces invalid UTF-8 the same way, so a
// body means the same thing whichever server received it.
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Body bytes as text, exactly as every server adapter must decode them. */
export const decodeBody = (chunks: readonly Uint8Array[]): string =>
  utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));

/** Whether a declared Content-Length is over `limit` (an absent or malformed one is checked while streaming). */
export function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > limit;
}

/** A Fetch request's body as text, or null when it exceeds `limit` bytes (declared or streamed). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  if (declaredTooLarge(request.headers.get('content-length'), limit)) return null;
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
  return decodeBody(chunks);
}

/** The API's answer to one request (see the module comment for the order of checks). */
export async function scoreHttp(
  request: ScoreHttpRequest,
  service: ScoringService,
): Promise<ScoreHttpResponse> {
  const requestId = randomUUID();
  if (service.keys.length === 0) {
    return problem(503, 'the scoring API is disabled: no API key is configured (FRAUD_API_KEYS)', requestId);
  }
  const client = verifyApiKey(request.header('x-api-key'), service.keys);
  if (!client) return problem(401, 'missing or invalid API key (send it in the x-api-key header)', requestId);
  if (!(request.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return problem(415, 'send the body as application/json', requestId);
  }
  const text = await request.readBody(MAX_BODY_BYTES);
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
  const model = service.scorer.model;
  // A store hiccup must not stop scoring: fall back to the manifest's threshold for this request.
  const threshold = service.liveThreshold
    ? await service.liveThreshold().catch(() => model.threshold)
    : model.threshold;
  const results = await service.scorer.score(transactions, explain, threshold);
  const meta = { model_version: model.version, threshold, request_id: requestId };
  return json(200, single ? { ...meta, ...results[0] } : { ...meta, results }, requestId);
}

/** The Fetch form (the Next.js route): the same answer as `scoreHttp`, as a Response. */
export async function handleScoreRequest(request: Request, service: ScoringService): Promise<Response> {
  const answer = await scoreHttp(
    { header: (name) => request.headers.get(name), readBody: (limit) => readLimited(request, limit) },
    service,
  );
  const response = new Response(answer.body, { status: answer.status, headers: answer.headers });
  // A body refused part-way is left unread on the socket, so the connection cannot carry another
  // request: say so, rather than let a keep-alive client send its next request into a dead socket.
  if (answer.status === 413) response.headers.set('connection', 'close');
  return response;
}
