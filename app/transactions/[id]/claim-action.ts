'use server';

// Claims the item for the signed-in analyst (a time-limited hold, so two analysts do not work the same
// item) on the version their page showed, and refreshes the page; says who holds it, or who changed
// it, when that fails. The write itself is review-writes.ts's claimItem.
import { revalidatePath } from 'next/cache';

import { defineAction, type ActionResult, type ActionState } from '@/lib/actions/safe-action';

import { claimItem, claimSchema, type ClaimResult } from './review-writes';

export type { ClaimResult } from './review-writes';

const claim = defineAction(
  'review:decide',
  claimSchema,
  async (input, user): Promise<ActionResult<ClaimResult>> => {
    const result = await claimItem(input, user);
    if (result.ok) revalidatePath('/transactions/[id]', 'page');
    return result;
  },
);

export async function claimAction(
  previous: ActionState<ClaimResult>,
  form: FormData,
): Promise<ActionResult<ClaimResult>> {
  return claim(previous, form);
}
