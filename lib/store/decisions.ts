// Recording an analyst's decision (fraud | legitimate | escalate, reason code, note) on the version of
// the item they saw. A stale form gets a ReviewConflictError naming who changed the item and when,
// never a silent overwrite; a retried submit with the same request id is recognised as already done.
import type { Store } from './client';
import { currentStateOf, ReviewConflictError, ReviewNotFoundError } from './errors';
import { applyChange } from './mutate';
import { decisionSchema, STATUS_AFTER, type Decision, type Outcome, type ReviewItem } from './schema';

export interface DecideParams {
  transactionId: string;
  /** The version the analyst's form was rendered from. */
  version: number;
  outcome: Outcome;
  reason: string;
  note?: string;
  analyst: string;
  /** One per form render: makes double submits and retries after a lost response idempotent. */
  requestId?: string;
  now?: Date;
}

export async function decideReview(
  store: Store,
  params: DecideParams,
): Promise<{ item: ReviewItem; replayed: boolean }> {
  const now = params.now ?? new Date();
  const decision: Decision = decisionSchema.parse({
    outcome: params.outcome,
    reason: params.reason,
    ...(params.note ? { note: params.note } : {}),
    analyst: params.analyst,
    at: now.toISOString(),
  });
  const result = await applyChange(store, {
    transactionId: params.transactionId,
    version: params.version,
    actor: params.analyst,
    now,
    ...(params.requestId ? { requestId: params.requestId } : {}),
    event: {
      action: 'decided',
      details: {
        outcome: decision.outcome,
        reason: decision.reason,
        ...(decision.note ? { note: decision.note } : {}),
        status: STATUS_AFTER[decision.outcome],
      },
    },
    set: { status: STATUS_AFTER[decision.outcome], decision, decided_at: decision.at },
    // A decision ends any claim: the item leaves the analyst's hands.
    remove: ['assignee', 'claim_expires_at'],
  });
  if (result.ok) return { item: result.item, replayed: result.replayed };
  if (!result.current) throw new ReviewNotFoundError(params.transactionId);
  throw new ReviewConflictError(params.transactionId, params.version, currentStateOf(result.current));
}
