// Review items the reliability and security specs change, taken from the bottom of the open chip queue
// by score: the queue spec works the top of each channel's queue and the transaction spec the bottom of
// the e-commerce one, so these are items no other spec reads or changes. One slot per use, so specs
// running side by side never share an item.
import { getReviewItem, listQueue, type ReviewItem } from '@/lib/store';

import { openConsoleStore } from '../fixtures';

export const RESERVED_SLOT = {
  /** e2e/console/injection.spec.ts: merchant name rewritten to an HTML injection string. */
  htmlMerchant: 0,
  /** e2e/console/injection.spec.ts: merchant name rewritten to a spreadsheet formula. */
  formulaMerchant: 1,
  /** e2e/console/concurrent-decisions.spec.ts: decided by 20 analysts at once. */
  concurrentDecisions: 2,
  /** e2e/console/security.spec.ts: the target of a cross-origin server action. */
  crossOriginAction: 3,
  /** e2e/console/security.spec.ts: a transaction page whose headers are checked (read only). */
  headersPage: 4,
  /** e2e/console/audit.spec.ts: decided, then looked up on the audit page and in its export. */
  auditDecision: 5,
} as const;

/** The open chip item at `slot` from the bottom of the score order, read fresh from the store. */
export async function reservedItem(slot: number): Promise<ReviewItem> {
  const opened = await openConsoleStore();
  try {
    const page = await listQueue(opened.store, {
      status: 'open',
      order: 'score',
      filters: { channel: 'chip', assignee: null },
      limit: 500,
    });
    const summary = page.items[page.items.length - 1 - slot];
    if (!summary) throw new Error(`the console seed has fewer than ${slot + 1} open chip items`);
    const item = await getReviewItem(opened.store, { transactionId: summary.transaction_id });
    if (!item) throw new Error(`item ${summary.transaction_id} vanished`);
    return item;
  } finally {
    await opened.close();
  }
}
