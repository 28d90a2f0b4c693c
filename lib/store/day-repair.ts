// Rebuilds the per-day review counters from the review items, so a lost ADD (a writer that died
// between its item write and its counter ADD, a throttled or replayed ADD) is temporary. One paced,
// strongly consistent Scan of the reviews table (four small attributes per item) summed per day in
// memory (one small record per day, not per item), then each day whose counter differs is replaced by
// a write conditional on its `seq`: a day that any writer touched while the scan ran stands down, as
// recountReviews does, and is left to the next run. Bounded (an item budget; pages with pauses) and
// stoppable between pages; startCountRepair runs it in the background. See docs/STORE.md ("Counts").
import {
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';

import type { Store } from './client';
import {
  addDelta,
  DAY_COUNTER_PREFIX,
  DAY_COUNTERS_META_ID,
  dayContribution,
  dayCounterId,
  itemDay,
  storedDelta,
  type DayDelta,
  type DayFields,
} from './day-counts';
import { isConditionFailed } from './errors';
import { fromItem, toItem, type Item } from './marshal';
import { Expr } from './query';

export interface DayRebuildOptions {
  /** Items per Scan page (default 500). */
  pageSize?: number;
  /** Pause between pages (default 20 ms): the embedded store shares the console's process. */
  pauseMs?: number;
  /** Give up, changing nothing, past this many items (default 2,000,000). */
  maxItems?: number;
  /** Wait after the scan for ADDs of writes the scan saw (default 1000 ms, as recountReviews). */
  settleMs?: number;
  /** Checked between pages: true abandons the rebuild, changing nothing. */
  shouldStop?: () => boolean;
  now?: () => Date;
}

export interface DayRebuildResult {
  /** Review items read. */
  items: number;
  /** Days counted or holding a counter. */
  days: number;
  /** Days whose counter differed and was replaced. */
  repaired: number;
  /** Days written to while the scan ran: left alone, for the next run. */
  stoodDown: number;
  /** Σ |counted − counter| over the repaired days' fields: what the repair corrected. */
  drift: number;
  /** Every day's counter checked, by this run or an earlier one (then `rebuilt_at` is recorded). */
  complete: boolean;
  /** Stopped (item budget or shouldStop) before the end: nothing was changed. */
  abandoned: boolean;
  ms: number;
}

interface CounterSnapshot {
  seq: number;
  delta: DayDelta;
  /** A rebuild has checked this counter before (it has `rebuilt_at`). */
  verified: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pages through a Scan; `onPage` gets each page's items. Returns false when `stop()` said so. */
async function scanPages(
  store: Store,
  input: ScanCommandInput,
  onPage: (items: Item[]) => void,
  options: { pauseMs?: number; stop?: () => boolean } = {},
): Promise<boolean> {
  let start: Item | undefined;
  do {
    if (options.stop?.()) return false;
    const out = await store.client.send(
      new ScanCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    onPage(out.Items ?? []);
    start = out.LastEvaluatedKey;
    if (start && options.pauseMs) await sleep(options.pauseMs);
  } while (start);
  return true;
}

/** Every day counter with its seq (one item per day: small). */
async function snapshotDayCounters(store: Store): Promise<Map<string, CounterSnapshot>> {
  const out = new Map<string, CounterSnapshot>();
  const e = new Expr();
  await scanPages(
    store,
    {
      TableName: store.tables.counters,
      ConsistentRead: true,
      FilterExpression: `begins_with(${e.name('counter_id')}, ${e.value(DAY_COUNTER_PREFIX)})`,
      ...e.params(),
    },
    (items) => {
      for (const raw of items) {
        const plain = fromItem(raw);
        const day = String(plain.counter_id).slice(DAY_COUNTER_PREFIX.length);
        out.set(day, {
          seq: typeof plain.seq === 'number' ? plain.seq : 0,
          delta: storedDelta(plain),
          verified: typeof plain.rebuilt_at === 'string',
        });
      }
    },
  );
  return out;
}

/** Σ |a − b| over every field of either: 0 when the two counters agree. */
const distance = (a: DayDelta, b: DayDelta): number => {
  let d = 0;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) d += Math.abs((a[k] ?? 0) - (b[k] ?? 0));
  return d;
};

/** Replaces a day counter with `counted`, only if its seq is still `seen` (absent: it must not exist). */
async function replaceDay(
  store: Store,
  day: string,
  counted: DayDelta,
  seen: CounterSnapshot | undefined,
  at: string,
): Promise<boolean> {
  const e = new Expr();
  const nonZero = Object.fromEntries(Object.entries(counted).filter(([, v]) => v !== 0));
  try {
    await store.client.send(
      new PutItemCommand({
        TableName: store.tables.counters,
        Item: toItem({
          ...nonZero,
          counter_id: dayCounterId(day),
          day,
          // A new seq, so an ADD or a second rebuild that read the old one cannot apply over this one.
          seq: (seen?.seq ?? 0) + 1,
          rebuilt_at: at,
          updated_at: new Date().toISOString(),
        }),
        ConditionExpression: seen
          ? `${e.name('seq')} = ${e.value(seen.seq)}`
          : `attribute_not_exists(${e.name('counter_id')})`,
        ...e.params(),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** Marks a counter that matched the count as checked, if its seq is still `seen` (counts unchanged). */
async function stampDay(store: Store, day: string, seen: CounterSnapshot, at: string): Promise<boolean> {
  const e = new Expr();
  try {
    await store.client.send(
      new UpdateItemCommand({
        TableName: store.tables.counters,
        Key: toItem({ counter_id: dayCounterId(day) }),
        UpdateExpression: `SET ${e.name('rebuilt_at')} = ${e.value(at)}`,
        ConditionExpression: `${e.name('seq')} = ${e.value(seen.seq)}`,
        ...e.params(),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Counts every review item per transaction day and repairs the day counters that differ. A day whose
 * counter moved during the scan is left alone (the scan and the counter may disagree about that write).
 * Every counter found right or repaired is marked checked (`rebuilt_at` on the day); once every day's
 * counter has been checked, by this run or an earlier one, `complete` is true and `rebuilt_at` is
 * recorded on `review_days`, which readers take as "the counters cover items written before counters
 * existed". A day that stands down but was checked before keeps being maintained by the writers' ADDs.
 */
export async function rebuildDayCounts(
  store: Store,
  options: DayRebuildOptions = {},
): Promise<DayRebuildResult> {
  const started = performance.now();
  const maxItems = options.maxItems ?? 2_000_000;
  const now = options.now ?? (() => new Date());
  const before = await snapshotDayCounters(store);

  const counted = new Map<string, DayDelta>();
  let items = 0;
  const e = new Expr();
  const finished = await scanPages(
    store,
    {
      TableName: store.tables.reviews,
      // Strongly consistent: every item written before the scan reaches it is seen (no index lag).
      ConsistentRead: true,
      Limit: options.pageSize ?? 500,
      ProjectionExpression: ['tx_time', 'status', 'flagged_at', 'decided_at']
        .map((a) => e.name(a))
        .join(', '),
      ...e.params(),
    },
    (page) => {
      for (const raw of page) {
        const item = fromItem(raw) as unknown as DayFields;
        const day = itemDay(item);
        counted.set(day, addDelta(counted.get(day) ?? {}, dayContribution(item)));
      }
      items += page.length;
    },
    { pauseMs: options.pauseMs ?? 20, stop: () => items > maxItems || (options.shouldStop?.() ?? false) },
  );
  const days = new Set([...before.keys(), ...counted.keys()]).size;
  const result = { items, days, repaired: 0, stoodDown: 0, drift: 0 };
  if (!finished) return { ...result, complete: false, abandoned: true, ms: performance.now() - started };

  const settleMs = options.settleMs ?? 1_000;
  if (settleMs > 0) await sleep(settleMs);
  const after = await snapshotDayCounters(store);
  const at = now().toISOString();
  let unchecked = 0;
  for (const day of new Set([...before.keys(), ...counted.keys()])) {
    const seen = before.get(day);
    const current = after.get(day);
    const want = counted.get(day) ?? {};
    // Written to since the snapshot: the scan may or may not have seen that write.
    let checked: boolean;
    if (seen?.seq !== current?.seq) checked = false;
    else if (seen && distance(want, seen.delta) === 0)
      checked = seen.verified || (await stampDay(store, day, seen, at));
    else {
      checked = await replaceDay(store, day, want, seen, at);
      if (checked) {
        result.repaired++;
        result.drift += distance(want, seen?.delta ?? {});
      }
    }
    if (!checked) result.stoodDown++;
    if (!checked && !seen?.verified) unchecked++;
  }
  const complete = unchecked === 0;
  await recordRun(store, at, complete, result.items);
  return { ...result, complete, abandoned: false, ms: performance.now() - started };
}

/** When the last rebuild that checked every day counter ran (`rebuilt_at`), as epoch ms; null if none. */
export async function lastDayRebuildAt(store: Store): Promise<number | null> {
  const out = await store.client.send(
    new GetItemCommand({
      TableName: store.tables.counters,
      Key: toItem({ counter_id: DAY_COUNTERS_META_ID }),
    }),
  );
  const at = out.Item ? fromItem(out.Item).rebuilt_at : undefined;
  return typeof at === 'string' && Number.isFinite(Date.parse(at)) ? Date.parse(at) : null;
}

/** Notes the run on the meta item; `rebuilt_at` only when every day's counter has been checked. */
async function recordRun(store: Store, at: string, complete: boolean, items: number): Promise<void> {
  const e = new Expr();
  const sets = [
    `${e.name('last_run_at')} = ${e.value(at)}`,
    `${e.name('last_run_items')} = ${e.value(items)}`,
    `${e.name('last_run_complete')} = ${e.value(complete)}`,
    ...(complete ? [`${e.name('rebuilt_at')} = ${e.value(at)}`] : []),
  ];
  await store.client.send(
    new UpdateItemCommand({
      TableName: store.tables.counters,
      Key: toItem({ counter_id: DAY_COUNTERS_META_ID }),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ...e.params(),
    }),
  );
}
