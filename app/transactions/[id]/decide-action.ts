'use server';

// Records an analyst's decision on the version of the item their form showed, and refreshes the page.
// A stale form (someone claimed, released or decided since) gets "changed by X at T — reload" instead
// of overwriting; the write itself is review-writes.ts's recordDecision.
import { revalidatePath } from 'next/cache';

import { defineAction, type ActionResult, type ActionState } from '@/lib/actions/safe-action';

import { decideSchema, recordDecision, type DecideResult } from './review-writes';

export type { DecideResult } from './review-writes';

const decide = defineAction(
  'review:decide',
  decideSchema,
  async (input, user): Promise<ActionResult<DecideResult>> => {
    const result = await recordDecision(input, user);
    if (result.ok) revalidatePath('/transactions/[id]', 'page');
    return result;
  },
);

export async function decideAction(
  previous: ActionState<DecideResult>,
  form: FormData,
): Promise<ActionResult<DecideResult>> {
  return decide(previous, form);
}
