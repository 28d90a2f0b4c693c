// The SNS channel end to end: dispatchAlert → the real @aws-sdk/client-sns (signed, Query protocol)
// → a local SNS-protocol server on 127.0.0.1; outcomes recorded in a real dynalite.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { getAlert } from '@/lib/store';
import { startTestStore, type TestStore } from '@/lib/store/test-support';

import type { AlertConfig } from './config';
import { dispatchAlert } from './dispatch';
import {
  sampleAlert,
  snsError,
  snsParams,
  startSnsServer,
  testConfig,
  testDeps,
  type LocalServer,
  type Reply,
} from './test-support';

let t: TestStore;
let sns: LocalServer;
beforeAll(async () => {
  [t, sns] = await Promise.all([startTestStore('alerts_sns_'), startSnsServer()]);
});
afterAll(async () => {
  await Promise.all([t.close(), sns.close()]);
});

async function run(replies: Reply[], patch: (c: AlertConfig) => AlertConfig = (c) => c) {
  sns.script(replies);
  const before = sns.received.length;
  const deps = testDeps(t.store, patch(testConfig({ snsEndpoint: sns.url })));
  const alert = sampleAlert();
  const report = await dispatchAlert(deps, alert);
  deps.sns?.destroy();
  const stored = await getAlert(t.store, { alertId: alert.alert_id });
  return { deps, alert, report, stored, requests: sns.received.slice(before) };
}

describe('SNS channel', () => {
  test('publishes one signed Publish with subject, per-protocol message and filterable attributes', async () => {
    const { report, stored, requests, alert } = await run([]);
    expect(report.channels).toEqual({ sns: { ok: true, attempts: 1 } });
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    expect(r.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/eu-west-1\/sns\/aws4_request/,
    );
    const { fields, attributes } = snsParams(r);
    expect(fields).toMatchObject({
      Action: 'Publish',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:fraud-alerts',
      Subject: `[critical] High-risk transaction: ${alert.transaction_id}`,
      MessageStructure: 'json',
    });
    expect(fields.MessageGroupId).toBeUndefined();
    expect(attributes).toEqual({ alert_id: alert.alert_id, kind: 'high_risk_item', severity: 'critical' });
    const message = JSON.parse(fields.Message ?? '{}') as Record<string, string>;
    expect(message.default).toContain(alert.title);
    expect(message.default).toContain(`Alert: ${alert.alert_id}`);
    expect(JSON.parse(message.sqs ?? '{}')).toEqual(alert);
    expect(stored?.deliveries?.sns).toMatchObject({ ok: true, attempts: 1 });
  });

  test('500 InternalError then success: retried (the SDK itself does not retry)', async () => {
    const { report, requests } = await run([snsError(500, 'InternalError', 'try again')]);
    expect(report.channels.sns).toEqual({ ok: true, attempts: 2 });
    expect(requests).toHaveLength(2);
  });

  test('throttling (HTTP 400 Throttling) is retryable', async () => {
    const { report, deps } = await run([snsError(400, 'Throttling', 'Rate exceeded')]);
    expect(report.channels.sns).toEqual({ ok: true, attempts: 2 });
    expect(deps.sleeps).toEqual([150]);
  });

  test('AuthorizationError: permanent, recorded with the service message', async () => {
    const { report, stored, requests, deps } = await run([
      snsError(403, 'AuthorizationError', 'User is not authorized to perform: SNS:Publish'),
    ]);
    expect(requests).toHaveLength(1);
    const error =
      'SNS AuthorizationErrorException: User is not authorized to perform: SNS:Publish (HTTP 403) (not retried)';
    expect(report.channels.sns).toEqual({ ok: false, attempts: 1, error });
    expect(stored?.deliveries?.sns).toMatchObject({ ok: false, attempts: 1, error });
    expect(deps.warnings[0]).toContain(
      'sns arn:aws:sns:eu-west-1:123456789012:fraud-alerts failed after 1 attempt(s)',
    );
  });

  test('missing topic (404 NotFound): permanent', async () => {
    const { report } = await run([snsError(404, 'NotFound', 'Topic does not exist')]);
    expect(report.channels.sns).toMatchObject({ ok: false, attempts: 1 });
    expect(report.channels.sns?.error).toContain('Topic does not exist');
  });

  test('slow SNS: the attempt is aborted at the timeout and retried', async () => {
    const slow = { ...snsError(500, 'InternalError', 'late'), delayMs: 3_000 };
    const started = Date.now();
    const { report, requests } = await run([slow], (c) => ({
      ...c,
      retry: { ...c.retry, attemptTimeoutMs: 300 },
    }));
    expect(report.channels.sns).toEqual({ ok: true, attempts: 2 });
    expect(requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('FIFO topic: message group and a deduplication id derived from the alert id', async () => {
    const fifoArn = 'arn:aws:sns:eu-west-1:123456789012:fraud-alerts.fifo';
    const { report, requests } = await run([], (c) => ({
      ...c,
      sns: { ...c.sns!, topicArn: fifoArn, fifo: true },
    }));
    expect(report.channels.sns).toEqual({ ok: true, attempts: 1 });
    const { fields } = snsParams(requests[0]!);
    expect(fields.TopicArn).toBe(fifoArn);
    expect(fields.MessageGroupId).toBe('high_risk_item');
    expect(fields.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
  });
});
