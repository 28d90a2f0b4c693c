// The review queue: flagged transactions waiting for a decision, by score or age, filtered through the
// URL, with counts per status, "Next item" to claim the top one, and bulk decisions.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';

import { QueueClaimToggle } from '@/components/queue/queue-claim-toggle';
import { QueueFilters } from '@/components/queue/queue-filters';
import { QueueIgnoredParams } from '@/components/queue/queue-ignored-params';
import { QueueNextButton } from '@/components/queue/queue-next-button';
import { QueueOrderToggle } from '@/components/queue/queue-order-toggle';
import { QueueResults } from '@/components/queue/queue-results';
import { QueueStatusTabs } from '@/components/queue/queue-status-tabs';
import { QueueTableSkeleton } from '@/components/queue/queue-table-skeleton';
import { QueueTabsSkeleton } from '@/components/queue/queue-tabs-skeleton';
import { parseQueueView, queueHref, queueViewToParams } from '@/components/queue/queue-view';
import { triageQuery } from '@/components/queue/triage-view';
import { can } from '@/lib/auth/roles';
import { requirePage } from '@/lib/auth/session';
import { storeSettingsFromEnv } from '@/lib/store';

export const metadata: Metadata = { title: 'Review queue' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function QueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  const user = await requirePage('review:read', query.size > 0 ? `/queue?${query}` : '/queue');
  const { view, ignored } = parseQueueView(params);
  // The filter form submits its blank fields too; tidy such URLs so they can be read and shared.
  if (ignored.length === 0 && [...query.values()].some((v) => v.trim() === '')) redirect(queueHref(view));

  const canDecide = can(user.roles, 'review:decide');
  const viewQuery = queueViewToParams(view).toString();
  return (
    <main className="mx-auto max-w-console px-6 pb-16 pt-8 lg:px-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <p className="text-sm font-medium text-blue-600">Triage</p>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight text-gray-900">Review queue</h1>
          <p className="mt-2 text-base leading-7 text-gray-600">
            Transactions the model flagged, waiting for an analyst&apos;s decision.
          </p>
        </div>
        {canDecide ? (
          <QueueNextButton
            view={viewQuery}
            triageView={triageQuery(view)}
            claimMinutes={Math.round(storeSettingsFromEnv().claimMs / 60_000)}
          />
        ) : null}
      </div>

      <div className="mt-6 flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <Suspense fallback={<QueueTabsSkeleton />}>
          <QueueStatusTabs view={view} />
        </Suspense>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2 pb-2">
          <QueueClaimToggle view={view} />
          <QueueOrderToggle view={view} />
        </div>
      </div>

      <div className="mt-4 space-y-4">
        <QueueFilters view={view} />
        {ignored.length > 0 ? <QueueIgnoredParams ignored={ignored} /> : null}
        {/* Keyed by the view, so changing a filter or page shows the skeleton instead of stale rows. */}
        <Suspense key={viewQuery} fallback={<QueueTableSkeleton />}>
          <QueueResults view={view} actor={user.actor} canDecide={canDecide} />
        </Suspense>
      </div>
    </main>
  );
}
