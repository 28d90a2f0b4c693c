// One BatchGetItem (≤ 100 keys) or BatchWriteItem (≤ 25 puts) request against one table, carried to
// completion: whatever DynamoDB hands back unprocessed (throttling, the 16 MB response cap) is retried
// with capped exponential backoff and full jitter, for a bounded number of attempts, then reported as
// a BatchIncompleteError naming how many were left. The SDK's own retries cover whole-request errors.
import { BatchGetItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';

import type { Store } from './client';
import type { Item } from './marshal';

export const BATCH_GET_MAX = 100;
export const BATCH_WRITE_MAX = 25;

export interface BatchRetry {
  /** Requests per batch including the first (default 8). */
  maxAttempts?: number;
  /** First backoff ceiling in ms, doubled per attempt (default 50). */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms (default 2000). */
  maxDelayMs?: number;
}

export class BatchIncompleteError extends Error {
  override readonly name = 'BatchIncompleteError';
  constructor(
    readonly operation: 'get' | 'write',
    readonly table: string,
    readonly remaining: number,
    readonly attempts: number,
  ) {
    super(
      `batch ${operation} on ${table}: ${remaining} request(s) still unprocessed after ${attempts} attempts`,
    );
  }
}

function backoff(attempt: number, retry: BatchRetry): Promise<void> {
  const ceiling = Math.min(retry.maxDelayMs ?? 2_000, (retry.baseDelayMs ?? 50) * 2 ** attempt);
  // Full jitter: writers that were throttled together do not come back together.
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/** Puts up to 25 items into one table; unprocessed puts are retried until done or attempts run out. */
export async function batchPut(
  store: Store,
  table: string,
  items: readonly Item[],
  retry: BatchRetry = {},
): Promise<void> {
  if (items.length > BATCH_WRITE_MAX) throw new RangeError(`batchPut takes at most ${BATCH_WRITE_MAX} items`);
  const maxAttempts = Math.max(1, retry.maxAttempts ?? 8);
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= maxAttempts) throw new BatchIncompleteError('write', table, pending.length, attempt);
    if (attempt > 0) await backoff(attempt - 1, retry);
    const out = await store.client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
    pending = (out.UnprocessedItems?.[table] ?? []).flatMap((r) =>
      r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
    );
  }
}

/**
 * Reads up to 100 keys from one table (strongly consistent), with an optional projection; returns the
 * items found, in no particular order. Unprocessed keys are re-requested with our own projection
 * (dynalite's UnprocessedKeys drops it).
 */
export async function batchGet(
  store: Store,
  table: string,
  keys: readonly Item[],
  options: { attributes?: readonly string[]; retry?: BatchRetry } = {},
): Promise<Item[]> {
  if (keys.length > BATCH_GET_MAX) throw new RangeError(`batchGet takes at most ${BATCH_GET_MAX} keys`);
  const retry = options.retry ?? {};
  const maxAttempts = Math.max(1, retry.maxAttempts ?? 8);
  const names = Object.fromEntries((options.attributes ?? []).map((a, i) => [`#p${i}`, a]));
  const projection =
    options.attributes && options.attributes.length > 0
      ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }
      : {};
  const found: Item[] = [];
  let pending: Item[] = [...keys];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= maxAttempts) throw new BatchIncompleteError('get', table, pending.length, attempt);
    if (attempt > 0) await backoff(attempt - 1, retry);
    const out = await store.client.send(
      new BatchGetItemCommand({
        RequestItems: { [table]: { Keys: pending, ConsistentRead: true, ...projection } },
      }),
    );
    found.push(...(out.Responses?.[table] ?? []));
    pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return found;
}
