'use server';

// "Next": claims the highest-score item nobody holds for the signed-in analyst (claimNext, a
// conditional write, so two analysts never get the same item) and opens it. It takes from the queue
// view the analyst is looking at, so "Next" respects their filters.
import { redirect } from 'next/navigation';
import { z } from 'zod';

import { parseQueueView, toStoreFilters } from '@/components/queue/queue-view';
import { defineAction, fail } from '@/lib/actions/safe-action';
import { failedAction } from '@/lib/log/action-failure';
import { claimNext, storeSettingsFromEnv, type ReviewItem } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

const schema = z.object({
  /** The queue page's query string (without `?`). */
  view: z.string().max(8_000).default(''),
});

export const claimNextAction = defineAction('review:decide', schema, async (input, user) => {
  const { view } = parseQueueView(new URLSearchParams(input.view));
  // Decided tabs have nothing to claim: "Next" then works the open queue.
  const status = view.status === 'escalated' ? 'escalated' : 'open';
  // Whose claim an item is under is what "Next" decides, so an assignee filter does not apply.
  const { assignee: _assignee, ...filters } = toStoreFilters(view, user.actor);
  let item: ReviewItem | null;
  try {
    item = await claimNext(await getStore(), {
      analyst: user.actor,
      claimMs: storeSettingsFromEnv().claimMs,
      status,
      filters,
    });
  } catch (error) {
    return failedAction(
      error,
      'next item: claiming from the queue failed',
      'The review store did not answer, so no item was claimed. Try again in a moment.',
    );
  }
  if (!item) {
    return fail(
      'not_found',
      `No unclaimed ${status} items${Object.keys(filters).length > 0 ? ' match these filters' : ' are waiting'}.`,
    );
  }
  redirect(`/transactions/${encodeURIComponent(item.transaction_id)}`);
});
