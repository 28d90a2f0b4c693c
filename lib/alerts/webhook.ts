// The Slack-compatible incoming-webhook channel: one JSON POST per attempt, classified by status.
// 2xx delivered; 408/429/5xx and network errors retry (429/503 with Retry-After honoured); any other
// answer is permanent, because resending the same payload to a revoked or wrong URL cannot succeed.
import type { Alert } from '@/lib/store';

import type { Channel } from './channel';
import type { WebhookConfig } from './config';
import { webhookPayload } from './message';
import { redactUrl, scrub } from './redact';
import { parseRetryAfter, type AttemptOutcome } from './retry';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Receivers' error bodies are short codes (Slack: `invalid_payload`, `channel_not_found`). */
const BODY_CHARS = 200;

export function webhookChannel(deps: { fetch: FetchLike; now: () => Date }, config: WebhookConfig): Channel {
  const target = redactUrl(config.url);
  return {
    name: 'webhook',
    target,
    async attempt(alert: Alert, signal: AbortSignal): Promise<AttemptOutcome> {
      let response: Response;
      try {
        response = await deps.fetch(config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            // Lets a receiver that keeps state drop a duplicate (see docs/ALERTS.md on at-least-once).
            'x-fraud-alert-id': alert.alert_id,
          },
          body: JSON.stringify(webhookPayload(alert)),
          // A redirected POST would be replayed as a GET by `follow`; surface it instead.
          redirect: 'manual',
          signal,
        });
      } catch (error) {
        return { ok: false, retryable: true, error: scrub(networkMessage(error), config.url) };
      }
      const body = await readSome(response);
      const status = response.status;
      if (status >= 200 && status < 300) return { ok: true };
      const redirect = status >= 300 && status < 400 ? ' (a redirect: configure the final URL)' : '';
      const error = scrub(`HTTP ${status}${body ? `: ${body}` : ''} from ${target}${redirect}`, config.url);
      if (status === 408 || status === 429 || status >= 500) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), deps.now().getTime());
        return { ok: false, retryable: true, error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
      }
      return { ok: false, retryable: false, error };
    },
  };
}

/** Undici reports `fetch failed` and hides the reason (ECONNREFUSED, ENOTFOUND …) in `cause`. */
function networkMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

async function readSome(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.replace(/\s+/g, ' ').trim().slice(0, BODY_CHARS);
  } catch {
    return '';
  }
}
