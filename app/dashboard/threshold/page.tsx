// The threshold what-if: from labelled history (the lake's simulated labels; analyst decisions where
// they exist), what each threshold would mean for precision, recall, alerts and analyst hours per day,
// with the live threshold marked. Admins change the live threshold here; every change is an audit
// event, listed below.
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';

import { DashboardHeader } from '@/components/dashboard/dashboard-header';
import { LakeEmptyRange } from '@/components/dashboard/lake-empty-range';
import { LakeUnavailable } from '@/components/dashboard/lake-unavailable';
import { LiveThresholdPanel } from '@/components/dashboard/live-threshold-panel';
import { loadRiskPage } from '@/components/dashboard/page-context';
import { RangeForm } from '@/components/dashboard/range-form';
import { settle } from '@/components/dashboard/settled';
import { THRESHOLD_HISTORY_TITLE, ThresholdHistory } from '@/components/dashboard/threshold-history';
import {
  ThresholdWidget,
  thresholdWidgetTitle,
  type ThresholdWidgetKind,
} from '@/components/dashboard/threshold-widgets';
import { WidgetSkeleton } from '@/components/dashboard/widget-skeleton';
import { daysIn } from '@/lib/analytics/coverage';
import { resolveIntParam, type SearchParams } from '@/lib/analytics/page-range';
import { scoreHistogram } from '@/lib/analytics/queries';
import { getAnalytics } from '@/lib/analytics/server';
import { can } from '@/lib/auth/roles';
import { getReviewsInRange } from '@/lib/review-stats/server';
import { getStore } from '@/lib/store/server-store';
import { listThresholdChanges } from '@/lib/threshold/live';

export const metadata: Metadata = { title: 'Threshold what-if' };

const MINUTES = { min: 1, max: 120, fallback: 5 };
const KINDS: ThresholdWidgetKind[] = ['at-live', 'quality', 'workload'];

export default async function ThresholdPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const params = await searchParams;
  const ctx = await loadRiskPage('/dashboard/threshold', params);
  const { page, live } = ctx;
  const minutes = resolveIntParam(params, 'minutes', MINUTES);
  const keep: Record<string, string> =
    minutes.value === MINUTES.fallback ? {} : { minutes: String(minutes.value) };

  const changes = settle(
    'the threshold changes',
    getStore().then(async (store) => (await listThresholdChanges(store, { limit: 25 })).changes),
  );
  const header = (
    <DashboardHeader
      section="threshold"
      title="Threshold what-if"
      description="What each threshold would mean for precision, recall, alert volume and analyst time — and the live threshold new scoring uses."
      query={ctx.rangeQuery}
    />
  );
  const panel = (
    <LiveThresholdPanel
      live={live}
      canChange={can(ctx.user.roles, 'threshold:write')}
      storeError={ctx.liveError}
    />
  );
  const history = (
    <Suspense fallback={<WidgetSkeleton title={THRESHOLD_HISTORY_TITLE} body="short" />}>
      <ThresholdHistory changes={changes} modelVersion={live.modelVersion} />
    </Suspense>
  );

  if (ctx.lakeError || !page)
    return <LakeUnavailable header={header} error={ctx.lakeError} before={panel} after={history} />;

  const { range } = page;
  const days = daysIn(ctx.days, range).length;
  const histogram =
    days > 0 ? settle('the score histogram', scoreHistogram(getAnalytics().engine, range)) : null;
  const reviews = settle('review decisions', getReviewsInRange(range));
  const ignored = [...page.ignored, ...(minutes.ignored ? [minutes.ignored] : [])];

  return (
    <main className="mx-auto max-w-console px-6 pb-16 pt-8 lg:px-8">
      {header}
      <div className="mt-6 space-y-6">
        {panel}
        <RangeForm action="/dashboard/threshold" range={range} days={ctx.days} keep={keep} ignored={ignored}>
          <label className="text-[13px] font-medium text-gray-700">
            Minutes per review
            <input
              type="number"
              name="minutes"
              min={MINUTES.min}
              max={MINUTES.max}
              step={1}
              defaultValue={minutes.value}
              className="mt-1 block h-9 w-24 rounded-md border-0 px-2.5 text-sm tabular-nums text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-blue-600"
            />
          </label>
        </RangeForm>
        {histogram ? (
          KINDS.map((kind) => (
            <Suspense
              key={kind}
              fallback={
                <WidgetSkeleton
                  title={thresholdWidgetTitle(kind)}
                  body={kind === 'at-live' ? 'kpis' : 'chart'}
                />
              }
            >
              <ThresholdWidget
                kind={kind}
                histogram={histogram}
                reviews={reviews}
                live={live.value}
                days={days}
                minutesPerReview={minutes.value}
              />
            </Suspense>
          ))
        ) : (
          <LakeEmptyRange from={range.from} to={range.to} resetHref="/dashboard/threshold" />
        )}
        {history}
      </div>
    </main>
  );
}
