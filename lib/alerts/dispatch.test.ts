// Fan-out behaviour: channels in parallel and independent, the feed written whatever the channels
// do, idempotent re-dispatch, redelivery after an outage, the background dispatcher, and a store or
// wiring failure that still never throws into the caller.
import { createServer } from 'node:net';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createStore, ensureTables, getAlert, listAlerts, type Alert, type Store } from '@/lib/store';
import { startTestStore, type TestStore } from '@/lib/store/test-support';

import { createAlertDispatcher, dispatchAlert, redeliverAlerts } from './dispatch';
import {
  sampleAlert,
  startSnsServer,
  startWebhookReceiver,
  testConfig,
  testDeps,
  type LocalServer,
} from './test-support';

let t: TestStore;
let hook: LocalServer;
let sns: LocalServer;
/** A 127.0.0.1 port with nothing listening: connections are refused. */
let deadPort: number;

beforeAll(async () => {
  [t, hook, sns] = await Promise.all([
    startTestStore('alerts_dx_'),
    startWebhookReceiver(),
    startSnsServer(),
  ]);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  deadPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await Promise.all([t.close(), hook.close(), sns.close()]);
});

const bothUp = () => testConfig({ webhookUrl: `${hook.url}/hook`, snsEndpoint: sns.url });
const count = (server: LocalServer, alert: Alert) =>
  server.received.filter(
    (r) =>
      r.body.includes(encodeURIComponent(alert.alert_id)) || r.headers['x-fraud-alert-id'] === alert.alert_id,
  ).length;

describe('dispatchAlert', () => {
  test('a refused webhook does not stop the feed or SNS; its failure is recorded', async () => {
    const deps = testDeps(
      t.store,
      testConfig({ webhookUrl: `http://127.0.0.1:${deadPort}/hook`, snsEndpoint: sns.url }),
    );
    const alert = sampleAlert();
    const report = await dispatchAlert(deps, alert);
    expect(report.stored).toBe('created');
    expect(report.channels.sns).toEqual({ ok: true, attempts: 1 });
    expect(report.channels.webhook).toMatchObject({ ok: false, attempts: 4 });
    expect(report.channels.webhook?.error).toMatch(
      /fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(gave up after 4 attempts\)/,
    );
    const stored = await getAlert(t.store, { alertId: alert.alert_id });
    expect(stored?.deliveries).toMatchObject({
      sns: { ok: true, attempts: 1 },
      webhook: { ok: false, attempts: 4 },
    });
    expect(deps.warnings).toHaveLength(1);
  });

  test('channels run in parallel: a hanging webhook does not delay SNS', async () => {
    const slow = { status: 200, body: 'ok', delayMs: 5_000 };
    hook.script([slow, slow]);
    const config = bothUp();
    const deps = testDeps(t.store, {
      ...config,
      retry: { ...config.retry, attemptTimeoutMs: 700, maxAttempts: 2 },
    });
    const alert = sampleAlert();
    const started = Date.now();
    const report = await dispatchAlert(deps, alert);
    const total = Date.now() - started;
    const snsAt =
      sns.received.find((r) => r.body.includes(encodeURIComponent(alert.alert_id)))?.at ?? Infinity;
    expect(report.channels.webhook).toMatchObject({ ok: false, attempts: 2 });
    expect(report.channels.sns).toEqual({ ok: true, attempts: 1 });
    expect(total).toBeGreaterThanOrEqual(1_400);
    // SNS was published before the webhook's first attempt had even timed out.
    expect(snsAt - started).toBeLessThan(700);
  });

  test('same alert twice: one stored alert, nothing re-sent once delivered', async () => {
    const deps = testDeps(t.store, bothUp());
    const alert = sampleAlert();
    const first = await dispatchAlert(deps, alert);
    const second = await dispatchAlert(deps, { ...alert, title: 'raised again' });
    expect(first.channels).toEqual({ webhook: { ok: true, attempts: 1 }, sns: { ok: true, attempts: 1 } });
    expect(second).toEqual({
      alertId: alert.alert_id,
      stored: 'existing',
      channels: {
        webhook: { ok: true, attempts: 0, skipped: true },
        sns: { ok: true, attempts: 0, skipped: true },
      },
    });
    expect([count(hook, alert), count(sns, alert)]).toEqual([1, 1]);
    const feed = await listAlerts(t.store, { limit: 500 });
    expect(feed.items.filter((a) => a.alert_id === alert.alert_id).map((a) => a.title)).toEqual([
      alert.title,
    ]);
  });

  test('re-dispatch completes only the channel that failed before', async () => {
    const deps = testDeps(t.store, bothUp());
    const alert = sampleAlert();
    hook.script([{ status: 404, body: 'no_service' }]);
    const first = await dispatchAlert(deps, alert);
    expect(first.channels.webhook).toMatchObject({ ok: false, attempts: 1 });
    const second = await dispatchAlert(deps, alert);
    expect(second.channels).toEqual({
      webhook: { ok: true, attempts: 1 },
      sns: { ok: true, attempts: 0, skipped: true },
    });
    expect([count(hook, alert), count(sns, alert)]).toEqual([2, 1]);
    expect((await getAlert(t.store, { alertId: alert.alert_id }))?.deliveries?.webhook).toMatchObject({
      ok: true,
      attempts: 1,
    });
  });

  test('store unreachable: still delivered, reported, never thrown', async () => {
    const dead: Store = createStore({
      connection: { kind: 'embedded', endpoint: `http://127.0.0.1:${deadPort}` },
      maxAttempts: 1,
      requestTimeoutMs: 500,
    });
    const deps = testDeps(dead, testConfig({ webhookUrl: `${hook.url}/hook` }));
    const alert = sampleAlert();
    const report = await dispatchAlert(deps, alert);
    dead.client.destroy();
    expect(report.stored).toBe('failed');
    expect(report.error).toBeTruthy();
    expect(report.channels.webhook).toEqual({ ok: true, attempts: 1 });
    expect(deps.warnings[0]).toContain('the alert feed is unavailable');
  });

  test('an invalid alert is refused without a throw and sent nowhere', async () => {
    const deps = testDeps(t.store, bothUp());
    const before = hook.received.length;
    const report = await dispatchAlert(deps, { ...sampleAlert(), at: 'yesterday' });
    expect(report.stored).toBe('invalid');
    expect(report.error).toContain('at:');
    expect(report.channels).toEqual({});
    expect(hook.received.length).toBe(before);
  });

  test('SNS configured without a client: recorded as failed, webhook unaffected', async () => {
    const { sns: _client, ...deps } = testDeps(t.store, bothUp());
    _client?.destroy();
    const report = await dispatchAlert(deps, sampleAlert());
    expect(report.channels.webhook).toEqual({ ok: true, attempts: 1 });
    expect(report.channels.sns).toMatchObject({ ok: false, attempts: 1 });
    expect(report.channels.sns?.error).toContain('no SNS client');
  });
});

describe('redeliverAlerts', () => {
  test('after an outage, sends only what failed or was never recorded, and only old enough alerts', async () => {
    // Own tables in the same dynalite, so other tests' failures are not swept here.
    const store = createStore({
      connection: { kind: 'embedded', endpoint: t.endpoint },
      tablePrefix: 'alerts_rd_',
    });
    await ensureTables(store);
    const outage = testDeps(store, testConfig({ webhookUrl: `http://127.0.0.1:${deadPort}/hook` }));
    const failed = sampleAlert();
    await dispatchAlert(outage, failed);
    const fine = sampleAlert();
    await dispatchAlert(testDeps(store, testConfig({ webhookUrl: `${hook.url}/hook` })), fine);
    const young = sampleAlert({ at: new Date().toISOString() });
    await dispatchAlert(outage, young);

    const fixed = testDeps(store, testConfig({ webhookUrl: `${hook.url}/hook` }));
    const reports = await redeliverAlerts(fixed, { minAgeMs: 60_000 });
    expect(reports).toEqual([
      { alertId: failed.alert_id, stored: 'existing', channels: { webhook: { ok: true, attempts: 1 } } },
    ]);
    expect(count(hook, fine)).toBe(1);
    expect(count(hook, young)).toBe(0);
    expect((await getAlert(store, { alertId: failed.alert_id }))?.deliveries?.webhook?.ok).toBe(true);
    expect(await redeliverAlerts(fixed, { minAgeMs: 60_000 })).toEqual([]);
    store.client.destroy();
  });
});

describe('createAlertDispatcher', () => {
  test('submit returns at once; bounded concurrency; duplicates coalesced; drain waits for all', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const base = testDeps(t.store, testConfig({ webhookUrl: `${hook.url}/hook` }));
    const deps = {
      ...base,
      fetch: async (input: string, init: RequestInit) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        try {
          await new Promise((resolve) => setTimeout(resolve, 50));
          return await fetch(input, init);
        } finally {
          inFlight--;
        }
      },
    };
    const dispatcher = createAlertDispatcher(deps, { concurrency: 3 });
    const alerts = Array.from({ length: 9 }, () => sampleAlert());
    for (const a of alerts) dispatcher.submit(a);
    dispatcher.submit(alerts[0]!); // still queued or in flight: ignored
    // submit is synchronous: nothing has been delivered yet, everything is queued or in flight.
    expect(dispatcher.pending).toBe(9);
    expect(count(hook, alerts[0]!)).toBe(0);
    const reports = await dispatcher.drain();
    expect(dispatcher.pending).toBe(0);
    expect(reports.map((r) => r.alertId).sort()).toEqual(alerts.map((a) => a.alert_id).sort());
    expect(reports.every((r) => r.stored === 'created' && r.channels.webhook?.ok)).toBe(true);
    expect(maxInFlight).toBe(3);
    expect(await dispatcher.drain()).toEqual([]);
  });
});
