// The mapping between domain objects (schema.ts) and stored DynamoDB items: which attributes exist
// only for indexes (tx_time, at_id, feed), how the context is packed, and validation on the way out.
import { decodeContext, encodeContext } from './context-codec';
import { fromItem, toItem, type Item, type Plain } from './marshal';
import {
  alertSchema,
  auditEventSchema,
  reviewItemSchema,
  reviewSummarySchema,
  type Alert,
  type AuditEvent,
  type ReviewItem,
  type ReviewSummary,
} from './schema';

/** Zod objects are plain data; this narrows them to what the marshaller accepts. */
const plain = (value: object): { [key: string]: Plain | undefined } =>
  value as { [key: string]: Plain | undefined };

export function reviewToItem(item: ReviewItem): Item {
  const { context, ...rest } = item;
  return toItem({ ...plain(rest), context_gz: encodeContext(context) });
}

export function itemToReview(item: Item): ReviewItem {
  const { context_gz, ...rest } = fromItem(item);
  if (!(context_gz instanceof Uint8Array))
    throw new Error(`review ${String(rest.transaction_id)} has no context`);
  return reviewItemSchema.parse({ ...rest, context: decodeContext(context_gz) });
}

export function itemToSummary(item: Record<string, unknown>): ReviewSummary {
  return reviewSummarySchema.parse(item);
}

/** Sort key for time-ordered event lists: unique, and in time order as a string. */
export const atId = (at: string, id: string): string => `${at}#${id}`;

export function eventToItem(event: AuditEvent): Item {
  return toItem({ ...plain(event), at_id: atId(event.at, event.event_id) });
}

export function itemToEvent(item: Record<string, unknown>): AuditEvent {
  const { at_id: _atId, ...rest } = item;
  return auditEventSchema.parse(rest);
}

/** The single alert feed partition; see docs/STORE.md on why one partition is enough for alerts. */
export const ALERT_FEED = 'all';

export function alertToItem(alert: Alert): Item {
  return toItem({ ...plain(alert), feed: ALERT_FEED, at_id: atId(alert.at, alert.alert_id) });
}

export function itemToAlert(item: Record<string, unknown>): Alert {
  const { feed: _feed, at_id: _atId, ...rest } = item;
  return alertSchema.parse(rest);
}
