// Drift and model health: population stability of the score and of every model input (the recent week
// against the training window, or the lake's first days when it does not hold that window), with a
// warning above PSI 0.2; attribution drift, daily precision from analyst decisions and overturned
// decisions from the review store.
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';

import { DashboardHeader } from '@/components/dashboard/dashboard-header';
import { DriftStatus } from '@/components/dashboard/drift-status';
import { DriftWindowsNote } from '@/components/dashboard/drift-windows-note';
import { LakeUnavailable } from '@/components/dashboard/lake-unavailable';
import { loadRiskPage } from '@/components/dashboard/page-context';
import { PSI_TITLES, PsiWidget } from '@/components/dashboard/psi-widgets';
import { RangeForm } from '@/components/dashboard/range-form';
import {
  REVIEW_DRIFT_TITLES,
  ReviewDriftWidget,
  type ReviewDriftKind,
} from '@/components/dashboard/review-drift-widgets';
import { settle, type Settled } from '@/components/dashboard/settled';
import { WidgetSkeleton } from '@/components/dashboard/widget-skeleton';
import { chooseDriftWindows } from '@/lib/analytics/drift-windows';
import type { SearchParams } from '@/lib/analytics/page-range';
import type { DayRange } from '@/lib/analytics/queries';
import { getDrift } from '@/lib/analytics/risk-pages';
import { overturnKind } from '@/lib/review-stats/overturned';
import { attributionSampleIds } from '@/lib/review-stats/read-reviews';
import { getReviewItems, getReviewsInRange } from '@/lib/review-stats/server';
import type { ReviewItem } from '@/lib/store';

export const metadata: Metadata = { title: 'Drift and model health' };

/** Flagged items per day whose attributions are read, and overturned ones on top: bounds the GetItems. */
const SAMPLE_PER_DAY = 10;
const MAX_OVERTURNED = 200;
const REVIEW_KINDS: ReviewDriftKind[] = ['attributions', 'precision', 'overturned'];

export default async function DriftPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const ctx = await loadRiskPage('/dashboard/drift', await searchParams);
  const { page, model } = ctx;
  const header = (
    <DashboardHeader
      section="drift"
      title="Drift and model health"
      description="Whether today’s traffic still looks like what the model was trained on, and whether analysts agree with it."
      query={ctx.rangeQuery}
    />
  );
  if (ctx.lakeError || !page) return <LakeUnavailable header={header} error={ctx.lakeError} />;

  const { range } = page;
  const training = model.manifest.windows.train;
  const windows = chooseDriftWindows(
    ctx.days.filter((d) => d.day <= range.to).map((d) => d.day),
    training,
  );
  // Rows per window from the day list, so PSI can sample windows that hold millions of rows.
  const rowsIn = (r: DayRange) =>
    ctx.days.filter((d) => d.day >= r.from && d.day <= r.to).reduce((n, d) => n + d.transactions, 0);
  const drift = windows
    ? settle(
        'drift',
        getDrift({
          reference: windows.reference,
          recent: windows.recent,
          columns: ['score', ...model.features],
          rows: { reference: rowsIn(windows.reference), recent: rowsIn(windows.recent) },
        }),
      )
    : null;
  const reviews = settle('review items', getReviewsInRange(range));
  const items: Promise<Settled<ReviewItem[]>> = reviews.then((r) =>
    r.ok
      ? settle(
          'attributions',
          getReviewItems(
            attributionSampleIds(r.value.items, {
              perDay: SAMPLE_PER_DAY,
              extra: (i) => overturnKind(i) !== null,
              maxOther: MAX_OVERTURNED,
            }),
          ),
        )
      : r,
  );
  const names = { version: model.version, features: model.features };

  return (
    <main className="mx-auto max-w-console px-6 pb-16 pt-8 lg:px-8">
      {header}
      <div className="mt-6 space-y-6">
        <RangeForm action="/dashboard/drift" range={range} days={ctx.days} ignored={page.ignored} />
        {windows && drift ? (
          <>
            <Suspense fallback={<WidgetSkeleton title="Drift" body="short" />}>
              <DriftStatus drift={drift} />
            </Suspense>
            <DriftWindowsNote choice={windows} training={training} />
            <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
              <Suspense fallback={<WidgetSkeleton title={PSI_TITLES.score} />}>
                <PsiWidget kind="score" drift={drift} />
              </Suspense>
              <Suspense fallback={<WidgetSkeleton title={PSI_TITLES.features} />}>
                <PsiWidget kind="features" drift={drift} />
              </Suspense>
            </div>
          </>
        ) : (
          <p
            role="status"
            className="rounded-xl border border-dashed border-gray-300 bg-white px-5 py-6 text-sm text-gray-600"
          >
            The lake holds too few days up to {range.to} for drift: it needs a recent week and at least three
            earlier days with data to compare against.
          </p>
        )}
        <Suspense fallback={<WidgetSkeleton title={REVIEW_DRIFT_TITLES.attributions} />}>
          <ReviewDriftWidget kind="attributions" reviews={reviews} items={items} model={names} />
        </Suspense>
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          {REVIEW_KINDS.filter((k) => k !== 'attributions').map((kind) => (
            <Suspense key={kind} fallback={<WidgetSkeleton title={REVIEW_DRIFT_TITLES[kind]} />}>
              <ReviewDriftWidget kind={kind} reviews={reviews} items={items} model={names} />
            </Suspense>
          ))}
        </div>
      </div>
    </main>
  );
}
