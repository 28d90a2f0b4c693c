// Which item `n` (and "record & next") opens from a transaction page: the highest-score item in the
// analyst's queue view (triage-view.ts) that nobody holds and that is not this one — what "Next item"
// on the queue would claim. Read when the page renders, so the browser can prefetch that page and
// open it at once; the claim itself is a conditional write made when the analyst moves on.
import 'server-only';

import { cookies } from 'next/headers';

import { toStoreFilters } from '@/components/queue/queue-view';
import { TRIAGE_VIEW_COOKIE, triageQuery, triageViewFromCookie } from '@/components/queue/triage-view';
import { requestFormats } from '@/lib/format/request-locale';
import { logServerError } from '@/lib/log/server-error';
import { listQueue } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

export interface NextItem {
  id: string;
  /** The version seen now: the claim is conditional on it. */
  version: number;
  /** `€120.00 at Shop · 87.1%`, for the link. */
  label: string;
}

export interface TriageContextData {
  next: NextItem | null;
  /** The view as a query string, for the queue's claim-next action when there is no candidate. */
  view: string;
}

/** Index entries read looking for a candidate: as the queue page, a selective filter stops early. */
const SCAN_BUDGET = 2_000;

export async function findNextItem(currentId: string, actor: string): Promise<TriageContextData> {
  const view = triageViewFromCookie((await cookies()).get(TRIAGE_VIEW_COOKIE)?.value);
  const query = triageQuery(view);
  // As the queue's claim-next action: decided tabs have nothing to claim, so they work the open queue.
  const status = view.status === 'escalated' ? 'escalated' : 'open';
  const { assignee: _assignee, ...filters } = toStoreFilters(view, actor);
  try {
    const page = await listQueue(await getStore(), {
      status,
      order: 'score',
      filters: { ...filters, assignee: null },
      limit: 3,
      maxScanned: SCAN_BUDGET,
    });
    const item = page.items.find((i) => i.transaction_id !== currentId);
    const { formatMoney, formatScore } = await requestFormats();
    return {
      view: query,
      next: item
        ? {
            id: item.transaction_id,
            version: item.version,
            label: `${formatMoney(item.tx.amount, item.tx.currency)} at ${item.tx.merchant_name} · ${formatScore(item.score)}`,
          }
        : null,
    };
  } catch (error) {
    // Not worth a banner: `n` then asks the queue's own action, which reports a store failure itself.
    await logServerError(error, 'transaction page: finding the next item failed', {
      transactionId: currentId,
    });
    return { view: query, next: null };
  }
}
