'use server';

// Rescores an edited copy of the transaction in a sandbox: same feature code over the item's stored
// context, same model, exact TreeSHAP. Returns the new score and the attribution diff; the stored item
// is untouched, and a `rescored` audit event records who tried what.
import { revalidatePath } from 'next/cache';

import { defineAction, fail, type ActionResult, type ActionState } from '@/lib/actions/safe-action';
import { requestFormats } from '@/lib/format/request-locale';
import { failedAction } from '@/lib/log/action-failure';
import { getModel } from '@/lib/model/scorer';
import { rescoreFormSchema } from '@/lib/review/rescore-edits';
import { rescoreReviewItem, type RescoreResult } from '@/lib/review/rescore-item';
import { getStore } from '@/lib/store/server-store';

const rescore = defineAction(
  'review:rescore',
  rescoreFormSchema,
  async (form, user): Promise<ActionResult<RescoreResult>> => {
    let outcome: Awaited<ReturnType<typeof rescoreReviewItem>>;
    try {
      const [store, model, formats] = await Promise.all([getStore(), getModel(), requestFormats()]);
      outcome = await rescoreReviewItem(store, model, { form, actor: user.actor, formats });
    } catch (error) {
      return failedAction(
        error,
        'rescore: scoring the edited copy failed',
        'The model or the review store did not answer, so nothing was rescored. Try again in a moment.',
        { transactionId: form.transactionId },
      );
    }
    if (!outcome.ok && outcome.reason === 'not_found')
      return fail('not_found', 'This review item no longer exists.');
    if (!outcome.ok)
      return {
        ok: false,
        code: 'invalid',
        error: outcome.message,
        fieldErrors: { [outcome.field]: [outcome.message] },
      };
    // The trail on the page gains the `rescored` event.
    revalidatePath('/transactions/[id]', 'page');
    return { ok: true, data: outcome.result };
  },
);

export async function rescoreAction(
  previous: ActionState<RescoreResult>,
  form: FormData,
): Promise<ActionResult<RescoreResult>> {
  return rescore(previous, form);
}
