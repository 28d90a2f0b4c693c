'use server';

// Claims the item for the signed-in analyst (a time-limited hold, so two analysts do not work the same
// item) on the version their page showed; says who holds it, or who changed it, when that fails.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { defineAction, fail, type ActionResult, type ActionState } from '@/lib/actions/safe-action';
import { conflictMessage, formatInstant } from '@/lib/review/conflict-message';
import { claimReview, isClaimActive } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

const claimSchema = z.object({
  transactionId: z.string().min(1).max(64),
  version: z.coerce.number().int().min(1),
  requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'missing request id'),
  tz: z.string().max(64).optional(),
});

export interface ClaimResult {
  assignee: string;
  expiresAt: string;
}

const claim = defineAction(
  'review:decide',
  claimSchema,
  async (input, user): Promise<ActionResult<ClaimResult>> => {
    const result = await claimReview(await getStore(), {
      transactionId: input.transactionId,
      version: input.version,
      analyst: user.actor,
      requestId: input.requestId,
    });
    if (result.ok) {
      revalidatePath('/transactions/[id]', 'page');
      return {
        ok: true,
        data: { assignee: result.item.assignee ?? user.actor, expiresAt: result.item.claim_expires_at ?? '' },
      };
    }
    const current = result.current;
    if (!current) return fail('not_found', 'This review item no longer exists.');
    if (current.version !== input.version) return fail('conflict', conflictMessage(current, input.tz));
    if (isClaimActive(current) && current.claim_expires_at)
      return fail(
        'conflict',
        `${current.assignee} holds this item until ${formatInstant(current.claim_expires_at, input.tz)}.`,
      );
    return fail('conflict', `This item is already decided (${current.status}); there is nothing to claim.`);
  },
);

export async function claimAction(
  previous: ActionState<ClaimResult>,
  form: FormData,
): Promise<ActionResult<ClaimResult>> {
  return claim(previous, form);
}
