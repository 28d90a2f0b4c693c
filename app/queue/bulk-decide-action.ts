'use server';

// Bulk decision: one outcome, reason and note applied to several queue items, each recorded as its own
// decision (and audit event) by decideReview, conditional on the version the analyst saw. Every item's
// result comes back, so conflicts are shown next to the successes rather than hidden by them.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { defineAction, type ActionResult } from '@/lib/actions/safe-action';
import { failedAction, NOTHING_SAVED } from '@/lib/log/action-failure';
import { logServerError } from '@/lib/log/server-error';
import { isReasonFor } from '@/lib/review/reasons';
import {
  decideReview,
  getReviewItem,
  isClaimActive,
  OUTCOMES,
  ReviewConflictError,
  ReviewNotFoundError,
  type Outcome,
  type Store,
} from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

/** A page holds at most 100 rows, so that is the most one bulk decision can carry. */
const MAX_ITEMS = 100;
/** Items decided at once: enough to finish a page quickly without flooding the store. */
const CONCURRENCY = 4;

const schema = z
  .object({
    items: z
      .array(z.object({ id: z.string().min(1).max(64), version: z.number().int().min(1) }))
      .min(1, 'Select at least one item.')
      .max(MAX_ITEMS, `Decide at most ${MAX_ITEMS} items at once.`)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'An item is listed twice.'),
    outcome: z.enum(OUTCOMES, { error: 'Choose an outcome.' }),
    reason: z.string({ error: 'Choose a reason.' }).min(1, 'Choose a reason.'),
    note: z
      .string()
      .trim()
      .max(2000, 'Keep the note under 2,000 characters.')
      .optional()
      .transform((n) => (n ? n : undefined)),
    /** One per submit: with the item id it makes a retried submit record each decision once. */
    batchId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  })
  .refine((input) => isReasonFor(input.outcome, input.reason), {
    path: ['reason'],
    message: 'That reason does not go with this outcome.',
  });

export type BulkItemResult =
  | { id: string; result: 'decided' | 'replayed' }
  /** Someone else holds a live claim on the item. */
  | { id: string; result: 'claimed'; by: string; until: string }
  /** The item changed since the page was rendered (decided, claimed, released …). */
  | { id: string; result: 'changed'; by: string; at: string; action: string; status: string }
  | { id: string; result: 'not_found' }
  | { id: string; result: 'error'; message: string };

export interface BulkDecideResult {
  outcome: Outcome;
  reason: string;
  results: BulkItemResult[];
}

export const bulkDecideAction = defineAction(
  'review:decide',
  schema,
  async (input, user): Promise<ActionResult<BulkDecideResult>> => {
    let store: Store;
    try {
      store = await getStore();
    } catch (error) {
      return failedAction(error, 'bulk decide: opening the review store failed', NOTHING_SAVED);
    }
    const results: BulkItemResult[] = new Array(input.items.length);

    async function decideOne(index: number): Promise<void> {
      const { id, version } = input.items[index]!;
      try {
        // decideReview does not look at claims; an item another analyst is working stays theirs. The
        // decision below is conditional on the version the analyst saw, so a claim taken after this read
        // (or before it, unseen by the page) fails it.
        const current = await getReviewItem(store, { transactionId: id });
        if (!current) {
          results[index] = { id, result: 'not_found' };
          return;
        }
        if (isClaimActive(current) && current.assignee !== user.actor) {
          results[index] = {
            id,
            result: 'claimed',
            by: current.assignee ?? 'another analyst',
            until: current.claim_expires_at ?? current.updated_at,
          };
          return;
        }
        const { replayed } = await decideReview(store, {
          transactionId: id,
          version,
          outcome: input.outcome,
          reason: input.reason,
          ...(input.note ? { note: input.note } : {}),
          analyst: user.actor,
          requestId: `${input.batchId}:${id}`.slice(0, 128),
        });
        results[index] = { id, result: replayed ? 'replayed' : 'decided' };
      } catch (error) {
        if (error instanceof ReviewConflictError) {
          const c = error.current;
          results[index] = {
            id,
            result: 'changed',
            by: c.updated_by,
            at: c.updated_at,
            action: c.last_action,
            status: c.status,
          };
        } else if (error instanceof ReviewNotFoundError) {
          results[index] = { id, result: 'not_found' };
        } else {
          const requestId = await logServerError(error, 'bulk decide: recording one decision failed', {
            transactionId: id,
          });
          results[index] = {
            id,
            result: 'error',
            message: `The review store did not accept the write${requestId ? ` (request id ${requestId})` : ''}.`,
          };
        }
      }
    }

    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, input.items.length) }, async () => {
        while (next < input.items.length) await decideOne(next++);
      }),
    );

    revalidatePath('/queue');
    const done = results.filter((r) => r.result === 'decided' || r.result === 'replayed').length;
    return {
      ok: true as const,
      data: { outcome: input.outcome, reason: input.reason, results },
      message: `${done} of ${results.length} recorded`,
    };
  },
);
