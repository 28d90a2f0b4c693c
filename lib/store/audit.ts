// The append-only audit trail: put an event (idempotent by event id), read one, list events newest
// first by item, actor, action or all, with a date range and an opaque cursor.
import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';

import type { Store } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { isConditionFailed } from './errors';
import { fromItem, toItem } from './marshal';
import { collect, Expr, type Page } from './query';
import { AUDIT_ACTIONS, auditEventSchema, type AuditAction, type AuditEvent } from './schema';
import { atId, eventToItem, itemToEvent } from './stored';
import { AUDIT_INDEX } from './tables';

/** Id of the event that produced version `version` of a review item: one per version, no gaps. */
export const versionEventId = (transactionId: string, version: number): string =>
  `${transactionId}#v${version}`;

/**
 * Appends an event. Re-putting an event id that exists is a no-op (returns false), so a retry after a
 * crash, or two writers healing the same gap, never duplicate or alter history.
 */
export async function appendAuditEvent(store: Store, event: AuditEvent): Promise<boolean> {
  const valid = auditEventSchema.parse(event);
  try {
    await store.client.send(
      new PutItemCommand({
        TableName: store.tables.audit,
        Item: eventToItem(valid),
        ConditionExpression: 'attribute_not_exists(event_id)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

export async function getAuditEvent(store: Store, params: { eventId: string }): Promise<AuditEvent | null> {
  const out = await store.client.send(
    new GetItemCommand({
      TableName: store.tables.audit,
      Key: toItem({ event_id: params.eventId }),
      ConsistentRead: true,
    }),
  );
  return out.Item ? itemToEvent(fromItem(out.Item)) : null;
}

export interface AuditQuery {
  /** One review item's trail. */
  itemId?: string;
  actor?: string;
  action?: AuditAction;
  /** Inclusive bounds on the event time. */
  from?: Date | string;
  to?: Date | string;
  limit?: number;
  cursor?: string;
  maxScanned?: number;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

/**
 * Events newest first. Uses the most selective index (item, then actor, then action) with the rest as
 * a filter; with no item/actor/action it merges the per-action partitions (see docs/STORE.md).
 */
export async function listAuditEvents(store: Store, params: AuditQuery = {}): Promise<Page<AuditEvent>> {
  const limit = Math.min(Math.max(params.limit ?? 50, 1), 500);
  const [index, hashAttr, hashValue] =
    params.itemId !== undefined
      ? [AUDIT_INDEX.itemTime, 'item_id', params.itemId]
      : params.actor !== undefined
        ? [AUDIT_INDEX.actorTime, 'actor', params.actor]
        : params.action !== undefined
          ? [AUDIT_INDEX.actionTime, 'action', params.action]
          : [null, null, null];
  if (index === null) return mergeActions(store, params, limit);

  const e = new Expr();
  const filters: string[] = [];
  if (params.actor !== undefined && hashAttr !== 'actor')
    filters.push(`${e.name('actor')} = ${e.value(params.actor)}`);
  if (params.action !== undefined && hashAttr !== 'action')
    filters.push(`${e.name('action')} = ${e.value(params.action)}`);
  const input: QueryCommandInput = {
    TableName: store.tables.audit,
    IndexName: index,
    KeyConditionExpression: `${e.name(hashAttr)} = ${e.value(hashValue)}${rangeCondition(e, params)}`,
    ScanIndexForward: false,
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
  };
  const page = await collect(
    store,
    { ...input, ...e.params() },
    {
      list: `audit:${hashAttr}:${hashValue}`,
      limit,
      ...(params.cursor ? { cursor: params.cursor } : {}),
      keyAttributes: ['event_id', hashAttr, 'at_id'],
      ...(params.maxScanned ? { maxScanned: params.maxScanned } : {}),
    },
  );
  return { ...page, items: page.items.map(itemToEvent) };
}

function rangeCondition(e: Expr, params: Pick<AuditQuery, 'from' | 'to'>): string {
  // at_id is `${at}#${id}`: `to + 1 ms` as an upper bound includes every event at `to` itself.
  const lo = params.from !== undefined ? iso(params.from) : null;
  const hi = params.to !== undefined ? new Date(new Date(params.to).getTime() + 1).toISOString() : null;
  if (lo === null && hi === null) return '';
  const sk = e.name('at_id');
  if (lo !== null && hi !== null) return ` AND ${sk} BETWEEN ${e.value(lo)} AND ${e.value(hi)}`;
  if (lo !== null) return ` AND ${sk} >= ${e.value(lo)}`;
  return ` AND ${sk} <= ${e.value(hi!)}`;
}

/**
 * The unfiltered trail: each action is its own index partition, so take the newest `limit` of each
 * (all strictly older than the cursor) and merge. Exact, because no filter expression is involved:
 * every partition returns its true top `limit`, and the merged top `limit` is drawn from those.
 */
async function mergeActions(store: Store, params: AuditQuery, limit: number): Promise<Page<AuditEvent>> {
  const list = 'audit:all';
  const position = params.cursor ? decodeCursor(list, params.cursor) : null;
  const parts = await Promise.all(
    AUDIT_ACTIONS.map(async (action) => {
      const e = new Expr();
      const out = await store.client.send(
        new QueryCommand({
          TableName: store.tables.audit,
          IndexName: AUDIT_INDEX.actionTime,
          KeyConditionExpression: `${e.name('action')} = ${e.value(action)}${rangeCondition(e, params)}`,
          ScanIndexForward: false,
          Limit: limit,
          ...(position
            ? {
                ExclusiveStartKey: toItem({
                  event_id: String(position.event_id),
                  at_id: String(position.at_id),
                  action,
                }),
              }
            : {}),
          ...e.params(),
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => itemToEvent(fromItem(i))),
        more: out.LastEvaluatedKey !== undefined,
      };
    }),
  );
  const all = parts
    .flatMap((p) => p.items)
    .sort((a, b) => (atId(b.at, b.event_id) < atId(a.at, a.event_id) ? -1 : 1));
  const items = all.slice(0, limit);
  const last = items[items.length - 1];
  const more = all.length > limit || parts.some((p) => p.more);
  return {
    items,
    cursor:
      more && last
        ? encodeCursor(list, { event_id: last.event_id, at_id: atId(last.at, last.event_id) })
        : null,
    scanned: parts.reduce((n, p) => n + p.items.length, 0),
  };
}
