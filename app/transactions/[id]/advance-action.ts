'use server';

// Moves an analyst on to the next item in one request: records the decision they just made on the
// current item (when they made one) and claims the next item, the one their page had already
// prefetched and is showing while this runs. It does not revalidate: that would empty the browser's
// prefetched pages, and the page the analyst lands on refreshes itself once this answers.
import { z } from 'zod';

import { defineAction, type ActionResult } from '@/lib/actions/safe-action';

import {
  claimItem,
  claimSchema,
  decideSchema,
  recordDecision,
  type ClaimResult,
  type DecideResult,
} from './review-writes';

const schema = z
  .object({ decision: decideSchema.optional(), next: claimSchema.optional() })
  .refine((input) => input.decision !== undefined || input.next !== undefined, 'Nothing to do.');

export interface AdvanceResult {
  /** The decision on the item left behind, when one was sent. */
  decision: ActionResult<DecideResult> | null;
  /** The claim on the item moved to, when one was asked for. */
  claim: ActionResult<ClaimResult> | null;
}

export const advanceAction = defineAction(
  'review:decide',
  schema,
  async (input, user): Promise<ActionResult<AdvanceResult>> => {
    // In order: the decision first, so the item left behind is never both decided late and unclaimed.
    const decision = input.decision ? await recordDecision(input.decision, user) : null;
    // The next item may have changed since the page was read (a release, say): take it if still free.
    const claim = input.next ? await claimItem(input.next, user, { ifStillFree: true }) : null;
    return { ok: true, data: { decision, claim } };
  },
);
