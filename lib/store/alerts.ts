// The alert feed: put an alert (idempotent by alert id), list newest first, acknowledge (once; the
// acknowledgement is audited), and record each channel's delivery result on the alert.
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

import { appendAuditEvent } from './audit';
import type { Store } from './client';
import { AlertNotFoundError, isConditionFailed } from './errors';
import { fromItem, toItem, type Plain } from './marshal';
import { collect, Expr, type Page } from './query';
import { alertSchema, deliverySchema, type Alert, type Delivery } from './schema';
import { ALERT_FEED, alertToItem, itemToAlert } from './stored';
import { ALERT_INDEX } from './tables';

/** Stores an alert unless one with its id exists; returns whether it was new (then: notify). */
export async function putAlert(store: Store, alert: Alert): Promise<{ created: boolean }> {
  const valid = alertSchema.parse(alert);
  try {
    await store.client.send(
      new PutItemCommand({
        TableName: store.tables.alerts,
        Item: alertToItem(valid),
        ConditionExpression: 'attribute_not_exists(alert_id)',
      }),
    );
    return { created: true };
  } catch (error) {
    if (isConditionFailed(error)) return { created: false };
    throw error;
  }
}

export async function getAlert(store: Store, params: { alertId: string }): Promise<Alert | null> {
  const out = await store.client.send(
    new GetItemCommand({
      TableName: store.tables.alerts,
      Key: toItem({ alert_id: params.alertId }),
      ConsistentRead: true,
    }),
  );
  return out.Item ? itemToAlert(fromItem(out.Item)) : null;
}

/** Newest first; `unacknowledgedOnly` filters the same ordered feed. */
export async function listAlerts(
  store: Store,
  params: { limit?: number; cursor?: string; unacknowledgedOnly?: boolean } = {},
): Promise<Page<Alert>> {
  const e = new Expr();
  const page = await collect(
    store,
    {
      TableName: store.tables.alerts,
      IndexName: ALERT_INDEX.feedTime,
      KeyConditionExpression: `${e.name('feed')} = ${e.value(ALERT_FEED)}`,
      ScanIndexForward: false,
      ...(params.unacknowledgedOnly
        ? { FilterExpression: `attribute_not_exists(${e.name('acknowledged_at')})` }
        : {}),
      ...e.params(),
    },
    {
      list: params.unacknowledgedOnly ? 'alerts:open' : 'alerts:all',
      limit: Math.min(Math.max(params.limit ?? 50, 1), 500),
      ...(params.cursor ? { cursor: params.cursor } : {}),
      keyAttributes: ['alert_id', 'feed', 'at_id'],
    },
  );
  return { ...page, items: page.items.map(itemToAlert) };
}

/**
 * Acknowledges an alert once. A second acknowledgement (another analyst, a retry) changes nothing and
 * returns the first one, with `already: true`.
 */
export async function acknowledgeAlert(
  store: Store,
  params: { alertId: string; analyst: string; now?: Date },
): Promise<{ alert: Alert; already: boolean }> {
  const at = (params.now ?? new Date()).toISOString();
  const e = new Expr();
  try {
    const out = await store.client.send(
      new UpdateItemCommand({
        TableName: store.tables.alerts,
        Key: toItem({ alert_id: params.alertId }),
        UpdateExpression: `SET ${e.name('acknowledged_at')} = ${e.value(at)}, ${e.name('acknowledged_by')} = ${e.value(params.analyst)}`,
        ConditionExpression: `attribute_exists(${e.name('alert_id')}) AND attribute_not_exists(${e.name('acknowledged_at')})`,
        ReturnValues: 'ALL_NEW',
        ...e.params(),
      }),
    );
    const alert = itemToAlert(fromItem(out.Attributes ?? {}));
    // Deterministic id: the ack happens once, so its event does too, even if this put is retried.
    await appendAuditEvent(store, {
      event_id: `alert#${alert.alert_id}#ack`,
      action: 'alert_acknowledged',
      at,
      actor: params.analyst,
      details: { alert_id: alert.alert_id },
    });
    return { alert, already: false };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const alert = await getAlert(store, { alertId: params.alertId });
    if (!alert) throw new AlertNotFoundError(params.alertId);
    if (alert.acknowledged_at && alert.acknowledged_by) {
      // Heal the event if the first acknowledger died before writing it (fields come from the alert).
      await appendAuditEvent(store, {
        event_id: `alert#${alert.alert_id}#ack`,
        action: 'alert_acknowledged',
        at: alert.acknowledged_at,
        actor: alert.acknowledged_by,
        details: { alert_id: alert.alert_id },
      });
    }
    return { alert, already: true };
  }
}

/** Records one channel's latest delivery result (webhook, sns …) on the alert. */
export async function recordAlertDelivery(
  store: Store,
  params: { alertId: string; channel: string; delivery: Delivery },
): Promise<void> {
  const delivery = deliverySchema.parse(params.delivery);
  const e = new Expr();
  const deliveries = e.name('deliveries');
  try {
    // Two steps keep it a single-item write each: create the map if absent, then set the channel.
    await store.client.send(
      new UpdateItemCommand({
        TableName: store.tables.alerts,
        Key: toItem({ alert_id: params.alertId }),
        UpdateExpression: `SET ${deliveries} = if_not_exists(${deliveries}, ${e.value({})})`,
        ConditionExpression: `attribute_exists(${e.name('alert_id')})`,
        ...e.params(),
      }),
    );
    const f = new Expr();
    await store.client.send(
      new UpdateItemCommand({
        TableName: store.tables.alerts,
        Key: toItem({ alert_id: params.alertId }),
        UpdateExpression: `SET ${f.name('deliveries')}.${f.name(params.channel)} = ${f.value(delivery as unknown as Plain)}`,
        ConditionExpression: `attribute_exists(${f.name('alert_id')})`,
        ...f.params(),
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) throw new AlertNotFoundError(params.alertId);
    throw error;
  }
}
