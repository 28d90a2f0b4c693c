// The LIVE model threshold: what new scoring flags against. It is not a setting in a file but the
// audit trail itself: the newest `threshold_changed` event for the current model version wins, and a
// model without one uses its manifest's threshold. Changing it appends an event (idempotent by request
// id), so every change is recorded with who, when, from, to and why, and a new model version starts
// from its own manifest. Reads are cached in-process for a few seconds: ingestion asks once per file.
import { randomUUID } from 'node:crypto';

import { appendAuditEvent, listAuditEvents, type AuditEvent, type Store } from '@/lib/store';

/** The part of a served model the threshold depends on (FraudModel fits). */
export interface ThresholdModel {
  version: string;
  /** The manifest's threshold. */
  threshold: number;
}

export interface LiveThreshold {
  value: number;
  modelVersion: string;
  /** `manifest`: nobody changed it for this model; `audit`: the newest change event. */
  source: 'manifest' | 'audit';
  manifestValue: number;
  change: ThresholdChange | null;
}

export interface ThresholdChange {
  eventId: string;
  at: string;
  actor: string;
  from: number;
  to: number;
  modelVersion: string | null;
  note: string | null;
}

/** How long a read is reused: a change reaches every process (console, ingest worker) within this. */
export const LIVE_THRESHOLD_TTL_MS = 10_000;
/** Change events read at most while looking for the current model's newest one. */
const MAX_EVENTS_SCANNED = 2_000;
const PAGE = 100;

export class ThresholdConflictError extends Error {
  override readonly name = 'ThresholdConflictError';
  constructor(
    readonly expected: number,
    readonly current: LiveThreshold,
  ) {
    super(
      `the live threshold is ${current.value}, not ${expected}: ${current.change ? `${current.change.actor} changed it at ${current.change.at}` : 'it is the manifest value'}`,
    );
  }
}

type ChangeEvent = Extract<AuditEvent, { action: 'threshold_changed' }>;

const toChange = (e: ChangeEvent): ThresholdChange => ({
  eventId: e.event_id,
  at: e.at,
  actor: e.actor,
  from: e.details.from,
  to: e.details.to,
  modelVersion: e.details.model_version ?? null,
  note: e.details.note ?? null,
});

// Per store handle, per model version. A WeakMap so a reopened store does not keep old entries alive.
const cache = new WeakMap<Store, Map<string, { at: number; value: Promise<LiveThreshold> }>>();

/** Threshold changes, newest first (every model), for the history on the threshold page. */
export async function listThresholdChanges(
  store: Store,
  params: { limit?: number; cursor?: string } = {},
): Promise<{ changes: ThresholdChange[]; cursor: string | null }> {
  const page = await listAuditEvents(store, {
    action: 'threshold_changed',
    limit: params.limit ?? 20,
    ...(params.cursor ? { cursor: params.cursor } : {}),
  });
  const changes = page.items.flatMap((e) => (e.action === 'threshold_changed' ? [toChange(e)] : []));
  return { changes, cursor: page.cursor };
}

/** Reads the live threshold from the store, without the cache. */
export async function readLiveThreshold(store: Store, model: ThresholdModel): Promise<LiveThreshold> {
  let cursor: string | undefined;
  for (let scanned = 0; scanned < MAX_EVENTS_SCANNED; scanned += PAGE) {
    const page = await listThresholdChanges(store, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    const newest = page.changes.find((c) => c.modelVersion === model.version);
    if (newest)
      return {
        value: newest.to,
        modelVersion: model.version,
        source: 'audit',
        manifestValue: model.threshold,
        change: newest,
      };
    if (!page.cursor) break;
    cursor = page.cursor;
  }
  return {
    value: model.threshold,
    modelVersion: model.version,
    source: 'manifest',
    manifestValue: model.threshold,
    change: null,
  };
}

/** The live threshold for `model`, reusing a read younger than LIVE_THRESHOLD_TTL_MS. */
export function getLiveThreshold(
  store: Store,
  model: ThresholdModel,
  options: { now?: () => number; ttlMs?: number } = {},
): Promise<LiveThreshold> {
  const now = (options.now ?? Date.now)();
  const ttl = options.ttlMs ?? LIVE_THRESHOLD_TTL_MS;
  let perModel = cache.get(store);
  if (!perModel) {
    perModel = new Map();
    cache.set(store, perModel);
  }
  const hit = perModel.get(model.version);
  if (hit && now - hit.at < ttl) return hit.value;
  const value = readLiveThreshold(store, model);
  const entry = { at: now, value };
  perModel.set(model.version, entry);
  // A failed read is not cached: the next caller asks the store again.
  value.catch(() => {
    if (perModel.get(model.version) === entry) perModel.delete(model.version);
  });
  return value;
}

export interface SetThresholdParams {
  model: ThresholdModel;
  /** The new threshold, a score in (0, 1). */
  to: number;
  actor: string;
  note?: string;
  /** The value the person saw when deciding: a change made meanwhile by someone else is a conflict. */
  expected?: number;
  /** One per form render, so a double submit or a retry records one change, not two. */
  requestId?: string;
  now?: Date;
}

/** Records a change of the live threshold as an audit event and returns it (and whether it was new). */
export async function setLiveThreshold(
  store: Store,
  params: SetThresholdParams,
): Promise<{ change: ThresholdChange; created: boolean }> {
  if (!(Number.isFinite(params.to) && params.to > 0 && params.to < 1))
    throw new RangeError(`a threshold must be a score between 0 and 1 (exclusive), not ${params.to}`);
  const current = await readLiveThreshold(store, params.model);
  const eventId = `threshold#${params.model.version}#${params.requestId ?? randomUUID()}`;
  // A retried request whose first attempt landed: report that change rather than a conflict with it.
  if (current.change?.eventId === eventId) return { change: current.change, created: false };
  if (params.expected !== undefined && Math.abs(params.expected - current.value) > 1e-12)
    throw new ThresholdConflictError(params.expected, current);
  const event: ChangeEvent = {
    event_id: eventId,
    at: (params.now ?? new Date()).toISOString(),
    actor: params.actor,
    action: 'threshold_changed',
    ...(params.requestId ? { request_id: params.requestId } : {}),
    details: {
      from: current.value,
      to: params.to,
      model_version: params.model.version,
      ...(params.note ? { note: params.note } : {}),
    },
  };
  const created = await appendAuditEvent(store, event);
  cache.get(store)?.delete(params.model.version);
  return { change: toChange(event), created };
}
