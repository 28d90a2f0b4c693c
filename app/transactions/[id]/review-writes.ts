// The two writes an analyst makes on items from the transaction page, each with its input schema and
// its result in words: recording a decision on the version the form showed, and claiming an item on
// the version the page saw. Shared by the single-purpose actions (decide, claim), which refresh the page
// afterwards, and by the advance action, which does both on the way to the next item.
import 'server-only';

import { z } from 'zod';

import { fail, type ActionResult } from '@/lib/actions/safe-action';
import type { SessionUser } from '@/lib/auth/session';
import { requestLocale } from '@/lib/format/request-locale';
import { failedAction, NOTHING_SAVED } from '@/lib/log/action-failure';
import { conflictMessage, formatInstant } from '@/lib/review/conflict-message';
import { OUTCOME_LABELS } from '@/lib/review/outcome-labels';
import { isReasonFor, reasonLabel } from '@/lib/review/reasons';
import {
  claimReview,
  decideReview,
  isClaimActive,
  OUTCOMES,
  ReviewConflictError,
  ReviewNotFoundError,
  type ReviewStatus,
} from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

const requestId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'missing request id');
/** The viewer's time zone, so a conflict names the time as they read it. */
const tz = z.string().max(64).optional();

export const decideSchema = z
  .object({
    transactionId: z.string().min(1).max(64),
    version: z.coerce.number().int().min(1),
    outcome: z.enum(OUTCOMES, { error: 'Choose fraud, legitimate or escalate' }),
    reason: z.string({ error: 'Choose a reason' }).min(1, 'Choose a reason'),
    note: z.string().trim().max(2000, 'Keep the note under 2,000 characters').optional(),
    requestId,
    tz,
  })
  .superRefine((input, ctx) => {
    if (!isReasonFor(input.outcome, input.reason))
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Choose a reason that fits the outcome' });
  });

export const claimSchema = z.object({
  transactionId: z.string().min(1).max(64),
  version: z.coerce.number().int().min(1),
  requestId,
  tz,
});

export interface DecideResult {
  status: ReviewStatus;
  version: number;
}

export interface ClaimResult {
  assignee: string;
  expiresAt: string;
}

export async function recordDecision(
  input: z.infer<typeof decideSchema>,
  user: SessionUser,
): Promise<ActionResult<DecideResult>> {
  try {
    const { item } = await decideReview(await getStore(), {
      transactionId: input.transactionId,
      version: input.version,
      outcome: input.outcome,
      reason: input.reason,
      ...(input.note ? { note: input.note } : {}),
      analyst: user.actor,
      requestId: input.requestId,
    });
    return {
      ok: true,
      data: { status: item.status, version: item.version },
      message: `Recorded: ${OUTCOME_LABELS[input.outcome]}, ${reasonLabel(input.reason)}.`,
    };
  } catch (error) {
    if (error instanceof ReviewConflictError)
      return fail('conflict', conflictMessage(error.current, input.tz, await requestLocale()));
    if (error instanceof ReviewNotFoundError) return fail('not_found', 'This review item no longer exists.');
    return failedAction(error, 'decide: recording the decision failed', NOTHING_SAVED, {
      transactionId: input.transactionId,
    });
  }
}

export async function claimItem(
  input: z.infer<typeof claimSchema>,
  user: SessionUser,
  options: {
    /** Claim the item even if it changed since it was seen, as long as it is still undecided and free. */
    ifStillFree?: boolean;
  } = {},
): Promise<ActionResult<ClaimResult>> {
  let result: Awaited<ReturnType<typeof claimReview>>;
  try {
    result = await claimReview(await getStore(), {
      transactionId: input.transactionId,
      version: input.version,
      analyst: user.actor,
      requestId: input.requestId,
    });
  } catch (error) {
    return failedAction(error, 'claim: claiming the item failed', NOTHING_SAVED, {
      transactionId: input.transactionId,
    });
  }
  if (result.ok) {
    return {
      ok: true,
      data: { assignee: result.item.assignee ?? user.actor, expiresAt: result.item.claim_expires_at ?? '' },
    };
  }
  const current = result.current;
  if (!current) return fail('not_found', 'This review item no longer exists.');
  const free = (current.status === 'open' || current.status === 'escalated') && !isClaimActive(current);
  if (options.ifStillFree && free && current.version !== input.version)
    return claimItem({ ...input, version: current.version }, user);
  if (current.version !== input.version)
    return fail('conflict', conflictMessage(current, input.tz, await requestLocale()));
  if (isClaimActive(current) && current.claim_expires_at)
    return fail(
      'conflict',
      `${current.assignee} holds this item until ${formatInstant(current.claim_expires_at, input.tz, await requestLocale())}.`,
    );
  return fail('conflict', `This item is already decided (${current.status}); there is nothing to claim.`);
}
