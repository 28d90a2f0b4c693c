// The webhook channel end to end: dispatchAlert → real fetch → a receiver on 127.0.0.1, outcomes
// recorded on the alert in a real dynalite.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { getAlert } from '@/lib/store';
import { startTestStore, type TestStore } from '@/lib/store/test-support';

import { dispatchAlert } from './dispatch';
import { sampleAlert, startWebhookReceiver, testConfig, testDeps, type LocalServer } from './test-support';

let t: TestStore;
let hook: LocalServer;
/** The secret part a real Slack URL has; it must never show up in errors or logs. */
const SECRET_PATH = '/services/T000/B000/s3cr3tT0ken9876';
let url: string;

beforeAll(async () => {
  [t, hook] = await Promise.all([startTestStore('alerts_wh_'), startWebhookReceiver()]);
  url = `${hook.url}${SECRET_PATH}`;
});
afterAll(async () => {
  await Promise.all([t.close(), hook.close()]);
});

async function run(replies: Parameters<LocalServer['script']>[0], configPatch = {}) {
  hook.script(replies);
  const before = hook.received.length;
  const config = { ...testConfig({ webhookUrl: url }), ...configPatch };
  const deps = testDeps(t.store, config);
  const alert = sampleAlert();
  const started = Date.now();
  const report = await dispatchAlert(deps, alert);
  const ms = Date.now() - started;
  const stored = await getAlert(t.store, { alertId: alert.alert_id });
  return { deps, alert, report, ms, stored, requests: hook.received.slice(before) };
}

describe('webhook channel', () => {
  test('success: one POST with Slack-compatible JSON, recorded as delivered', async () => {
    const { report, stored, requests, alert } = await run([]);
    expect(report).toEqual({
      alertId: alert.alert_id,
      stored: 'created',
      channels: { webhook: { ok: true, attempts: 1 } },
    });
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    expect(r.path).toBe(SECRET_PATH);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['x-fraud-alert-id']).toBe(alert.alert_id);
    const body = JSON.parse(r.body) as { text: string; blocks: { type: string }[] };
    expect(body.text).toBe(`:rotating_light: ${alert.title}`);
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(stored?.deliveries?.webhook).toMatchObject({ ok: true, attempts: 1 });
    expect(stored?.deliveries?.webhook?.error).toBeUndefined();
  });

  test('500 then success: retried after a backoff, delivered on attempt 2', async () => {
    const { report, stored, requests, deps } = await run([{ status: 500, body: 'oops' }]);
    expect(report.channels.webhook).toEqual({ ok: true, attempts: 2 });
    expect(requests).toHaveLength(2);
    expect(deps.sleeps).toEqual([150]); // base 200 ms, jitter fixed at ½ → 150
    expect(stored?.deliveries?.webhook).toMatchObject({ ok: true, attempts: 2 });
    expect(deps.infos).toEqual([expect.stringContaining('webhook delivered after 2 attempts')]);
  });

  test('400: permanent, not retried, recorded with the receiver error and no secret', async () => {
    const { report, stored, requests, deps } = await run([{ status: 400, body: 'invalid_payload' }]);
    expect(requests).toHaveLength(1);
    expect(deps.sleeps).toEqual([]);
    const error = `HTTP 400: invalid_payload from ${hook.url}/…9876 (not retried)`;
    expect(report.channels.webhook).toEqual({ ok: false, attempts: 1, error });
    expect(stored?.deliveries?.webhook).toMatchObject({ ok: false, attempts: 1, error });
    expect(deps.warnings).toHaveLength(1);
    expect(deps.warnings[0]).toContain('webhook');
    expect(deps.warnings[0]).toContain(error);
    expect(JSON.stringify([stored, deps.warnings])).not.toContain('s3cr3t');
  });

  test('slow receiver: the attempt times out and the retry delivers', async () => {
    const { report, requests, ms } = await run([{ status: 200, body: 'ok', delayMs: 3_000 }], {
      retry: { ...testConfig({}).retry, attemptTimeoutMs: 300 },
    });
    expect(report.channels.webhook).toEqual({ ok: true, attempts: 2 });
    expect(requests).toHaveLength(2);
    expect(ms).toBeLessThan(2_000);
  });

  test('slow receiver every time: recorded as timed out after all attempts', async () => {
    const slow = { status: 200, body: 'ok', delayMs: 3_000 };
    const { report, stored } = await run([slow, slow, slow], {
      retry: { ...testConfig({}).retry, attemptTimeoutMs: 150, maxAttempts: 3 },
    });
    expect(report.channels.webhook).toEqual({
      ok: false,
      attempts: 3,
      error: 'timed out after 150 ms (gave up after 3 attempts)',
    });
    expect(stored?.deliveries?.webhook?.ok).toBe(false);
  });

  test('429 with Retry-After: waits as asked, then delivers', async () => {
    const { report, deps } = await run([
      { status: 429, body: 'rate_limited', headers: { 'retry-after': '3' } },
    ]);
    expect(report.channels.webhook).toEqual({ ok: true, attempts: 2 });
    expect(deps.sleeps).toEqual([3_000]);
  });

  test('503 every time: bounded attempts, failure recorded', async () => {
    const down = { status: 503, body: 'maintenance' };
    const { report, stored, requests, deps } = await run([down, down, down, down, down]);
    expect(requests).toHaveLength(4);
    expect(deps.sleeps).toEqual([150, 300, 600]);
    expect(report.channels.webhook?.error).toBe(
      `HTTP 503: maintenance from ${hook.url}/…9876 (gave up after 4 attempts)`,
    );
    expect(stored?.deliveries?.webhook).toMatchObject({ ok: false, attempts: 4 });
  });

  test('a redirect is not followed (a POST would become a GET): permanent', async () => {
    const { report, requests } = await run([
      { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } },
    ]);
    expect(requests).toHaveLength(1);
    expect(report.channels.webhook).toEqual({
      ok: false,
      attempts: 1,
      error: `HTTP 302 from ${hook.url}/…9876 (a redirect: configure the final URL) (not retried)`,
    });
  });
});
