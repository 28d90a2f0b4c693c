// Shown when the page has no rows: says whether the filters or the queue itself are the reason, with
// the way out (clear the filters) when filters are set.
import Link from 'next/link';

import { STATUS_LABELS } from '@/components/queue/queue-format';
import { clearFilters, hasFilters, queueHref, type QueueView } from '@/components/queue/queue-view';

export function QueueEmptyState({ view }: { view: QueueView }) {
  const status = STATUS_LABELS[view.status].toLowerCase();
  const filtered = hasFilters(view);
  return (
    <div className="rounded-xl border border-dashed border-gray-300 bg-white px-6 py-14 text-center">
      <svg
        viewBox="0 0 24 24"
        className="mx-auto h-10 w-10 text-gray-400"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        aria-hidden="true"
      >
        <path d="M3.75 6.75h16.5M3.75 12h16.5M3.75 17.25h9" strokeLinecap="round" />
      </svg>
      <h2 className="mt-4 text-base font-semibold text-gray-900">
        {filtered ? `No ${status} items match these filters` : `No ${status} items`}
      </h2>
      <p className="mt-1.5 text-sm text-gray-600">
        {filtered
          ? 'Widen or clear the filters to see more of the queue.'
          : view.status === 'open'
            ? 'The queue is clear. New flagged transactions appear here as the pipeline ingests them.'
            : 'Items appear here once an analyst decides them this way.'}
      </p>
      {filtered ? (
        <Link
          href={queueHref(clearFilters(view))}
          className="mt-4 inline-block text-sm font-medium text-blue-600 hover:text-blue-700"
        >
          Clear filters
        </Link>
      ) : null}
    </div>
  );
}
