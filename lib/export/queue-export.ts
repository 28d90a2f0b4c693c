// The review queue as a CSV file: the same status, order and filters as the queue page's URL, every
// matching item from the top of the list (not just one page), bounded so one request cannot read the
// whole store into memory. The CSV text itself comes from csv.ts (quoting and formula escaping).
import 'server-only';

import type { QueueView, StoreQueueFilters } from '@/components/queue/queue-view';
import { listQueue, type ReviewSummary, type Store } from '@/lib/store';

import { collectPages, MAX_EXPORT_ROWS } from './collect';
import { toCsv, type CsvCell } from './csv';

export { MAX_EXPORT_ROWS } from './collect';

/** Columns, in file order: what an analyst needs to work the queue in a spreadsheet. */
const COLUMNS: readonly { name: string; value: (item: ReviewSummary) => CsvCell }[] = [
  { name: 'transaction_id', value: (i) => i.transaction_id },
  { name: 'status', value: (i) => i.status },
  { name: 'score', value: (i) => Number(i.score.toFixed(6)) },
  { name: 'threshold', value: (i) => i.threshold },
  { name: 'model_version', value: (i) => i.model_version },
  { name: 'flagged_at', value: (i) => i.flagged_at },
  { name: 'timestamp', value: (i) => i.tx.timestamp },
  { name: 'card_id', value: (i) => i.tx.card_id },
  { name: 'terminal_id', value: (i) => i.tx.terminal_id },
  { name: 'merchant_name', value: (i) => i.tx.merchant_name },
  { name: 'mcc', value: (i) => i.tx.mcc },
  { name: 'amount', value: (i) => i.tx.amount },
  { name: 'currency', value: (i) => i.tx.currency },
  { name: 'channel', value: (i) => i.tx.channel },
  { name: 'card_country', value: (i) => i.tx.card_country },
  { name: 'merchant_country', value: (i) => i.tx.merchant_country },
  { name: 'assignee', value: (i) => i.assignee },
  { name: 'claim_expires_at', value: (i) => i.claim_expires_at },
  { name: 'decision', value: (i) => i.decision?.outcome },
  { name: 'reason', value: (i) => i.decision?.reason },
  { name: 'note', value: (i) => i.decision?.note },
  { name: 'decided_by', value: (i) => i.decision?.analyst },
  { name: 'decided_at', value: (i) => i.decided_at },
];

export const QUEUE_EXPORT_COLUMNS: readonly string[] = COLUMNS.map((c) => c.name);

export interface QueueExport {
  csv: string;
  rows: number;
  /** More items matched than MAX_EXPORT_ROWS (or `maxRows`); the file holds the first ones. */
  truncated: boolean;
}

/**
 * Reads the view's items page by page, in the queue's order, up to `maxRows`, and writes them as CSV.
 * `filters` are the store's (toStoreFilters of the view, with the viewer's name for "me").
 */
export async function exportQueue(
  store: Store,
  view: Pick<QueueView, 'status' | 'order'>,
  filters: StoreQueueFilters,
  options: { maxRows?: number; now?: Date } = {},
): Promise<QueueExport> {
  const maxRows = Math.max(1, Math.min(options.maxRows ?? MAX_EXPORT_ROWS, MAX_EXPORT_ROWS));
  const now = options.now ?? new Date();
  const { items, truncated } = await collectPages(
    (cursor, limit) =>
      listQueue(store, {
        status: view.status,
        order: view.order,
        filters,
        limit,
        ...(cursor ? { cursor } : {}),
        now,
      }),
    maxRows,
  );
  const csv = toCsv(
    QUEUE_EXPORT_COLUMNS,
    items.map((item) => COLUMNS.map((c) => c.value(item))),
  );
  return { csv, rows: items.length, truncated };
}
