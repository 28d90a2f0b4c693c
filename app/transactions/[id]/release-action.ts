'use server';

// Gives the signed-in analyst's claim back before it lapses, so the item returns to the queue at once.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { defineAction, fail, type ActionResult, type ActionState } from '@/lib/actions/safe-action';
import { requestLocale } from '@/lib/format/request-locale';
import { failedAction, NOTHING_SAVED } from '@/lib/log/action-failure';
import { conflictMessage } from '@/lib/review/conflict-message';
import { NotClaimHolderError, releaseClaim, ReviewConflictError, ReviewNotFoundError } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

const releaseSchema = z.object({
  transactionId: z.string().min(1).max(64),
  version: z.coerce.number().int().min(1),
  requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'missing request id'),
  tz: z.string().max(64).optional(),
});

const release = defineAction(
  'review:decide',
  releaseSchema,
  async (input, user): Promise<ActionResult<null>> => {
    try {
      await releaseClaim(await getStore(), {
        transactionId: input.transactionId,
        version: input.version,
        analyst: user.actor,
        requestId: input.requestId,
      });
    } catch (error) {
      if (error instanceof ReviewConflictError)
        return fail('conflict', conflictMessage(error.current, input.tz, await requestLocale()));
      if (error instanceof NotClaimHolderError)
        return fail(
          'conflict',
          'You no longer hold this item: your claim lapsed or someone took it over. Reload.',
        );
      if (error instanceof ReviewNotFoundError)
        return fail('not_found', 'This review item no longer exists.');
      return failedAction(error, 'release: releasing the claim failed', NOTHING_SAVED, {
        transactionId: input.transactionId,
      });
    }
    revalidatePath('/transactions/[id]', 'page');
    return { ok: true, data: null };
  },
);

export async function releaseAction(
  previous: ActionState<null>,
  form: FormData,
): Promise<ActionResult<null>> {
  return release(previous, form);
}
