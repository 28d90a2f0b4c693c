// Rescoring a review item in a sandbox: apply the analyst's edits to its transaction, score the result
// against the item's stored context (rescore.ts), compare the attributions with the stored ones, and
// append a `rescored` audit event. The item itself is never written: rescoring changes no decision.
import 'server-only';

import type { Formats } from '@/lib/format/formats';
import type { FraudModel } from '@/lib/model/scorer';
import type { Transaction } from '@/lib/schema/transaction';
import { appendAuditEvent, getReviewItem, type ReviewItem, type Store } from '@/lib/store';

import { attributionDiff, type AttributionChange } from './attribution-diff';
import { attributionRows, featureNamesFor, type AttributionRow } from './attributions';
import { scoreWithContext } from './rescore';
import { applyEdits, type Changes, type RescoreForm } from './rescore-edits';

export interface RescoreResult {
  transactionId: string;
  changes: Changes;
  threshold: number;
  before: { score: number; margin: number; bias: number; modelVersion: string };
  after: { score: number; margin: number; bias: number; modelVersion: string; flagged: boolean };
  /** The served model is the one that scored the item, so the diff isolates the edits. */
  sameModel: boolean;
  /** Old vs new per feature, biggest change first; null when the models differ. */
  diff: AttributionChange[] | null;
  /** The rescored attributions, biggest push first. */
  rows: AttributionRow[];
  tx: Transaction;
  eventId: string;
}

export type RescoreOutcome =
  | { ok: true; result: RescoreResult }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; field: keyof RescoreForm; message: string };

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Rescores from an item already read (the parity test and the action share this). */
export async function rescoreItem(
  model: FraudModel,
  item: ReviewItem,
  form: RescoreForm,
  formats: Formats,
): Promise<
  { ok: true; result: Omit<RescoreResult, 'eventId'> } | Extract<RescoreOutcome, { reason: 'invalid' }>
> {
  const edited = applyEdits(item.tx, form);
  if (!edited.ok) return { ok: false, reason: 'invalid', field: edited.field, message: edited.message };
  const scored = await scoreWithContext(model, edited.tx, item.context);
  const oldNames = featureNamesFor(item, model);
  const sameModel = item.model_version === model.version && oldNames !== null;
  const diff =
    sameModel && oldNames
      ? attributionDiff(
          oldNames,
          { values: item.features, phi: item.attributions.phi, tx: item.tx },
          { values: scored.features, phi: scored.attributions.phi, tx: edited.tx },
          formats,
        )
      : null;
  return {
    ok: true,
    result: {
      transactionId: item.transaction_id,
      changes: edited.changes,
      threshold: model.threshold,
      before: {
        score: item.score,
        margin: item.attributions.bias + sum(item.attributions.phi),
        bias: item.attributions.bias,
        modelVersion: item.model_version,
      },
      after: {
        score: scored.score,
        margin: scored.margin,
        bias: scored.attributions.bias,
        modelVersion: scored.modelVersion,
        flagged: scored.score >= model.threshold,
      },
      sameModel,
      diff,
      rows: attributionRows(
        scored.featureNames,
        scored.features,
        scored.attributions.phi,
        formats,
        edited.tx,
      ),
      tx: edited.tx,
    },
  };
}

/** Reads the item, rescores it and appends the `rescored` event (idempotent per request id). */
export async function rescoreReviewItem(
  store: Store,
  model: FraudModel,
  params: { form: RescoreForm; actor: string; formats: Formats; now?: Date },
): Promise<RescoreOutcome> {
  const item = await getReviewItem(store, { transactionId: params.form.transactionId });
  if (!item) return { ok: false, reason: 'not_found' };
  const out = await rescoreItem(model, item, params.form, params.formats);
  if (!out.ok) return out;
  const { result } = out;
  const eventId = `${item.transaction_id}#rescore#${params.form.requestId}`;
  await appendAuditEvent(store, {
    event_id: eventId,
    action: 'rescored',
    at: (params.now ?? new Date()).toISOString(),
    actor: params.actor,
    item_id: item.transaction_id,
    request_id: params.form.requestId,
    details: {
      changes: result.changes,
      old_score: result.before.score,
      new_score: result.after.score,
      model_version: result.after.modelVersion,
    },
  });
  return { ok: true, result: { ...result, eventId } };
}
