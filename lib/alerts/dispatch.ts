// Raising an alert: store it in the feed, then deliver it to every configured channel in parallel,
// each with its own retries, and record each channel's outcome on the stored alert. Nothing here
// throws to the caller: ingestion must go on whether Slack is down, SNS refuses or the store hiccups.
//
// Idempotency: the feed keeps one alert per id (putAlert is conditional). Delivery is at-least-once
// per channel: a channel whose recorded delivery succeeded is never sent again, one that failed or
// was never recorded (the process died mid-delivery) is sent when the same alert is dispatched again
// or swept by `redeliverAlerts`.
import type { SNSClient } from '@aws-sdk/client-sns';

import {
  alertSchema,
  getAlert,
  listAlerts,
  putAlert,
  recordAlertDelivery,
  type Alert,
  type Store,
} from '@/lib/store';

import type { Channel, ChannelName } from './channel';
import type { AlertConfig } from './config';
import { clipError, withRetries, type AttemptOutcome } from './retry';
import { createSnsClient, snsChannel } from './sns';
import { webhookChannel, type FetchLike } from './webhook';

export interface AlertLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface AlertDeps {
  store: Store;
  config: AlertConfig;
  /** Used when `config.webhook` is set. */
  fetch: FetchLike;
  /** Used when `config.sns` is set. */
  sns?: SNSClient;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** Jitter source, uniform in [0, 1). */
  random: () => number;
  log: AlertLog;
}

/** Production wiring: global fetch, an SNS client from the config, real time, console logging. */
export function createAlertDeps(
  store: Store,
  config: AlertConfig,
  overrides: Partial<AlertDeps> = {},
): AlertDeps {
  return {
    store,
    config,
    fetch: (input, init) => fetch(input, init),
    ...(config.sns ? { sns: createSnsClient(config.sns) } : {}),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    log: { info: (m) => console.info(m), warn: (m) => console.warn(m) },
    ...overrides,
  };
}

export interface ChannelReport {
  ok: boolean;
  attempts: number;
  error?: string;
  /** True when an earlier dispatch already delivered it: nothing was sent this time. */
  skipped?: boolean;
}

export interface DispatchReport {
  alertId: string;
  /** created: new in the feed; existing: already there; failed: the store write failed; invalid: not sent anywhere. */
  stored: 'created' | 'existing' | 'failed' | 'invalid';
  channels: Partial<Record<ChannelName, ChannelReport>>;
  error?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The configured channels; a configured channel without its client fails every attempt, loudly. */
function channelsOf(deps: AlertDeps): Channel[] {
  const out: Channel[] = [];
  if (deps.config.webhook)
    out.push(webhookChannel({ fetch: deps.fetch, now: deps.now }, deps.config.webhook));
  if (deps.config.sns) {
    if (deps.sns) out.push(snsChannel({ sns: deps.sns }, deps.config.sns));
    else
      out.push({
        name: 'sns',
        target: deps.config.sns.topicArn,
        attempt: async (): Promise<AttemptOutcome> => ({
          ok: false,
          retryable: false,
          error: 'SNS is configured but no SNS client was passed to the alert dispatcher',
        }),
      });
  }
  return out;
}

async function deliverOne(
  deps: AlertDeps,
  alert: Alert,
  channel: Channel,
  record: boolean,
): Promise<ChannelReport> {
  const result = await withRetries(deps, deps.config.retry, (signal) => channel.attempt(alert, signal));
  const report: ChannelReport = {
    ok: result.ok,
    attempts: result.attempts,
    ...(result.error ? { error: result.error } : {}),
  };
  if (result.ok) {
    if (result.attempts > 1)
      deps.log.info(`alert ${alert.alert_id}: ${channel.name} delivered after ${result.attempts} attempts`);
  } else {
    deps.log.warn(
      `alert ${alert.alert_id}: ${channel.name} ${channel.target} failed after ${result.attempts} attempt(s): ${result.error}`,
    );
  }
  if (record) {
    try {
      await recordAlertDelivery(deps.store, {
        alertId: alert.alert_id,
        channel: channel.name,
        delivery: {
          ok: result.ok,
          attempts: result.attempts,
          at: deps.now().toISOString(),
          ...(result.error ? { error: result.error } : {}),
        },
      });
    } catch (error) {
      deps.log.warn(
        `alert ${alert.alert_id}: could not record the ${channel.name} delivery: ${message(error)}`,
      );
    }
  }
  return report;
}

/** Delivers to the channels not yet recorded as delivered on `stored` (all of them when null). */
async function deliverPending(
  deps: AlertDeps,
  alert: Alert,
  stored: Alert | null,
  record: boolean,
): Promise<DispatchReport['channels']> {
  const channels = channelsOf(deps);
  const reports = await Promise.all(
    channels.map(async (channel): Promise<[ChannelName, ChannelReport]> => {
      const previous = stored?.deliveries?.[channel.name];
      if (previous?.ok) return [channel.name, { ok: true, attempts: 0, skipped: true }];
      return [channel.name, await deliverOne(deps, alert, channel, record)];
    }),
  );
  return Object.fromEntries(reports);
}

/**
 * Stores `alert` in the feed and fans it out. Resolves when every channel has succeeded or given up;
 * never rejects. If the store is unreachable the alert is still sent (a notification beats none; the
 * feed entry appears when the rule fires again).
 */
export async function dispatchAlert(deps: AlertDeps, alert: Alert): Promise<DispatchReport> {
  try {
    const parsed = alertSchema.safeParse(alert);
    if (!parsed.success) {
      const error = `invalid alert: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
      deps.log.warn(`alert ${String(alert.alert_id)}: ${error}`);
      return { alertId: String(alert.alert_id), stored: 'invalid', channels: {}, error: clipError(error) };
    }
    const valid = parsed.data;
    // Stays `failed` if the put fails; a failed re-read after `existing` keeps `existing`.
    let stored: DispatchReport['stored'] = 'failed';
    let previous: Alert | null = null;
    let storeError: string | undefined;
    try {
      const { created } = await putAlert(deps.store, valid);
      stored = created ? 'created' : 'existing';
      if (!created) previous = await getAlert(deps.store, { alertId: valid.alert_id });
    } catch (error) {
      storeError = clipError(message(error));
      deps.log.warn(`alert ${valid.alert_id}: the alert feed is unavailable (${storeError}); sending anyway`);
    }
    const channels = await deliverPending(deps, valid, previous, stored !== 'failed');
    return { alertId: valid.alert_id, stored, channels, ...(storeError ? { error: storeError } : {}) };
  } catch (error) {
    // Only a bug gets here (every step above catches its own failures); still never throw to ingestion.
    deps.log.warn(`alert ${String(alert.alert_id)}: dispatch failed: ${message(error)}`);
    return {
      alertId: String(alert.alert_id),
      stored: 'failed',
      channels: {},
      error: clipError(message(error)),
    };
  }
}

/**
 * Re-sends, for the newest `limit` alerts, every configured channel whose last recorded delivery
 * failed or is missing. Alerts younger than `minAgeMs` are left alone: their first dispatch may still
 * be running. For an operator (or a periodic job) after an outage has been fixed.
 */
export async function redeliverAlerts(
  deps: AlertDeps,
  params: { limit?: number; minAgeMs?: number } = {},
): Promise<DispatchReport[]> {
  const limit = params.limit ?? 200;
  const cutoff = new Date(deps.now().getTime() - (params.minAgeMs ?? 60_000)).toISOString();
  const names = channelsOf(deps).map((c) => c.name);
  const reports: DispatchReport[] = [];
  let cursor: string | undefined;
  let seen = 0;
  while (seen < limit && names.length > 0) {
    const page = await listAlerts(deps.store, {
      limit: Math.min(100, limit - seen),
      ...(cursor ? { cursor } : {}),
    });
    for (const alert of page.items) {
      seen++;
      // The feed orders by alert time; a re-raised alert keeps its first time, so age is a fair guard.
      if (alert.at > cutoff) continue;
      if (names.every((name) => alert.deliveries?.[name]?.ok)) continue;
      const channels = await deliverPending(deps, alert, alert, true);
      reports.push({ alertId: alert.alert_id, stored: 'existing', channels });
    }
    if (!page.cursor || page.items.length === 0) break;
    cursor = page.cursor;
  }
  return reports;
}

export interface AlertDispatcher {
  /** Queues the alert and returns at once; the same id queued or in flight is not queued again. */
  submit(alert: Alert): void;
  /** Waits for everything submitted so far; returns the reports gathered since the last drain. */
  drain(): Promise<DispatchReport[]>;
  /** Alerts queued or in flight. */
  readonly pending: number;
}

/**
 * A background sender for the ingestion loop: `submit` never waits on a channel, at most
 * `concurrency` alerts are dispatched at once, and `drain` at the end of a file (or on shutdown)
 * lets them finish. The queue is in memory: alerts are few, and any that a crash loses are raised
 * again by re-ingestion (same ids) or completed by `redeliverAlerts`.
 */
export function createAlertDispatcher(
  deps: AlertDeps,
  options: { concurrency?: number } = {},
): AlertDispatcher {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const queue: Alert[] = [];
  const active = new Set<string>();
  let running = 0;
  let reports: DispatchReport[] = [];
  let idle: (() => void)[] = [];

  const pump = () => {
    while (running < concurrency && queue.length > 0) {
      const alert = queue.shift()!;
      running++;
      void dispatchAlert(deps, alert).then((report) => {
        reports.push(report);
        running--;
        active.delete(alert.alert_id);
        pump();
      });
    }
    if (running === 0 && queue.length === 0) {
      const waiting = idle;
      idle = [];
      for (const resolve of waiting) resolve();
    }
  };

  return {
    submit(alert) {
      if (active.has(alert.alert_id)) return;
      active.add(alert.alert_id);
      queue.push(alert);
      pump();
    },
    async drain() {
      if (running > 0 || queue.length > 0) await new Promise<void>((resolve) => idle.push(resolve));
      const out = reports;
      reports = [];
      return out;
    },
    get pending() {
      return queue.length + running;
    },
  };
}
