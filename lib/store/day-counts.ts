// Review outcomes per transaction day, kept as counters so the dashboard reads a few items instead of
// every review item of its range: one counter item per UTC day of the transactions (`day#YYYY-MM-DD`
// in the counters table) with flagged, the four statuses, and a histogram of hours from flagged to the
// final decision. Writers ADD an item's contribution after their item write wins; rebuildDayCounts
// (day-repair.ts) repairs what a lost ADD leaves behind. See docs/STORE.md ("Counts").
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';

import { BATCH_GET_MAX, batchGet, type BatchRetry } from './batch-io';
import type { Store } from './client';
import { fromItem, toItem } from './marshal';
import { Expr } from './query';
import { REVIEW_STATUSES, type ReviewStatus, type ReviewSummary } from './schema';

export const DAY_COUNTER_PREFIX = 'day#';
/** The rebuild's own record (`rebuilt_at` once a rebuild covered every day): not a day. */
export const DAY_COUNTERS_META_ID = 'review_days';

export const dayCounterId = (day: string): string => `${DAY_COUNTER_PREFIX}${day}`;

// ---- time-to-decision histogram ------------------------------------------------------------------

/** Lower edge of the first geometric bucket: 1 minute. Bucket 0 is [0, 1 min). */
const TTD_FIRST_H = 1 / 60;
/** Buckets per doubling: each bucket spans a factor 2^(1/4) ≈ 1.19 (≤ 19 % of its lower edge). */
const TTD_PER_DOUBLING = 4;
/** 1 min · 2^(69/4) ≈ 111 days: the last bucket holds everything from there up. */
export const TTD_BUCKETS = 70;

/** The histogram attribute of bucket k. */
export const ttdKey = (k: number): string => `ttd_${k}`;
const TTD_KEY = /^ttd_(\d+)$/;

/** [lower, upper) edges of bucket k in hours; the last bucket's upper edge is Infinity. */
export function ttdBucketBounds(k: number): { lo: number; hi: number } {
  const edge = (i: number) => (i <= 0 ? 0 : TTD_FIRST_H * 2 ** ((i - 1) / TTD_PER_DOUBLING));
  return { lo: edge(k), hi: k >= TTD_BUCKETS - 1 ? Number.POSITIVE_INFINITY : edge(k + 1) };
}

/** The bucket of a duration in hours (negative durations, from skewed clocks, go to bucket 0). */
export function ttdBucket(hours: number): number {
  if (!(hours >= TTD_FIRST_H)) return 0;
  const k = 1 + Math.floor(TTD_PER_DOUBLING * Math.log2(hours / TTD_FIRST_H) + 1e-9);
  return Math.min(TTD_BUCKETS - 1, k);
}

// ---- an item's contribution --------------------------------------------------------------------

/** What one day counter holds: counts by field name (flagged, the statuses, ttd_k). */
export type DayDelta = Record<string, number>;

export interface DayCounts {
  day: string;
  flagged: number;
  counts: Record<ReviewStatus, number>;
  /** Final decisions (fraud | legitimate) per time-to-decision bucket (length TTD_BUCKETS). */
  hoursToDecision: number[];
}

export type DayFields = Pick<ReviewSummary, 'status' | 'tx_time' | 'flagged_at' | 'decided_at'>;

const HOUR_MS = 3_600_000;

/** The UTC day of an item's transaction: the day counter it belongs to. */
export const itemDay = (item: Pick<ReviewSummary, 'tx_time'>): string => item.tx_time.slice(0, 10);

/** What an item adds to its day: flagged, its status, and, once finally decided, its decision time. */
export function dayContribution(item: DayFields): DayDelta {
  const out: DayDelta = { flagged: 1, [item.status]: 1 };
  if ((item.status === 'fraud' || item.status === 'legitimate') && item.decided_at) {
    const hours = (Date.parse(item.decided_at) - Date.parse(item.flagged_at)) / HOUR_MS;
    out[ttdKey(ttdBucket(hours))] = 1;
  }
  return out;
}

/** Adds `delta` into `into` (in place), `sign` times. */
export function addDelta(into: DayDelta, delta: DayDelta, sign = 1): DayDelta {
  for (const [k, v] of Object.entries(delta)) into[k] = (into[k] ?? 0) + sign * v;
  return into;
}

/** The change a write makes to its day counter: after − before, zeros left out (a claim: nothing). */
export function dayChange(before: DayFields, after: DayFields): DayDelta {
  const d = addDelta(addDelta({}, dayContribution(after)), dayContribution(before), -1);
  return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== 0));
}

// ---- writes ------------------------------------------------------------------------------------

/**
 * ADDs `delta` to the day's counter (one atomic UpdateItem; bumps `seq`). Called after the item write
 * won. Never throws, like addToStatusCounts: a lost ADD is drift that rebuildDayCounts repairs.
 */
export async function addToDayCounts(store: Store, day: string, delta: DayDelta): Promise<boolean> {
  const moves = Object.entries(delta).filter(([, d]) => d !== 0);
  if (moves.length === 0) return true;
  const e = new Expr();
  const adds = [...moves.map(([k, d]) => `${e.name(k)} ${e.value(d)}`), `${e.name('seq')} ${e.value(1)}`];
  try {
    await store.client.send(
      new UpdateItemCommand({
        TableName: store.tables.counters,
        Key: toItem({ counter_id: dayCounterId(day) }),
        UpdateExpression: `ADD ${adds.join(', ')} SET ${e.name('day')} = ${e.value(day)}, ${e.name('updated_at')} = ${e.value(new Date().toISOString())}`,
        ...e.params(),
      }),
    );
    return true;
  } catch {
    return false;
  }
}

/** Sums the contributions of new items per day and ADDs each day once (batched ingestion). */
export async function addItemsToDayCounts(store: Store, items: readonly DayFields[]): Promise<void> {
  const byDay = new Map<string, DayDelta>();
  for (const item of items) {
    const day = itemDay(item);
    byDay.set(day, addDelta(byDay.get(day) ?? {}, dayContribution(item)));
  }
  await Promise.all([...byDay].map(([day, delta]) => addToDayCounts(store, day, delta)));
}

// ---- reads -------------------------------------------------------------------------------------

/** The counted fields of a stored day counter (flagged, statuses, ttd_k), as a delta from zero. */
export function storedDelta(raw: Record<string, unknown>): DayDelta {
  const out: DayDelta = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'number' || v === 0) continue;
    if (k === 'flagged' || (REVIEW_STATUSES as readonly string[]).includes(k) || TTD_KEY.test(k)) out[k] = v;
  }
  return out;
}

/** A day's counts from its counter fields; drift below zero is shown as 0 until repaired. */
export function toDayCounts(day: string, delta: DayDelta): DayCounts {
  const n = (k: string) => Math.max(0, delta[k] ?? 0);
  const counts = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, n(s)])) as Record<ReviewStatus, number>;
  return {
    day,
    flagged: n('flagged'),
    counts,
    hoursToDecision: Array.from({ length: TTD_BUCKETS }, (_, k) => n(ttdKey(k))),
  };
}

export interface DayCountsRead {
  /** One entry per day asked for, in the order asked; a day without a counter has zeros. */
  days: DayCounts[];
  /** When a rebuild last covered every day (null: never, so the counters may miss older items). */
  rebuiltAt: string | null;
  /** BatchGetItem requests made (≤ 100 keys each). */
  requests: number;
}

/** The counters of `days` (strongly consistent BatchGets of ≤ 100 keys, unprocessed keys retried). */
export async function readDayCounts(
  store: Store,
  days: readonly string[],
  options: { retry?: BatchRetry } = {},
): Promise<DayCountsRead> {
  const keys = [DAY_COUNTERS_META_ID, ...[...new Set(days)].map(dayCounterId)];
  const groups: string[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX) groups.push(keys.slice(i, i + BATCH_GET_MAX));
  const found = await Promise.all(
    groups.map((g) =>
      batchGet(
        store,
        store.tables.counters,
        g.map((id) => toItem({ counter_id: id })),
        options.retry ? { retry: options.retry } : {},
      ),
    ),
  );
  const byId = new Map(found.flat().map((raw) => [String(raw.counter_id?.S), fromItem(raw)]));
  const meta = byId.get(DAY_COUNTERS_META_ID);
  return {
    days: days.map((day) => toDayCounts(day, storedDelta(byId.get(dayCounterId(day)) ?? {}))),
    rebuiltAt: typeof meta?.rebuilt_at === 'string' ? meta.rebuilt_at : null,
    requests: groups.length,
  };
}
