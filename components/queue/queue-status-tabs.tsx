// One tab per review status with its item count (all items, not only those matching the filters: the
// store keeps per-status counters, which is what makes this cheap). The filters carry over between tabs.
import 'server-only';

import Link from 'next/link';
import { connection } from 'next/server';

import { STATUS_LABELS } from '@/components/queue/queue-format';
import { firstPage, queueHref, type QueueView } from '@/components/queue/queue-view';
import { requestFormats } from '@/lib/format/request-locale';
import { logServerError } from '@/lib/log/server-error';
import { getReviewCounts, REVIEW_STATUSES, type ReviewStatus } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

export async function QueueStatusTabs({ view }: { view: QueueView }) {
  const { formatCount } = await requestFormats();
  await connection();
  let counts: Record<ReviewStatus, number> | null = null;
  try {
    counts = (await getReviewCounts(await getStore())).counts;
  } catch (error) {
    // The tabs still work without numbers; the list below reports the store's failure in full.
    await logServerError(error, 'queue: reading status counts failed');
  }
  return (
    <nav aria-label="Review status" className="flex gap-1 border-b border-gray-200">
      {REVIEW_STATUSES.map((status) => {
        const active = status === view.status;
        return (
          <Link
            key={status}
            href={queueHref(firstPage(view, { status }))}
            aria-current={active ? 'page' : undefined}
            title={`Every ${STATUS_LABELS[status].toLowerCase()} item; the filters below do not change this count`}
            className={`-mb-px inline-flex items-center gap-2 border-b-2 px-3 pb-2.5 pt-1 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600 ${
              active
                ? 'border-blue-600 text-blue-700'
                : 'border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900'
            }`}
          >
            {STATUS_LABELS[status]}
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums ${
                active ? 'bg-blue-100 text-blue-700' : 'bg-gray-100 text-gray-600'
              }`}
            >
              {counts ? formatCount(counts[status]) : '–'}
              {counts ? null : <span className="sr-only">count unavailable</span>}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}
