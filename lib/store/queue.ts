// Read side of the review queue: items by status ordered by score or age with the console's filters,
// a card's or a terminal's flagged items, and counts per status. All paginated by opaque cursors.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';

import type { Channel } from '@/lib/schema/transaction';

import type { Store } from './client';
import { collect, Expr, type Page } from './query';
import { REVIEW_STATUSES, type ReviewStatus, type ReviewSummary } from './schema';
import { itemToSummary } from './stored';
import { REVIEW_INDEX } from './tables';

export interface QueueFilters {
  /** Inclusive bounds on the transaction time. */
  from?: Date | string;
  to?: Date | string;
  minScore?: number;
  minAmount?: number;
  maxAmount?: number;
  channel?: Channel;
  cardCountry?: string;
  merchantCountry?: string;
  mcc?: string;
  /** An analyst id: items they hold a live claim on. `null`: items nobody holds a live claim on. */
  assignee?: string | null;
  /** Items flagged strictly before this instant (a key condition when ordered by age). */
  flaggedBefore?: Date | string;
}

export type QueueOrder = 'score' | 'age';

export interface QueueQuery {
  status: ReviewStatus;
  /** `score`: highest first (default). `age`: oldest flagged first. */
  order?: QueueOrder;
  filters?: QueueFilters;
  limit?: number;
  cursor?: string;
  /** Clock for claim liveness (tests). */
  now?: Date;
  /** Stop reading after this many index entries even if the page is not full (default 5000). */
  maxScanned?: number;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

/** Filter clauses for everything the index key does not already cover (to be joined with AND). */
export function queueFilter(e: Expr, f: QueueFilters, order: QueueOrder, now: Date): string[] {
  const parts: string[] = [];
  if (f.from !== undefined) parts.push(`${e.name('tx_time')} >= ${e.value(iso(f.from))}`);
  if (f.to !== undefined) parts.push(`${e.name('tx_time')} <= ${e.value(iso(f.to))}`);
  if (f.minScore !== undefined && order === 'age') parts.push(`${e.name('score')} >= ${e.value(f.minScore)}`);
  if (f.flaggedBefore !== undefined && order === 'score')
    parts.push(`${e.name('flagged_at')} < ${e.value(iso(f.flaggedBefore))}`);
  if (f.minAmount !== undefined) parts.push(`${e.name('tx.amount')} >= ${e.value(f.minAmount)}`);
  if (f.maxAmount !== undefined) parts.push(`${e.name('tx.amount')} <= ${e.value(f.maxAmount)}`);
  if (f.channel !== undefined) parts.push(`${e.name('tx.channel')} = ${e.value(f.channel)}`);
  if (f.cardCountry !== undefined) parts.push(`${e.name('tx.card_country')} = ${e.value(f.cardCountry)}`);
  if (f.merchantCountry !== undefined)
    parts.push(`${e.name('tx.merchant_country')} = ${e.value(f.merchantCountry)}`);
  if (f.mcc !== undefined) parts.push(`${e.name('tx.mcc')} = ${e.value(f.mcc)}`);
  if (f.assignee === null) parts.push(`(${unclaimed(e, now)})`);
  else if (f.assignee !== undefined) {
    parts.push(
      `${e.name('assignee')} = ${e.value(f.assignee)} AND ${e.name('claim_expires_at')} > ${e.value(now.toISOString())}`,
    );
  }
  return parts;
}

/** Nobody holds a live claim: never claimed, released, or the claim ran out. */
export function unclaimed(e: Expr, now: Date): string {
  const exp = e.name('claim_expires_at');
  return `attribute_not_exists(${exp}) OR ${exp} <= ${e.value(now.toISOString())}`;
}

/** The query behind a queue page (also used by claimNext). */
export function queueQueryInput(
  store: Store,
  q: QueueQuery,
  extraFilter?: (e: Expr) => string,
): QueryCommandInput {
  const order = q.order ?? 'score';
  const e = new Expr();
  let key = `${e.name('status')} = ${e.value(q.status)}`;
  // By score the minimum is a key condition: the index stops reading where scores drop below it.
  if (order === 'score' && q.filters?.minScore !== undefined)
    key += ` AND ${e.name('score')} >= ${e.value(q.filters.minScore)}`;
  // By age the cutoff is a key condition: the oldest-first read ends at the cutoff.
  if (order === 'age' && q.filters?.flaggedBefore !== undefined)
    key += ` AND ${e.name('flagged_at')} < ${e.value(iso(q.filters.flaggedBefore))}`;
  // DynamoDB refuses redundant parentheses, so only OR clauses are wrapped.
  const extra = extraFilter?.(e);
  const filters = [
    ...queueFilter(e, q.filters ?? {}, order, q.now ?? new Date()),
    ...(extra ? [`(${extra})`] : []),
  ];
  return {
    TableName: store.tables.reviews,
    IndexName: order === 'score' ? REVIEW_INDEX.statusScore : REVIEW_INDEX.statusAge,
    KeyConditionExpression: key,
    ScanIndexForward: order === 'age',
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ...e.params(),
  };
}

export async function listQueue(store: Store, q: QueueQuery): Promise<Page<ReviewSummary>> {
  const order = q.order ?? 'score';
  const page = await collect(store, queueQueryInput(store, q), {
    list: `queue:${q.status}:${order}`,
    limit: Math.min(Math.max(q.limit ?? 50, 1), 500),
    ...(q.cursor ? { cursor: q.cursor } : {}),
    keyAttributes: ['transaction_id', 'status', order === 'score' ? 'score' : 'flagged_at'],
    ...(q.maxScanned ? { maxScanned: q.maxScanned } : {}),
  });
  return { ...page, items: page.items.map(itemToSummary) };
}

/** A card's flagged items, newest transaction first (all statuses). */
export function listCardReviews(
  store: Store,
  params: { cardId: string; limit?: number; cursor?: string },
): Promise<Page<ReviewSummary>> {
  return listBy(store, REVIEW_INDEX.cardTime, 'card_id', params.cardId, params);
}

/** A terminal's flagged items, newest transaction first (all statuses). */
export function listTerminalReviews(
  store: Store,
  params: { terminalId: string; limit?: number; cursor?: string },
): Promise<Page<ReviewSummary>> {
  return listBy(store, REVIEW_INDEX.terminalTime, 'terminal_id', params.terminalId, params);
}

async function listBy(
  store: Store,
  index: string,
  attr: string,
  value: string,
  params: { limit?: number; cursor?: string },
): Promise<Page<ReviewSummary>> {
  const e = new Expr();
  const page = await collect(
    store,
    {
      TableName: store.tables.reviews,
      IndexName: index,
      KeyConditionExpression: `${e.name(attr)} = ${e.value(value)}`,
      ScanIndexForward: false,
      ...e.params(),
    },
    {
      list: `${attr}:${value}`,
      limit: Math.min(Math.max(params.limit ?? 50, 1), 500),
      ...(params.cursor ? { cursor: params.cursor } : {}),
      keyAttributes: ['transaction_id', attr, 'tx_time'],
    },
  );
  return { ...page, items: page.items.map(itemToSummary) };
}

/** Items per status, counted on the score index (COUNT reads keys, returns no items). */
export async function countReviewsByStatus(store: Store): Promise<Record<ReviewStatus, number>> {
  const counts = await Promise.all(
    REVIEW_STATUSES.map(async (status) => {
      const e = new Expr();
      const total = await countQuery(store, {
        TableName: store.tables.reviews,
        IndexName: REVIEW_INDEX.statusScore,
        KeyConditionExpression: `${e.name('status')} = ${e.value(status)}`,
        ...e.params(),
      });
      return [status, total] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<ReviewStatus, number>;
}

/** Items of a status flagged strictly before an instant: a COUNT over a key range of the age index. */
export function countFlaggedBefore(
  store: Store,
  params: { status: ReviewStatus; before: Date | string },
): Promise<number> {
  const e = new Expr();
  return countQuery(store, {
    TableName: store.tables.reviews,
    IndexName: REVIEW_INDEX.statusAge,
    KeyConditionExpression: `${e.name('status')} = ${e.value(params.status)} AND ${e.name('flagged_at')} < ${e.value(iso(params.before))}`,
    ...e.params(),
  });
}

async function countQuery(store: Store, input: QueryCommandInput): Promise<number> {
  let total = 0;
  let start: QueryCommandInput['ExclusiveStartKey'];
  // A COUNT page covers up to 1 MB of index; 10,000 pages is far beyond any real queue.
  for (let page = 0; page < 10_000; page++) {
    const out = await store.client.send(
      new QueryCommand({ ...input, Select: 'COUNT', ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    total += out.Count ?? 0;
    start = out.LastEvaluatedKey;
    if (!start) break;
  }
  return total;
}
