// Claims: "next" gives an analyst the highest-score open item nobody holds, by a conditional write, so
// two analysts never get the same item; a claim lapses after a configurable time and can then be
// taken over; the holder can release it.
import type { Store } from './client';
import { currentStateOf, NotClaimHolderError, ReviewConflictError, ReviewNotFoundError } from './errors';
import { applyChange, type ChangeResult } from './mutate';
import { collect, type Expr } from './query';
import { queueQueryInput, unclaimed, type QueueFilters } from './queue';
import { isClaimActive, type ReviewItem, type ReviewStatus, type ReviewSummary } from './schema';
import { itemToSummary } from './stored';

export const DEFAULT_CLAIM_MS = 15 * 60_000;

export interface ClaimParams {
  transactionId: string;
  /** The version the analyst saw. */
  version: number;
  analyst: string;
  /** How long the claim holds (default 15 min). */
  claimMs?: number;
  requestId?: string;
  now?: Date;
}

/** Claims one item, if nobody holds a live claim on it; the result says why not otherwise. */
export async function claimReview(store: Store, params: ClaimParams): Promise<ChangeResult> {
  const now = params.now ?? new Date();
  const expires = new Date(now.getTime() + (params.claimMs ?? DEFAULT_CLAIM_MS)).toISOString();
  return applyChange(store, {
    transactionId: params.transactionId,
    version: params.version,
    actor: params.analyst,
    now,
    ...(params.requestId ? { requestId: params.requestId } : {}),
    event: { action: 'claimed', details: { expires_at: expires } },
    set: { assignee: params.analyst, claim_expires_at: expires },
    condition: (e: Expr) =>
      `${e.name('status')} IN (${e.value('open')}, ${e.value('escalated')}) AND (${unclaimed(e, now)})`,
  });
}

export interface ClaimNextParams {
  analyst: string;
  claimMs?: number;
  /** Which queue to take from (default `open`; managers may work `escalated`). */
  status?: Extract<ReviewStatus, 'open' | 'escalated'>;
  /** Restrict "next" to the analyst's current queue view. */
  filters?: QueueFilters;
  now?: Date;
  /** Give up after trying this many candidates (default 200). */
  maxAttempts?: number;
}

/**
 * Claims the highest-score unclaimed item (or one whose claim expired) and returns it, or null when
 * there is none. Candidates come from the status/score index, which may lag the table (on AWS it is
 * eventually consistent): the conditional write on the table is what decides, and on a lost race we
 * re-read the candidate once and otherwise move down the list.
 */
export async function claimNext(store: Store, params: ClaimNextParams): Promise<ReviewItem | null> {
  const now = params.now ?? new Date();
  const status = params.status ?? 'open';
  const maxAttempts = params.maxAttempts ?? 200;
  let attempts = 0;
  let cursor: string | undefined;
  while (attempts < maxAttempts) {
    const input = queueQueryInput(
      store,
      { status, order: 'score', ...(params.filters ? { filters: params.filters } : {}), now },
      (e) => unclaimed(e, now),
    );
    const page = await collect(store, input, {
      list: `claim:${status}`,
      limit: 10,
      ...(cursor ? { cursor } : {}),
      keyAttributes: ['transaction_id', 'status', 'score'],
    });
    for (const raw of page.items) {
      let candidate: Pick<ReviewSummary, 'transaction_id' | 'version'> | null = itemToSummary(raw);
      // One re-read per candidate: a stale index entry or a race lost to a claim that then lapsed.
      for (let tries = 0; candidate && tries < 2 && attempts < maxAttempts; tries++) {
        attempts++;
        const result = await claimReview(store, {
          transactionId: candidate.transaction_id,
          version: candidate.version,
          analyst: params.analyst,
          ...(params.claimMs !== undefined ? { claimMs: params.claimMs } : {}),
          now,
        });
        if (result.ok) return result.item;
        const current = result.current;
        candidate = current && current.status === status && !isClaimActive(current, now) ? current : null;
      }
    }
    if (!page.cursor) return null;
    cursor = page.cursor;
  }
  return null;
}

/** Gives a claim back before it expires (only its holder can). */
export async function releaseClaim(
  store: Store,
  params: { transactionId: string; version: number; analyst: string; requestId?: string; now?: Date },
): Promise<ReviewItem> {
  const now = params.now ?? new Date();
  const result = await applyChange(store, {
    transactionId: params.transactionId,
    version: params.version,
    actor: params.analyst,
    now,
    ...(params.requestId ? { requestId: params.requestId } : {}),
    event: { action: 'released', details: {} },
    set: {},
    remove: ['assignee', 'claim_expires_at'],
    condition: (e: Expr) =>
      `${e.name('assignee')} = ${e.value(params.analyst)} AND ${e.name('claim_expires_at')} > ${e.value(now.toISOString())}`,
  });
  if (result.ok) return result.item;
  const current = result.current;
  if (!current) throw new ReviewNotFoundError(params.transactionId);
  if (current.version !== params.version)
    throw new ReviewConflictError(params.transactionId, params.version, currentStateOf(current));
  throw new NotClaimHolderError(params.transactionId, params.analyst, currentStateOf(current));
}
