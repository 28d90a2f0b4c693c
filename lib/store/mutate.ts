// The one way a review item changes after it is flagged: a single-item UpdateItem conditional on the
// version the writer saw, which bumps the version by one and stores the change's audit event on the
// item; then the event is appended under the id (item, new version). See docs/STORE.md for why this
// order leaves no gap in the trail without transactions.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';

import { appendAuditEvent, getAuditEvent, versionEventId } from './audit';
import type { Store } from './client';
import { addToStatusCounts } from './counts';
import { addToDayCounts, dayChange, itemDay } from './day-counts';
import { isConditionFailed } from './errors';
import { toItem, type Plain } from './marshal';
import { Expr } from './query';
import { getReviewItem } from './reviews';
import { reviewItemSchema, type AuditEvent, type ReviewItem } from './schema';
import { itemToReview } from './stored';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The action-specific part of an event; the change fills in ids, time, actor and version. */
export type EventBody = DistributiveOmit<
  AuditEvent,
  'event_id' | 'at' | 'actor' | 'item_id' | 'item_version' | 'request_id'
>;

export interface VersionedChange {
  transactionId: string;
  /** The version the writer saw; the write succeeds only if it is still current. */
  version: number;
  actor: string;
  now: Date;
  /** Idempotency token: a retry with the same token after a lost response is recognised as done. */
  requestId?: string;
  event: EventBody;
  set: Record<string, Plain>;
  remove?: readonly string[];
  /** A further condition on the current item, e.g. "not claimed by someone else". */
  condition?: (e: Expr) => string;
}

export type ChangeResult =
  | {
      ok: true;
      item: ReviewItem;
      /** The change had already been applied by an earlier attempt. */ replayed: boolean;
    }
  | { ok: false; current: ReviewItem | null };

export async function applyChange(store: Store, change: VersionedChange): Promise<ChangeResult> {
  const at = change.now.toISOString();
  const next = change.version + 1;
  const event = {
    ...change.event,
    event_id: versionEventId(change.transactionId, next),
    at,
    actor: change.actor,
    item_id: change.transactionId,
    item_version: next,
    ...(change.requestId ? { request_id: change.requestId } : {}),
  } as AuditEvent;

  const fields: Record<string, Plain> = {
    ...change.set,
    version: next,
    updated_at: at,
    updated_by: change.actor,
    last_action: event.action,
    last_event: event as unknown as Plain,
    ...(change.requestId ? { last_request_id: change.requestId } : {}),
  };
  const remove = [...(change.remove ?? []), ...(change.requestId ? [] : ['last_request_id'])];
  const e = new Expr();
  const sets = Object.entries(fields).map(([k, v]) => `${e.name(k)} = ${e.value(v)}`);
  const removes = remove.map((k) => e.name(k));
  const condition = [
    `${e.name('version')} = ${e.value(change.version)}`,
    ...(change.condition ? [`(${change.condition(e)})`] : []),
  ].join(' AND ');

  let old: ReviewItem;
  try {
    const out = await store.client.send(
      new UpdateItemCommand({
        TableName: store.tables.reviews,
        Key: toItem({ transaction_id: change.transactionId }),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: condition,
        ReturnValues: 'ALL_OLD',
        ...e.params(),
      }),
    );
    if (!out.Attributes) throw new Error(`update of ${change.transactionId} returned no previous item`);
    old = itemToReview(out.Attributes);
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    return settleConflict(store, change);
  }

  const updated: Record<string, unknown> = { ...old, ...fields };
  for (const k of remove) delete updated[k];
  const item = reviewItemSchema.parse(updated);
  // The previous change's event too: if its writer died before appending it, this heals the gap.
  // The counters move only here, after the item write won, so a lost race never counts; a change
  // that moves neither the status nor the decision time (a claim, a release) moves no counter.
  await Promise.all([
    appendAuditEvent(store, old.last_event),
    appendAuditEvent(store, event),
    item.status !== old.status ? addToStatusCounts(store, { [old.status]: -1, [item.status]: 1 }) : null,
    addToDayCounts(store, itemDay(item), dayChange(old, item)),
  ]);
  return { ok: true, item, replayed: false };
}

/** After a failed condition: was it our own earlier attempt (same request id), or someone else? */
async function settleConflict(store: Store, change: VersionedChange): Promise<ChangeResult> {
  const current = await getReviewItem(store, { transactionId: change.transactionId });
  if (!current || !change.requestId) return { ok: false, current };
  const next = change.version + 1;
  if (current.version === next && current.last_request_id === change.requestId) {
    await appendAuditEvent(store, current.last_event);
    return { ok: true, item: current, replayed: true };
  }
  if (current.version > next) {
    // Superseded since; every event below the current version is in the trail, so look there.
    const ours = await getAuditEvent(store, { eventId: versionEventId(change.transactionId, next) });
    if (ours?.request_id === change.requestId) return { ok: true, item: current, replayed: true };
  }
  return { ok: false, current };
}
