// Reads the review items a risk page summarises, through lib/store's list functions: every status's
// items whose transaction falls in a day range (oldest flagged first, page by page), bounded per
// status, and full items (attributions) for a bounded set of ids. The dashboard's figures come from the
// store's per-day counters instead (read-outcomes.ts); the pages that need items (drift sample,
// overturned decisions, analyst precision by threshold) read them here. Its cost grows with the items
// per status, so it reports how many it read, how long it took, and whether it hit its bound.
import {
  getReviewItem,
  itemDay,
  listQueue,
  REVIEW_STATUSES,
  type ReviewItem,
  type ReviewStatus,
  type ReviewSummary,
  type Store,
} from '@/lib/store';

export interface ReviewRange {
  /** First and last UTC day of the transactions (YYYY-MM-DD), inclusive. */
  from: string;
  to: string;
}

export interface ReviewRead {
  items: ReviewSummary[];
  /** Index entries read (filtered-out ones included): the read's cost in DynamoDB terms. */
  scanned: number;
  /** A status had more matching items than `maxPerStatus`: the figures cover only the oldest ones. */
  truncated: boolean;
  ms: number;
}

const PAGE = 500;

/** Items of every status with a transaction in `range`, at most `maxPerStatus` per status. */
export async function readReviewsInRange(
  store: Store,
  params: ReviewRange & { statuses?: readonly ReviewStatus[]; maxPerStatus?: number },
): Promise<ReviewRead> {
  const started = performance.now();
  const max = Math.max(1, params.maxPerStatus ?? 20_000);
  const filters = { from: `${params.from}T00:00:00.000Z`, to: `${params.to}T23:59:59.999Z` };
  const perStatus = await Promise.all(
    (params.statuses ?? REVIEW_STATUSES).map(async (status) => {
      const items: ReviewSummary[] = [];
      let scanned = 0;
      let cursor: string | undefined;
      // Bounded by `max` items and by the page count (each page reads at least one index entry).
      for (let page = 0; page < Math.ceil(max / PAGE) + 50; page++) {
        const out = await listQueue(store, {
          status,
          order: 'age',
          filters,
          limit: Math.min(PAGE, max - items.length),
          maxScanned: 5 * PAGE,
          ...(cursor ? { cursor } : {}),
        });
        items.push(...out.items);
        scanned += out.scanned;
        if (!out.cursor) return { items, scanned, truncated: false };
        if (items.length >= max) return { items, scanned, truncated: true };
        cursor = out.cursor;
      }
      return { items, scanned, truncated: true };
    }),
  );
  return {
    items: perStatus.flatMap((s) => s.items),
    scanned: perStatus.reduce((n, s) => n + s.scanned, 0),
    truncated: perStatus.some((s) => s.truncated),
    ms: performance.now() - started,
  };
}

/** Full items (with attributions) for `ids`, `concurrency` GetItems at a time; missing ids are skipped. */
export async function readReviewItems(
  store: Store,
  ids: readonly string[],
  options: { concurrency?: number } = {},
): Promise<ReviewItem[]> {
  const out: (ReviewItem | null)[] = new Array<ReviewItem | null>(ids.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const i = next++;
      // Eventually consistent: a dashboard does not need the latest write, and it costs half.
      out[i] = await getReviewItem(store, { transactionId: ids[i]!, consistent: false });
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 8, ids.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out.filter((i): i is ReviewItem => i !== null);
}

/**
 * At most `perDay` items of each transaction day, spread evenly over the day's items in id order
 * (deterministic: the same store gives the same sample).
 */
export function samplePerDay<T extends Pick<ReviewSummary, 'tx_time' | 'transaction_id'>>(
  items: readonly T[],
  perDay: number,
): T[] {
  const byDay = new Map<string, T[]>();
  for (const item of items) {
    const day = itemDay(item);
    const list = byDay.get(day);
    if (list) list.push(item);
    else byDay.set(day, [item]);
  }
  const out: T[] = [];
  for (const day of [...byDay.keys()].sort()) {
    const list = byDay.get(day)!.sort((a, b) => (a.transaction_id < b.transaction_id ? -1 : 1));
    const n = Math.min(perDay, list.length);
    for (let k = 0; k < n; k++) out.push(list[Math.floor((k * list.length) / n)]!);
  }
  return out;
}

/**
 * The items whose attributions the drift page reads: up to `perDay` flagged items per transaction
 * day, plus up to `maxOther` further items that `extra` selects (the overturned decisions), newest
 * first. Bounds the GetItems a page view costs.
 */
export function attributionSampleIds(
  items: readonly ReviewSummary[],
  options: { perDay: number; extra?: (item: ReviewSummary) => boolean; maxOther?: number },
): string[] {
  const ids = new Set(samplePerDay(items, options.perDay).map((i) => i.transaction_id));
  if (options.extra) {
    const picked = items
      .filter((i) => !ids.has(i.transaction_id) && options.extra!(i))
      .sort((a, b) => (a.tx_time < b.tx_time ? 1 : -1))
      .slice(0, options.maxOther ?? 200);
    for (const i of picked) ids.add(i.transaction_id);
  }
  return [...ids];
}
