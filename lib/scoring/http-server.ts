// The standalone scoring server: the scoring API's own handler (handler.ts) over node:http, without
// the console's Next.js server, for a deployment that only scores. It listens on 127.0.0.1 unless told
// otherwise, bounds each request (body size in the handler; the time to send headers and body here)
// and shuts down gracefully: no new connections, in-flight requests finish, then every socket closes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  declaredTooLarge,
  decodeBody,
  scoreHttp,
  type ScoreHttpRequest,
  type ScoringService,
} from './handler';

export const SCORE_PATH = '/api/v1/score';
export const HEALTH_PATH = '/healthz';

export interface ScoringServerOptions {
  service: ScoringService;
  /** Default 127.0.0.1: exposing the API is a deliberate choice (HOST=0.0.0.0). */
  host?: string;
  /** Default 0: any free port (read it back from `port`). */
  port?: number;
  /** Time a client has to send a whole request, headers and body (default 10 s); then 408. */
  requestTimeoutMs?: number;
  /** Idle time before a keep-alive connection is closed (default 5 s). */
  keepAliveTimeoutMs?: number;
  /** Unexpected failures (the client gets a 500 with the request id); default: stderr. */
  onError?: (error: unknown) => void;
}

export interface ScoringServer {
  host: string;
  port: number;
  /** `http://host:port`, with the API at `${url}/api/v1/score`. */
  url: string;
  /**
   * Stops accepting connections, lets in-flight requests finish (each answered with
   * `connection: close`), closes idle keep-alive connections at once and any left after `graceMs`.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * How long a refused request's unread body is still read and dropped after the answer. Closing at once
 * would reset the connection while the client is still sending, and a client that is still sending
 * may then never read the answer (a 401 or 413 it should see); reading forever would let a client
 * stream at us, so the wait is bounded.
 */
const LINGER_MS = 2_000;

const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** The handler's view of a node request; nothing is read until the handler asks for the body. */
function adapt(req: IncomingMessage): ScoreHttpRequest {
  return {
    header: (name) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    readBody: (limit) =>
      new Promise<string | null>((resolve, reject) => {
        if (declaredTooLarge(req.headers['content-length'], limit)) {
          resolve(null);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          req.off('data', onData);
          req.off('end', onEnd);
          req.off('error', onError);
          req.off('close', onClose);
        };
        const onData = (chunk: Buffer) => {
          size += chunk.length;
          if (size <= limit) {
            chunks.push(chunk);
            return;
          }
          done();
          // Keep draining (and dropping) what follows; see LINGER_MS for how long.
          req.resume();
          resolve(null);
        };
        const onEnd = () => {
          done();
          resolve(decodeBody(chunks));
        };
        const onError = (error: Error) => {
          done();
          reject(error);
        };
        const onClose = () => {
          done();
          reject(new Error('the client closed the connection before sending the whole body'));
        };
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('error', onError);
        req.on('close', onClose);
      }),
  };
}

export function startScoringServer(options: ScoringServerOptions): Promise<ScoringServer> {
  const { service } = options;
  const host = options.host ?? '127.0.0.1';
  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  const onError = options.onError ?? ((error: unknown) => console.error('scoring server:', error));
  let closing = false;

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: string,
  ) => {
    if (closing) res.setHeader('connection', 'close');
    res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
    if (req.complete) return;
    // A refusal before (or while) reading the body: drop the rest for a bounded time, then hang up.
    res.once('finish', () => {
      if (req.complete) return;
      req.resume();
      const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
      timer.unref();
      req.once('end', () => clearTimeout(timer));
      req.once('close', () => clearTimeout(timer));
    });
  };
  const problem = (req: IncomingMessage, res: ServerResponse, status: number, error: string, extra = {}) =>
    send(req, res, status, { ...JSON_HEADERS, ...extra }, JSON.stringify({ error }));

  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 60_000),
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      // How often the timeouts above are checked (Node's default, 30 s, would let them overrun).
      connectionsCheckingInterval: Math.min(1_000, requestTimeout),
    },
    (req, res) => {
      const path = (req.url ?? '/').split('?', 1)[0];
      if (path === SCORE_PATH) {
        if (req.method !== 'POST') {
          problem(req, res, 405, 'use POST', { allow: 'POST' });
          return;
        }
        scoreHttp(adapt(req), service).then(
          (answer) => send(req, res, answer.status, answer.headers, answer.body),
          (error: unknown) => {
            if (req.destroyed || res.destroyed) return; // the client went away mid-request
            onError(error);
            problem(req, res, 500, 'internal error while scoring');
          },
        );
      } else if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        const { model } = service.scorer;
        send(req, res, 200, JSON_HEADERS, JSON.stringify({ status: 'ok', model_version: model.version }));
      } else {
        problem(req, res, 404, `not found: the scoring API is POST ${SCORE_PATH}`);
      }
    },
  );

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        host,
        port,
        url: `http://${urlHost}:${port}`,
        close: (graceMs = 10_000) =>
          new Promise<void>((done, fail) => {
            closing = true;
            server.close((error) => (error ? fail(error) : done()));
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), graceMs).unref();
          }),
      });
    });
  });
}
