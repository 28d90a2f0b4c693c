// Model health from the review store: attribution drift (mean |φ| per input over the flagged items of
// each day, from a bounded sample), daily precision from analyst decisions, and overturned decisions by
// score band and by the input that pushed the score up most.
import { requestFormats } from '@/lib/format/request-locale';
import { attributionDrift } from '@/lib/review-stats/attribution-drift';
import { reviewOutcomeStats } from '@/lib/review-stats/outcomes';
import { HIGH_SCORE, LOW_SCORE, overturnedByBand, overturnedByFeature } from '@/lib/review-stats/overturned';
import type { ReviewRead } from '@/lib/review-stats/read-reviews';
import { featureNamesFor } from '@/lib/review/attributions';
import type { ReviewItem } from '@/lib/store';

import { ChartTable } from './chart-table';
import { DashboardCard } from './dashboard-card';
import type { Settled } from './settled';
import { TrendBarChart } from './trend-bar-chart';
import { TrendLineChart } from './trend-line-chart';
import { WidgetError } from './widget-error';

export type ReviewDriftKind = 'attributions' | 'precision' | 'overturned';

export const REVIEW_DRIFT_TITLES: Record<ReviewDriftKind, string> = {
  attributions: 'Attribution drift',
  precision: 'Daily precision from analyst decisions',
  overturned: 'Overturned decisions',
};

/** The served model's identity, to name the inputs of the items it scored. */
export interface ModelNames {
  version: string;
  features: readonly string[];
}

const COLORS = ['blue', 'rose', 'amber', 'emerald', 'violet', 'cyan'];

export async function ReviewDriftWidget({
  kind,
  reviews,
  items,
  model,
}: {
  kind: ReviewDriftKind;
  reviews: Promise<Settled<ReviewRead>>;
  /** Full items (attributions) of the sample; only the attribution and overturned widgets wait for it. */
  items: Promise<Settled<ReviewItem[]>>;
  model: ModelNames;
}) {
  const { formatShortDay, formatCell } = await requestFormats();
  const title = REVIEW_DRIFT_TITLES[kind];
  const id = `review-${kind}`;
  const read = await reviews;
  if (!read.ok)
    return <WidgetError id={id} title={title} what="the review items from the review store" failure={read} />;
  const namesFor = (item: ReviewItem) => featureNamesFor(item, model);

  if (kind === 'precision') {
    const stats = reviewOutcomeStats(read.value.items, new Date());
    return (
      <DashboardCard
        id={id}
        title={title}
        description="Confirmed fraud / decided (fraud or legitimate), per transaction day of the flagged items"
        aside={`Overall ${formatCell(stats.precision, 'percent')} of ${formatCell(stats.decided, 'count')} decided`}
      >
        <TrendLineChart
          data={stats.daily.map((d) => ({ day: formatShortDay(d.day), Precision: d.precision }))}
          index="day"
          categories={['Precision']}
          colors={['emerald']}
          format="percent"
          minValue={0}
          showLegend={false}
          className="mt-4 h-56"
        />
        <ChartTable
          caption="Analyst precision per day"
          columns={[
            { key: 'day', label: 'Day', align: 'left' },
            { key: 'flagged', label: 'Flagged' },
            { key: 'decided', label: 'Decided' },
            { key: 'fraud', label: 'Confirmed fraud' },
            { key: 'precision', label: 'Precision' },
          ]}
          rows={stats.daily.map((d) => ({
            day: d.day,
            flagged: formatCell(d.flagged, 'count'),
            decided: formatCell(d.decided, 'count'),
            fraud: formatCell(d.fraud, 'count'),
            precision: formatCell(d.precision, 'percent'),
          }))}
        />
      </DashboardCard>
    );
  }

  const full = await items;
  if (!full.ok)
    return (
      <WidgetError
        id={id}
        title={title}
        what="the items’ attributions from the review store"
        failure={full}
      />
    );

  if (kind === 'attributions') {
    const drift = attributionDrift(full.value, namesFor);
    const top = drift.features.slice(0, 6);
    return (
      <DashboardCard
        id={id}
        title={title}
        description="Mean |φ| (log-odds contribution) of the six most influential inputs over the flagged items of each day"
        aside={`${formatCell(drift.used, 'count')} items sampled${drift.skipped ? `, ${drift.skipped} of an older model left out` : ''}`}
      >
        {drift.days.length === 0 ? (
          <p className="mt-4 rounded-lg bg-gray-50 px-4 py-6 text-center text-sm text-gray-500">
            No flagged item with attributions in this range.
          </p>
        ) : (
          <TrendLineChart
            data={drift.days.map((d) => ({
              day: formatShortDay(d.day),
              ...Object.fromEntries(top.map((f) => [f, d.meanAbsPhi[f] ?? null])),
            }))}
            index="day"
            categories={top}
            colors={COLORS}
            format="phi"
            className="mt-4 h-72"
          />
        )}
        <ChartTable
          caption="Mean absolute attribution per input and day"
          columns={[
            { key: 'day', label: 'Day', align: 'left' },
            { key: 'items', label: 'Items' },
            ...top.map((f) => ({ key: f, label: f })),
          ]}
          rows={drift.days.map((d) => ({
            day: d.day,
            items: formatCell(d.items, 'count'),
            ...Object.fromEntries(top.map((f) => [f, formatCell(d.meanAbsPhi[f], 'phi')])),
          }))}
        />
      </DashboardCard>
    );
  }

  const bands = overturnedByBand(read.value.items);
  const byFeature = overturnedByFeature(full.value, namesFor);
  const overturned = bands.reduce((n, b) => n + b.overturned, 0);
  return (
    <DashboardCard
      id={id}
      title={title}
      description={`Legitimate at a score of ${formatCell(HIGH_SCORE, 'score')} or more, or fraud below ${formatCell(LOW_SCORE, 'score')}: where analysts and the model disagree`}
      aside={`${formatCell(overturned, 'count')} overturned`}
    >
      <TrendBarChart
        data={bands.map((b) => ({ band: b.band, Fraud: b.fraud, Legitimate: b.legitimate }))}
        index="band"
        categories={['Fraud', 'Legitimate']}
        colors={['rose', 'emerald']}
        format="count"
        stack
        showLegend
        className="mt-4 h-56"
      />
      <ChartTable
        caption="Decisions and overturned decisions by score band"
        columns={[
          { key: 'band', label: 'Score band', align: 'left' },
          { key: 'decided', label: 'Decided' },
          { key: 'fraud', label: 'Fraud' },
          { key: 'legitimate', label: 'Legitimate' },
          { key: 'overturned', label: 'Overturned' },
          { key: 'share', label: 'Share overturned' },
        ]}
        rows={bands.map((b) => ({
          band: b.band,
          decided: formatCell(b.decided, 'count'),
          fraud: formatCell(b.fraud, 'count'),
          legitimate: formatCell(b.legitimate, 'count'),
          overturned: formatCell(b.overturned, 'count'),
          share: formatCell(b.overturnedShare, 'percent'),
        }))}
      />
      <h3 className="mt-5 text-[13px] font-medium text-gray-700">
        By the input that pushed the score up most
      </h3>
      {byFeature.length === 0 ? (
        <p className="mt-2 text-[13px] text-gray-500">No overturned decision in this range.</p>
      ) : (
        <ChartTable
          open
          summary="Overturned decisions by top input"
          caption="Overturned decisions by the input with the largest positive contribution"
          columns={[
            { key: 'feature', label: 'Top input', align: 'left' },
            { key: 'legitimateHigh', label: 'Legit, high score' },
            { key: 'fraudLow', label: 'Fraud, low score' },
            { key: 'total', label: 'Total' },
          ]}
          rows={byFeature.slice(0, 12).map((r) => ({
            feature: r.feature,
            legitimateHigh: formatCell(r.legitimateHigh, 'count'),
            fraudLow: formatCell(r.fraudLow, 'count'),
            total: formatCell(r.total, 'count'),
          }))}
        />
      )}
    </DashboardCard>
  );
}
