// Review counts per status for the console, fast: one counter item, moved by an atomic ADD after every
// write that creates an item or changes its status, and reconciled by a recount (COUNT queries on the
// status index) that repairs drift. Without transactions the counter can miss the ADD of a writer that
// died between its item write and its ADD; the recount is what makes that temporary. The per-day
// counters (day-counts.ts) are repaired on the same schedule by rebuildDayCounts (day-repair.ts). See
// docs/STORE.md ("Counts") for why this and not COUNT queries per page render.
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

import type { Store } from './client';
import {
  lastDayRebuildAt,
  rebuildDayCounts,
  type DayRebuildOptions,
  type DayRebuildResult,
} from './day-repair';
import { isConditionFailed } from './errors';
import { fromItem, toItem } from './marshal';
import { Expr } from './query';
import { countReviewsByStatus } from './queue';
import { REVIEW_STATUSES, type ReviewStatus } from './schema';

/** The one counter item (its own table, so scans of `reviews` see only reviews). */
const COUNTER_ID = 'review_status';

export type StatusCounts = Record<ReviewStatus, number>;

interface CounterState {
  counts: StatusCounts;
  /** Bumped by every ADD and every repair: "has anything written since I looked?". */
  seq: number;
  recountedAt: string | null;
  /** Wall-clock time of the last ADD or repair. */
  updatedAt: number;
}

const zeros = (): StatusCounts => ({ open: 0, escalated: 0, fraud: 0, legitimate: 0 });

async function readCounter(store: Store): Promise<CounterState | null> {
  const out = await store.client.send(
    new GetItemCommand({
      TableName: store.tables.counters,
      Key: toItem({ counter_id: COUNTER_ID }),
      ConsistentRead: true,
    }),
  );
  if (!out.Item) return null;
  const raw = fromItem(out.Item);
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const counts = zeros();
  for (const s of REVIEW_STATUSES) counts[s] = num(raw[s]);
  return {
    counts,
    seq: num(raw.seq),
    recountedAt: typeof raw.recounted_at === 'string' ? raw.recounted_at : null,
    updatedAt: typeof raw.updated_at === 'string' ? Date.parse(raw.updated_at) : 0,
  };
}

/**
 * Adds `delta` to the counters (one atomic UpdateItem, so a status move never half-lands). Called by
 * the store's writers after their item write succeeded. Never throws: the item change is already
 * durable and correct, and failing it over a counter would make the caller retry a done change; a
 * lost ADD is drift that the next recount repairs. Returns whether the ADD landed.
 */
export async function addToStatusCounts(store: Store, delta: Partial<StatusCounts>): Promise<boolean> {
  const moves = Object.entries(delta).filter(([, d]) => d !== undefined && d !== 0);
  if (moves.length === 0) return true;
  const e = new Expr();
  const adds = [...moves.map(([s, d]) => `${e.name(s)} ${e.value(d!)}`), `${e.name('seq')} ${e.value(1)}`];
  try {
    await store.client.send(
      new UpdateItemCommand({
        TableName: store.tables.counters,
        Key: toItem({ counter_id: COUNTER_ID }),
        // Wall-clock time: writers may pass simulated clocks (replayed history), the counter may not.
        UpdateExpression: `ADD ${adds.join(', ')} SET ${e.name('updated_at')} = ${e.value(new Date().toISOString())}`,
        ...e.params(),
      }),
    );
    return true;
  } catch {
    return false;
  }
}

export interface ReviewCounts {
  counts: StatusCounts;
  /**
   * `counters`: the maintained counters (exact unless a writer died mid-change since `recountedAt`).
   * `recount`: counted just now with COUNT queries, because the counters were never reconciled.
   */
  source: 'counters' | 'recount';
  /** When a recount last reconciled the counters; null if none has succeeded yet. */
  recountedAt: string | null;
}

/**
 * The queue page's counts: one strongly consistent GetItem. A store whose counters were never
 * reconciled (created before counters existed, or fresh) is recounted once here, which costs a COUNT
 * over every item (seconds at 100k items); `startCountRepair` at start-up avoids paying it in a page.
 */
export async function getReviewCounts(
  store: Store,
  options: Pick<RecountOptions, 'settleMs'> = {},
): Promise<ReviewCounts> {
  const state = await readCounter(store);
  if (state?.recountedAt) {
    const counts = zeros();
    // A counter below zero is drift (an ADD replayed after a lost response); show 0 until repaired.
    for (const s of REVIEW_STATUSES) counts[s] = Math.max(0, state.counts[s]);
    return { counts, source: 'counters', recountedAt: state.recountedAt };
  }
  const result = await recountReviews(store, { maxAttempts: 1, ...options });
  return {
    counts: result.counted,
    source: 'recount',
    recountedAt: result.repaired ? result.at : null,
  };
}

export interface RecountOptions {
  /** Tries before giving up on a store that keeps being written (default 3). */
  maxAttempts?: number;
  /**
   * Quiet time around the count (default 1000 ms). Before: the counter must not have moved for this
   * long, so every write it already counts is in the (on AWS eventually consistent) index. After: an
   * item write the COUNT saw has this long to land its ADD, which the repair then sees and stands down.
   */
  settleMs?: number;
  now?: () => Date;
}

export interface RecountResult {
  /** What the COUNT queries found. */
  counted: StatusCounts;
  /** counted − the counters before the repair: what the repair corrected (0s when nothing drifted). */
  drift: StatusCounts;
  /** False when a write landed during every attempt: the counters were left alone. */
  repaired: boolean;
  attempts: number;
  at: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Counts every status with COUNT queries and sets the counters to the result, but only if the counter
 * was quiet before the count and no ADD landed while counting (its `seq` is unchanged, checked again by
 * the conditional write): the COUNT and the counters then describe the same set of writes. Otherwise
 * it tries again, up to `maxAttempts`; a store under constant ingestion is repaired by a later run.
 */
export async function recountReviews(store: Store, options: RecountOptions = {}): Promise<RecountResult> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const settleMs = options.settleMs ?? 1_000;
  const now = options.now ?? (() => new Date());
  let counted = zeros();
  let drift = zeros();
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const before = await readCounter(store);
    // Written to just now: the index may not show that write yet. Count anyway (the caller may need a
    // figure) but do not repair from it; the settle below makes the next attempt quiet.
    const quiet = !before || Date.now() - before.updatedAt >= settleMs;
    counted = await countReviewsByStatus(store);
    if (settleMs > 0) await sleep(settleMs);
    const after = await readCounter(store);
    drift = zeros();
    for (const s of REVIEW_STATUSES) drift[s] = counted[s] - (before?.counts[s] ?? 0);
    const at = now().toISOString();
    if (quiet && (before?.seq ?? null) === (after?.seq ?? null)) {
      const e = new Expr();
      const sets = [
        ...REVIEW_STATUSES.map((s) => `${e.name(s)} = ${e.value(counted[s])}`),
        `${e.name('recounted_at')} = ${e.value(at)}`,
        `${e.name('updated_at')} = ${e.value(new Date().toISOString())}`,
      ];
      const condition = before
        ? `${e.name('seq')} = ${e.value(before.seq)}`
        : `attribute_not_exists(${e.name('counter_id')})`;
      try {
        await store.client.send(
          new UpdateItemCommand({
            TableName: store.tables.counters,
            Key: toItem({ counter_id: COUNTER_ID }),
            // The repair bumps seq too, so two recounts that read the same state cannot both apply.
            UpdateExpression: `SET ${sets.join(', ')} ADD ${e.name('seq')} ${e.value(1)}`,
            ConditionExpression: condition,
            ...e.params(),
          }),
        );
        return { counted, drift, repaired: true, attempts: attempt, at };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    if (attempt < maxAttempts) await sleep(Math.min(settleMs, 250) * attempt);
  }
  return { counted, drift, repaired: false, attempts: maxAttempts, at: now().toISOString() };
}

export interface CountRepair {
  /** Stops the schedule, abandons a day rebuild in flight at its next page, and waits for it. */
  stop(): Promise<void>;
}

/**
 * Recounts now and then every `intervalMs` (default 10 min) in the background of a long-lived process
 * (the console server, the ingest worker); after the recount, rebuilds the per-day counters
 * (rebuildDayCounts) when the last complete rebuild recorded in the store (by any process: the demo
 * bootstrap, an earlier server) is older than `dayIntervalMs` (default 1 h: it reads every item), so a restart
 * does not rescan a store rebuilt minutes ago. The timer does not keep the process alive; nothing
 * waits for a run.
 */
export function startCountRepair(
  store: Store,
  options: RecountOptions & {
    intervalMs?: number;
    dayIntervalMs?: number;
    /** Options of the per-day rebuild (its settle defaults to `settleMs`). */
    days?: Omit<DayRebuildOptions, 'shouldStop'>;
    onResult?: (result: RecountResult) => void;
    onDays?: (result: DayRebuildResult) => void;
    onError?: (error: unknown) => void;
  } = {},
): CountRepair {
  const intervalMs = options.intervalMs ?? 10 * 60_000;
  const dayIntervalMs = options.dayIntervalMs ?? 60 * 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let daysAt: number | null = null;
  const repair = async (): Promise<void> => {
    try {
      options.onResult?.(await recountReviews(store, options));
    } catch (error) {
      options.onError?.(error);
    }
    try {
      daysAt ??= (await lastDayRebuildAt(store)) ?? Number.NEGATIVE_INFINITY;
      if (stopped || Date.now() - daysAt < dayIntervalMs) return;
      daysAt = Date.now();
      const days = await rebuildDayCounts(store, {
        ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
        ...options.days,
        shouldStop: () => stopped,
      });
      options.onDays?.(days);
    } catch (error) {
      options.onError?.(error);
    }
  };
  const run = (): void => {
    running = repair().finally(() => {
      if (stopped) return;
      timer = setTimeout(run, intervalMs);
      timer.unref();
    });
  };
  run();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
