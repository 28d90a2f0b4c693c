// The SNS channel: one Publish per attempt with the real AWS SDK client. The client's own retries are
// off (maxAttempts 1) so the shared retry loop is the only one and the attempt count recorded on the
// alert is the number of requests actually sent. Errors are classified from the service response:
// throttling and server faults retry; authorization, missing topic and bad parameters do not.
import { createHash } from 'node:crypto';

import { PublishCommand, SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';

import type { Alert } from '@/lib/store';

import type { Channel } from './channel';
import type { SnsConfig } from './config';
import { snsMessage } from './message';
import type { AttemptOutcome } from './retry';

/** Builds the client for `config`; `overrides` lets tests (and odd deployments) pass credentials. */
export function createSnsClient(config: SnsConfig, overrides: Partial<SNSClientConfig> = {}): SNSClient {
  return new SNSClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
    ...overrides,
  });
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'KMSThrottlingException',
]);

interface ServiceErrorShape {
  name?: string;
  message?: string;
  $fault?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function classifySnsError(error: unknown): AttemptOutcome {
  if (!(error instanceof Error)) return { ok: false, retryable: true, error: String(error) };
  const e = error as Error & ServiceErrorShape;
  const status = e.$metadata?.httpStatusCode;
  // No HTTP status: the request never got an answer (refused, reset, DNS): worth another try.
  const retryable =
    status === undefined ||
    status >= 500 ||
    status === 429 ||
    THROTTLING.has(e.name) ||
    Boolean(e.$retryable);
  const code = 'code' in e && typeof e.code === 'string' ? ` ${e.code}` : '';
  return {
    ok: false,
    retryable,
    error: `SNS ${e.name}${code}: ${e.message}${status !== undefined ? ` (HTTP ${status})` : ''}`,
  };
}

export function snsChannel(deps: { sns: SNSClient }, config: SnsConfig): Channel {
  return {
    name: 'sns',
    target: config.topicArn,
    async attempt(alert: Alert, signal: AbortSignal): Promise<AttemptOutcome> {
      const { subject, message } = snsMessage(alert);
      try {
        await deps.sns.send(
          new PublishCommand({
            TopicArn: config.topicArn,
            Subject: subject,
            Message: message,
            MessageStructure: 'json',
            // Subscriptions can filter on these (e.g. only critical alerts to the on-call pager).
            MessageAttributes: {
              alert_id: { DataType: 'String', StringValue: alert.alert_id },
              kind: { DataType: 'String', StringValue: alert.kind },
              severity: { DataType: 'String', StringValue: alert.severity },
            },
            ...(config.fifo
              ? {
                  MessageGroupId: alert.kind,
                  // FIFO topics drop a repeat of this id within 5 minutes: retries after a lost answer.
                  MessageDeduplicationId: createHash('sha256').update(alert.alert_id).digest('hex'),
                }
              : {}),
          }),
          { abortSignal: signal },
        );
        return { ok: true };
      } catch (error) {
        return classifySnsError(error);
      }
    },
  };
}
