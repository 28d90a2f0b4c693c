// Writing a flagged transaction into the review store (version 1, idempotent by transaction id) and
// reading one item back in full.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

import type { FeatureSetName } from '@/lib/features/definitions';
import type { Transaction } from '@/lib/schema/transaction';

import { appendAuditEvent, versionEventId } from './audit';
import type { Store } from './client';
import type { ContextSnapshot } from './context-codec';
import { addToStatusCounts } from './counts';
import { addToDayCounts, dayContribution, itemDay } from './day-counts';
import { isConditionFailed } from './errors';
import { itemSize, toItem } from './marshal';
import type { Attributions, AuditEvent, ReviewItem } from './schema';
import { itemToReview, reviewToItem } from './stored';

/** Well under DynamoDB's 400 KB so later updates (decision, note) always fit. */
export const MAX_REVIEW_ITEM_BYTES = 300 * 1024;

export interface NewReview {
  transaction: Transaction;
  score: number;
  model_version: string;
  threshold: number;
  feature_set: FeatureSetName;
  features: number[];
  attributions: Attributions;
  context: ContextSnapshot;
  /** When the item entered the queue; the pipeline may pass the transaction time for replayed data. */
  flaggedAt?: Date;
  /** Who flagged it (default `pipeline`). */
  actor?: string;
}

export class ReviewTooLargeError extends Error {
  override readonly name = 'ReviewTooLargeError';
  constructor(
    readonly transactionId: string,
    readonly bytes: number,
  ) {
    super(
      `review item ${transactionId} would take ${bytes} bytes (max ${MAX_REVIEW_ITEM_BYTES}); trim the context snapshot`,
    );
  }
}

/** Builds version 1 of an item: open, unassigned, with its `flagged` event. Pure. */
export function newReviewItem(input: NewReview): ReviewItem {
  const tx = input.transaction;
  const at = (input.flaggedAt ?? new Date()).toISOString();
  const actor = input.actor ?? 'pipeline';
  const event: AuditEvent = {
    event_id: versionEventId(tx.transaction_id, 1),
    action: 'flagged',
    at,
    actor,
    item_id: tx.transaction_id,
    item_version: 1,
    details: { score: input.score, threshold: input.threshold, model_version: input.model_version },
  };
  return {
    transaction_id: tx.transaction_id,
    status: 'open',
    score: input.score,
    model_version: input.model_version,
    threshold: input.threshold,
    tx,
    tx_time: new Date(tx.timestamp).toISOString(),
    card_id: tx.card_id,
    terminal_id: tx.terminal_id,
    flagged_at: at,
    version: 1,
    updated_at: at,
    updated_by: actor,
    last_action: 'flagged',
    feature_set: input.feature_set,
    features: input.features,
    attributions: input.attributions,
    context: input.context,
    last_event: event,
  };
}

/**
 * Puts a newly flagged item unless one exists for the transaction (re-ingesting a file changes
 * nothing). Either way the item's latest event is (re)appended, which heals the trail if an earlier
 * run died between the item write and the event write.
 */
export async function putReviewItem(store: Store, input: NewReview): Promise<{ created: boolean }> {
  const item = newReviewItem(input);
  const stored = reviewToItem(item);
  const bytes = itemSize(stored);
  if (bytes > MAX_REVIEW_ITEM_BYTES) throw new ReviewTooLargeError(item.transaction_id, bytes);
  try {
    await store.client.send(
      new PutItemCommand({
        TableName: store.tables.reviews,
        Item: stored,
        ConditionExpression: 'attribute_not_exists(transaction_id)',
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const existing = await getReviewItem(store, { transactionId: item.transaction_id });
    if (existing) await appendAuditEvent(store, existing.last_event);
    return { created: false };
  }
  await Promise.all([
    appendAuditEvent(store, item.last_event),
    addToStatusCounts(store, { open: 1 }),
    addToDayCounts(store, itemDay(item), dayContribution(item)),
  ]);
  return { created: true };
}

export async function getReviewItem(
  store: Store,
  params: { transactionId: string; consistent?: boolean },
): Promise<ReviewItem | null> {
  const out = await store.client.send(
    new GetItemCommand({
      TableName: store.tables.reviews,
      Key: toItem({ transaction_id: params.transactionId }),
      ConsistentRead: params.consistent ?? true,
    }),
  );
  return out.Item ? itemToReview(out.Item) : null;
}
