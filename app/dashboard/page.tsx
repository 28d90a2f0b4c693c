// The risk dashboard: per day over a chosen range (in the URL; default the last 30 days with data),
// volume, flagged and fraud rates and the share of fraud the live threshold catches, from the lake;
// what analysts decided, from the review store; and fraud by pattern, channel, country and merchant
// category. Every read starts at once and each widget streams in behind its own skeleton.
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';

import { breakdownTitle, BreakdownWidget } from '@/components/dashboard/breakdown-widget';
import { DailyWidget, dailyWidgetTitle, type DailyWidgetKind } from '@/components/dashboard/daily-widgets';
import { DashboardHeader } from '@/components/dashboard/dashboard-header';
import { LakeEmptyRange } from '@/components/dashboard/lake-empty-range';
import { LakeUnavailable } from '@/components/dashboard/lake-unavailable';
import { LiveThresholdNote } from '@/components/dashboard/live-threshold-note';
import { OverviewKpis } from '@/components/dashboard/overview-kpis';
import { loadRiskPage } from '@/components/dashboard/page-context';
import { RangeForm } from '@/components/dashboard/range-form';
import { REVIEW_OUTCOMES_TITLE, ReviewOutcomesWidget } from '@/components/dashboard/review-outcomes-widget';
import { mapSettled, settle } from '@/components/dashboard/settled';
import { WidgetSkeleton } from '@/components/dashboard/widget-skeleton';
import { daysIn } from '@/lib/analytics/coverage';
import type { SearchParams } from '@/lib/analytics/page-range';
import type { BreakdownDimension } from '@/lib/analytics/queries';
import { getDayRollups } from '@/lib/analytics/risk-pages';
import { mergeBreakdown } from '@/lib/analytics/rollup';
import { thresholdLabel } from '@/lib/analytics/threshold-axis';
import { getReviewOutcomes } from '@/lib/review-stats/server';

export const metadata: Metadata = { title: 'Risk dashboard' };

const DAILY: DailyWidgetKind[] = ['volume', 'rates', 'caught', 'fraud-amount'];
const BREAKDOWNS: BreakdownDimension[] = ['fraud_scenario', 'channel', 'merchant_country', 'mcc'];

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Figures change under a running server (ingestion, decisions): never prerender.
  await connection();
  const ctx = await loadRiskPage('/dashboard', await searchParams);
  const { page, live } = ctx;

  const header = (
    <DashboardHeader
      section="overview"
      title="Risk dashboard"
      description="Daily fraud, alert volume and review outcomes, and where fraud comes from."
      query={ctx.rangeQuery}
      aside={<LiveThresholdNote live={live} error={ctx.liveError} />}
    />
  );
  if (ctx.lakeError || !page) return <LakeUnavailable header={header} error={ctx.lakeError} />;

  const { range } = page;
  const hasData = daysIn(ctx.days, range).length > 0;
  // Two independent reads, both started now: the lake's figures (daily metrics and the four breakdowns
  // from one scan, see lib/analytics/rollup.ts) and the review store's; each widget awaits its part.
  const rollup = hasData
    ? settle(
        'the lake figures',
        getDayRollups({ ...range, threshold: live.value, dimensions: BREAKDOWNS }, ctx.days),
      )
    : null;
  const daily = rollup ? mapSettled(rollup, (days) => days.map((d) => d.metrics)) : null;
  const breakdowns = rollup
    ? BREAKDOWNS.map((by) => ({ by, rows: mapSettled(rollup, (days) => mergeBreakdown(days, by, 12)) }))
    : [];
  const reviews = settle('review outcomes', getReviewOutcomes(range));

  return (
    <main className="mx-auto max-w-console px-6 pb-16 pt-8 lg:px-8">
      {header}
      <div className="mt-6 space-y-6">
        <RangeForm action="/dashboard" range={range} days={ctx.days} ignored={page.ignored} />

        {daily ? (
          <>
            <Suspense fallback={<WidgetSkeleton title="Transactions and fraud in this range" body="kpis" />}>
              <OverviewKpis daily={daily} threshold={thresholdLabel(live.value)} />
            </Suspense>
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
              {DAILY.map((kind) => (
                <Suspense key={kind} fallback={<WidgetSkeleton title={dailyWidgetTitle(kind)} />}>
                  <DailyWidget kind={kind} daily={daily} range={range} />
                </Suspense>
              ))}
            </div>
          </>
        ) : (
          <LakeEmptyRange from={range.from} to={range.to} resetHref="/dashboard" />
        )}

        <Suspense fallback={<WidgetSkeleton title={REVIEW_OUTCOMES_TITLE} body="kpis" />}>
          <ReviewOutcomesWidget reviews={reviews} />
        </Suspense>

        {breakdowns.length > 0 ? (
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            {breakdowns.map(({ by, rows }) => (
              <Suspense key={by} fallback={<WidgetSkeleton title={breakdownTitle(by)} />}>
                <BreakdownWidget by={by} rows={rows} />
              </Suspense>
            ))}
          </div>
        ) : null}
      </div>
    </main>
  );
}
