'use server';

// Records an analyst's decision on the version of the item their form showed. A stale form (someone
// claimed, released or decided since) gets "changed by X at T — reload" instead of overwriting.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { defineAction, fail, type ActionResult, type ActionState } from '@/lib/actions/safe-action';
import { conflictMessage } from '@/lib/review/conflict-message';
import { OUTCOME_LABELS } from '@/lib/review/outcome-labels';
import { isReasonFor, reasonLabel } from '@/lib/review/reasons';
import {
  decideReview,
  OUTCOMES,
  ReviewConflictError,
  ReviewNotFoundError,
  type ReviewStatus,
} from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

const decideSchema = z
  .object({
    transactionId: z.string().min(1).max(64),
    version: z.coerce.number().int().min(1),
    outcome: z.enum(OUTCOMES, { error: 'Choose fraud, legitimate or escalate' }),
    reason: z.string({ error: 'Choose a reason' }).min(1, 'Choose a reason'),
    note: z.string().trim().max(2000, 'Keep the note under 2,000 characters').optional(),
    requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'missing request id'),
    /** The viewer's time zone, so a conflict names the time as they read it. */
    tz: z.string().max(64).optional(),
  })
  .superRefine((input, ctx) => {
    if (!isReasonFor(input.outcome, input.reason))
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Choose a reason that fits the outcome' });
  });

export interface DecideResult {
  status: ReviewStatus;
  version: number;
}

const decide = defineAction(
  'review:decide',
  decideSchema,
  async (input, user): Promise<ActionResult<DecideResult>> => {
    const store = await getStore();
    try {
      const { item } = await decideReview(store, {
        transactionId: input.transactionId,
        version: input.version,
        outcome: input.outcome,
        reason: input.reason,
        ...(input.note ? { note: input.note } : {}),
        analyst: user.actor,
        requestId: input.requestId,
      });
      revalidatePath('/transactions/[id]', 'page');
      return {
        ok: true,
        data: { status: item.status, version: item.version },
        message: `Recorded: ${OUTCOME_LABELS[input.outcome]}, ${reasonLabel(input.reason)}.`,
      };
    } catch (error) {
      if (error instanceof ReviewConflictError)
        return fail('conflict', conflictMessage(error.current, input.tz));
      if (error instanceof ReviewNotFoundError)
        return fail('not_found', 'This review item no longer exists.');
      throw error;
    }
  },
);

export async function decideAction(
  previous: ActionState<DecideResult>,
  form: FormData,
): Promise<ActionResult<DecideResult>> {
  return decide(previous, form);
}
