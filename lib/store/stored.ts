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
  type Attributions,
  type AuditEvent,
  type ReviewItem,
  type ReviewSummary,
} from './schema';

/** Zod objects are plain data; this narrows them to what the marshaller accepts. */
const plain = (value: object): { [key: string]: Plain | undefined } =>
  value as { [key: string]: Plain | undefined };

export function reviewToItem(item: ReviewItem): Item {
  const { context, features, attributions, ...rest } = item;
  return toItem({
    ...plain(rest),
    context_gz: encodeContext(context),
    explain_f64: encodeExplain(features, attributions),
  });
}

export function itemToReview(item: Item): ReviewItem {
  const { context_gz, explain_f64, ...rest } = fromItem(item);
  if (!(context_gz instanceof Uint8Array))
    throw new Error(`review ${String(rest.transaction_id)} has no context`);
  // Items written before explain_f64 existed carry `features` and `attributions` as attributes.
  const explain = explain_f64 instanceof Uint8Array ? decodeExplain(explain_f64) : {};
  return reviewItemSchema.parse({ ...rest, ...explain, context: decodeContext(context_gz) });
}

/**
 * The feature vector and its attributions as one binary attribute of little-endian float64s:
 * `[features.length, phi.length, bias, ...features, ...phi]`. They are written once and never updated,
 * and as DynamoDB number lists they were most of what a review item cost to write (every number is
 * a decimal string the server parses and validates: about half of an item's write on dynalite). The
 * doubles round-trip exactly.
 */
export function encodeExplain(features: readonly number[], attributions: Attributions): Uint8Array {
  const { bias, phi } = attributions;
  const bytes = new Uint8Array(8 * (3 + features.length + phi.length));
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const v of [features.length, phi.length, bias, ...features, ...phi]) {
    if (!Number.isFinite(v)) throw new TypeError(`cannot store non-finite number ${String(v)}`);
    view.setFloat64(at, v, true);
    at += 8;
  }
  return bytes;
}

export function decodeExplain(bytes: Uint8Array): { features: number[]; attributions: Attributions } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.byteLength / 8;
  const nf = count >= 3 ? view.getFloat64(0, true) : -1;
  const np = count >= 3 ? view.getFloat64(8, true) : -1;
  if (!Number.isInteger(nf) || !Number.isInteger(np) || nf < 0 || np < 0 || count !== 3 + nf + np)
    throw new Error(`explain_f64 holds ${bytes.byteLength} bytes, not a feature vector and its attributions`);
  const read = (from: number, n: number): number[] =>
    Array.from({ length: n }, (_, i) => view.getFloat64(8 * (from + i), true));
  return { features: read(3, nf), attributions: { bias: view.getFloat64(16, true), phi: read(3 + nf, np) } };
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
