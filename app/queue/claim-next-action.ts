'use server';

// "Next": claims the highest-score item nobody holds for the signed-in analyst (claimNext, a
// conditional write, so two analysts never get the same item) and opens it. It takes from the queue
// view the analyst is looking at, so "Next" respects their filters.
import { redirect } from 'next/navigation';
import { z } from 'zod';

import { parseQueueView, toStoreFilters } from '@/components/queue/queue-view';
import { defineAction, fail } from '@/lib/actions/safe-action';
import { claimNext, storeSettingsFromEnv } from '@/lib/store';
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
  const item = await claimNext(await getStore(), {
    analyst: user.actor,
    claimMs: storeSettingsFromEnv().claimMs,
    status,
    filters,
  });
  if (!item) {
    return fail(
      'not_found',
      `No unclaimed ${status} items${Object.keys(filters).length > 0 ? ' match these filters' : ' are waiting'}.`,
    );
  }
  redirect(`/transactions/${encodeURIComponent(item.transaction_id)}`);
});
