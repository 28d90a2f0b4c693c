// Moving through the queue by the store's cursors: "Previous" follows the trail of earlier cursors kept
// in the URL, "Next" the cursor the store returned; positions, not offsets, so rows never repeat or
// vanish between pages while others decide items. Also the page size.
import Link from 'next/link';

import { BUTTON_SECONDARY } from '@/components/queue/queue-styles';
import {
  firstPage,
  nextPage,
  pageNumber,
  previousPage,
  QUEUE_PAGE_SIZES,
  queueHref,
  type QueueView,
} from '@/components/queue/queue-view';
import { SlaLegend } from '@/components/queue/sla-legend';

const DISABLED =
  'inline-flex h-8 items-center justify-center rounded-md px-3 text-sm font-medium text-gray-400 ring-1 ring-inset ring-gray-200';

export function QueuePagination({
  view,
  cursor,
  shown,
}: {
  view: QueueView;
  /** The store's cursor for the page after this one; null at the end of the list. */
  cursor: string | null;
  shown: number;
}) {
  const previous = previousPage(view);
  const page = pageNumber(view);
  return (
    <nav
      aria-label="Pages"
      className="flex flex-wrap items-center justify-between gap-3 text-sm text-gray-600"
    >
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <p className="tabular-nums">
          Page {page} · {shown} item{shown === 1 ? '' : 's'} shown
        </p>
        <SlaLegend />
      </div>
      <div className="flex items-center gap-4">
        <p className="flex items-center gap-1">
          <span className="mr-1 text-gray-500">Per page</span>
          {QUEUE_PAGE_SIZES.map((size) =>
            size === view.size ? (
              <span
                key={size}
                aria-current="true"
                className="rounded-md bg-gray-900 px-2 py-0.5 font-medium tabular-nums text-white"
              >
                {size}
              </span>
            ) : (
              <Link
                key={size}
                href={queueHref(firstPage(view, { size }))}
                className="rounded-md px-2 py-0.5 tabular-nums hover:bg-gray-100 hover:text-gray-900"
              >
                {size}
              </Link>
            ),
          )}
        </p>
        <div className="flex items-center gap-2">
          {previous ? (
            <Link href={queueHref(previous)} rel="prev" className={BUTTON_SECONDARY}>
              Previous
            </Link>
          ) : (
            <span aria-disabled="true" className={DISABLED}>
              Previous
            </span>
          )}
          {cursor ? (
            <Link href={queueHref(nextPage(view, cursor))} rel="next" className={BUTTON_SECONDARY}>
              Next page
            </Link>
          ) : (
            <span aria-disabled="true" className={DISABLED}>
              Next page
            </span>
          )}
        </div>
      </div>
    </nav>
  );
}
