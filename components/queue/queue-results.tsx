// The queue's rows for the current view, read from the review store at request time, with the page
// links, the empty state, and an error state that says what went wrong when the read fails.
import 'server-only';

import Link from 'next/link';
import { connection } from 'next/server';
import { ZodError } from 'zod';

import { BANNER_BUTTON, ErrorBanner } from '@/components/app-shell/error-banner';
import { QueueEmptyState } from '@/components/queue/queue-empty-state';
import { QueuePagination } from '@/components/queue/queue-pagination';
import { toQueueRow } from '@/components/queue/queue-row-data';
import { QueueTable } from '@/components/queue/queue-table';
import { firstPage, queueHref, toStoreFilters, type QueueView } from '@/components/queue/queue-view';
import { describeStoreFailure } from '@/components/queue/store-failure';
import { requestFormats } from '@/lib/format/request-locale';
import { logServerError } from '@/lib/log/server-error';
import { InvalidCursorError, listQueue, type Page, type ReviewSummary } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

/**
 * Index entries one page may read to fill itself. Filters other than status, score and age are applied
 * while reading (docs/STORE.md), so a selective filter costs about 0.05–0.1 ms per entry read: 2,000
 * keeps such a page near 150 ms at 100k items; a page that runs out says so and offers the next one.
 */
const SCAN_BUDGET = 2_000;

export async function QueueResults({
  view,
  actor,
  canDecide,
}: {
  view: QueueView;
  actor: string;
  canDecide: boolean;
}) {
  const { formatCount } = await requestFormats();
  // The queue changes under a running server (ingestion, other analysts): never prerender it.
  await connection();
  const now = new Date();
  let page: Page<ReviewSummary>;
  try {
    page = await listQueue(await getStore(), {
      status: view.status,
      order: view.order,
      filters: toStoreFilters(view, actor),
      limit: view.size,
      ...(view.cursor ? { cursor: view.cursor } : {}),
      maxScanned: SCAN_BUDGET,
      now,
    });
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      return (
        <ErrorBanner
          title="This page link no longer fits the list"
          actions={
            <Link href={queueHref(firstPage(view))} className={BANNER_BUTTON}>
              Go to the first page
            </Link>
          }
        >
          <p>
            Its position belongs to another status or sort order, so the queue cannot continue from it. Start
            again from the first page.
          </p>
        </ErrorBanner>
      );
    }
    const requestId = await logServerError(error, 'queue: listing the review queue failed', {
      status: view.status,
    });
    const malformed = error instanceof ZodError;
    return (
      <ErrorBanner
        title="The review queue could not be loaded"
        requestId={requestId}
        actions={
          <Link href={queueHref(view)} className={BANNER_BUTTON}>
            Try again
          </Link>
        }
      >
        <p>
          {malformed
            ? 'The review store returned an item that fails validation, so the page was not shown half-formed. The server log names the item.'
            : describeStoreFailure(error)}{' '}
          Decisions already recorded are safe.
        </p>
      </ErrorBanner>
    );
  }

  const rows = page.items.map((item) => toQueueRow(item, now, actor));
  const decided = view.status === 'fraud' || view.status === 'legitimate';
  // A selective filter can spend the scan budget before a page fills; say so instead of looking final.
  const partial = page.cursor !== null && rows.length < view.size;
  return (
    <div className="space-y-3">
      {partial ? (
        <p className="rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900 ring-1 ring-inset ring-blue-600/20">
          Read {formatCount(page.scanned)} queue items to find{' '}
          {rows.length === 0 ? 'none' : `these ${rows.length}`}; more may match further down. Use{' '}
          <strong className="font-semibold">Next page</strong> to keep looking.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <QueueTable rows={rows} selectable={canDecide && !decided} decided={decided} />
      ) : page.cursor === null ? (
        <QueueEmptyState view={view} />
      ) : null}
      <QueuePagination view={view} cursor={page.cursor} shown={rows.length} />
    </div>
  );
}
