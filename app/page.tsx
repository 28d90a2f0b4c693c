// Home page: what the console is, and a live summary of the transactions in the data lake.
import { Suspense } from 'react';

import { LakeOverview } from '@/components/lake/lake-overview';
import { LakeOverviewSkeleton } from '@/components/lake/lake-overview-skeleton';
import { requirePage } from '@/lib/auth/session';

export default async function HomePage() {
  await requirePage('review:read', '/');
  return (
    <main className="mx-auto max-w-console px-6 pb-16 pt-8 lg:px-8">
      <div className="max-w-3xl">
        <p className="text-sm font-medium text-blue-600">Card-fraud operations</p>
        <h1 className="mt-1 text-3xl font-semibold tracking-tight text-gray-900">Fraud Review Console</h1>
        <p className="mt-2 text-base leading-7 text-gray-600">
          Scores every card transaction, queues the suspicious ones for analysts with the reasons behind each
          score, and records every decision in an audit trail.
        </p>
      </div>

      <section aria-labelledby="lake-heading" className="mt-8">
        <div className="mb-4 flex flex-wrap items-end justify-between gap-2 border-b border-gray-200 pb-3">
          <div>
            <h2 id="lake-heading" className="text-lg font-semibold text-gray-900">
              Data lake
            </h2>
            <p className="mt-0.5 text-sm text-gray-500">
              Every transaction written to the Parquet lake, read fresh on each visit.
            </p>
          </div>
        </div>
        <Suspense fallback={<LakeOverviewSkeleton />}>
          <LakeOverview />
        </Suspense>
      </section>
    </main>
  );
}
