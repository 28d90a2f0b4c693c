// Test fixtures for the alert suites: a scriptable webhook receiver and a server speaking enough of
// the SNS Query API (form-encoded POST, Action=Publish, XML answers) for the real SDK client, both on
// 127.0.0.1 with an ephemeral port; and dependencies with recorded sleeps and logs. Not imported by
// production code.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Alert, Store } from '@/lib/store';

import type { AlertConfig } from './config';
import type { AlertDeps } from './dispatch';
import { createSnsClient } from './sns';

/** What the server does with one request: answer (after an optional delay). */
export interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Hold the answer this long (a slow receiver). */
  delayMs?: number;
}

export interface Received {
  /** Date.now() when the request body had arrived. */
  at: number;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LocalServer {
  url: string;
  /** Every request, in arrival order. */
  received: Received[];
  /** Replies used in order, one per request; once used up, `fallback` answers. */
  script(replies: Reply[]): void;
  close(): Promise<void>;
}

async function listen(
  answer: (req: Received) => Reply | undefined,
  fallback: (req: Received) => Reply,
): Promise<LocalServer> {
  const received: Received[] = [];
  let replies: Reply[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        at: Date.now(),
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      const reply = answer(r) ?? replies.shift() ?? fallback(r);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, reply.delayMs);
        timers.add(t);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (next) => {
      replies = [...next];
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Slack-like receiver: `ok` with 200 unless scripted otherwise. */
export function startWebhookReceiver(): Promise<LocalServer> {
  return listen(
    () => undefined,
    () => ({ status: 200, body: 'ok', headers: { 'content-type': 'text/plain' } }),
  );
}

const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/';

export function snsError(status: number, code: string, text: string): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body:
      `<ErrorResponse xmlns="${SNS_NS}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
      `<Code>${code}</Code><Message>${text}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

/** The form fields of a received SNS request, with `MessageAttributes.entry.N.*` folded into a map. */
export function snsParams(r: Received): {
  fields: Record<string, string>;
  attributes: Record<string, string>;
} {
  const fields = Object.fromEntries(new URLSearchParams(r.body));
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    const m = /^MessageAttributes\.entry\.(\d+)\.Name$/.exec(key);
    if (m) attributes[value] = fields[`MessageAttributes.entry.${m[1]}.Value.StringValue`] ?? '';
  }
  return { fields, attributes };
}

/**
 * SNS over the Query protocol: unsigned requests and actions other than Publish are refused as AWS
 * would; Publish answers with a MessageId unless a scripted reply says otherwise.
 */
export function startSnsServer(): Promise<LocalServer> {
  return listen(
    (r) => {
      if (!String(r.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256'))
        return snsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
      if (new URLSearchParams(r.body).get('Action') !== 'Publish')
        return snsError(400, 'InvalidAction', 'Only Publish is implemented here');
      return undefined;
    },
    () => ({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body:
        `<PublishResponse xmlns="${SNS_NS}"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult>` +
        `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    }),
  );
}

export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:fraud-alerts';

/** Short timeouts and backoff so a whole retry schedule runs in milliseconds. */
export function testConfig(channels: { webhookUrl?: string; snsEndpoint?: string }): AlertConfig {
  return {
    highRiskScore: 0.9,
    dailyFraudRate: 0.01,
    dailyMinTransactions: 100,
    ...(channels.webhookUrl ? { webhook: { url: channels.webhookUrl } } : {}),
    ...(channels.snsEndpoint
      ? { sns: { topicArn: TOPIC_ARN, region: 'eu-west-1', endpoint: channels.snsEndpoint, fifo: false } }
      : {}),
    retry: {
      maxAttempts: 4,
      attemptTimeoutMs: 2_000,
      baseDelayMs: 200,
      maxDelayMs: 2_000,
      maxRetryAfterMs: 10_000,
    },
  };
}

export interface TestDeps extends AlertDeps {
  sleeps: number[];
  warnings: string[];
  infos: string[];
}

/** Dependencies whose sleeps return at once (and are recorded) and whose jitter is fixed at ½. */
export function testDeps(store: Store, config: AlertConfig, overrides: Partial<AlertDeps> = {}): TestDeps {
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  return {
    store,
    config,
    fetch: (input, init) => fetch(input, init),
    ...(config.sns
      ? {
          sns: createSnsClient(config.sns, { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
        }
      : {}),
    now: () => new Date(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    log: { info: (m) => infos.push(m), warn: (m) => warnings.push(m) },
    sleeps,
    warnings,
    infos,
    ...overrides,
  };
}

let serial = 0;
/** A valid high-risk alert with a fresh id. */
export function sampleAlert(patch: Partial<Alert> = {}): Alert {
  serial++;
  return {
    alert_id: `high_risk#tx-${process.pid}-${serial}`,
    kind: 'high_risk_item',
    at: new Date(Date.UTC(2025, 2, 1, 12, 0, serial)).toISOString(),
    severity: 'critical',
    title: `High-risk transaction tx-${serial}: score 0.970 ≥ 0.9`,
    transaction_id: `tx-${serial}`,
    card_id: 'C00001',
    terminal_id: 'T00001',
    score: 0.97,
    threshold: 0.9,
    ...patch,
  };
}
