// The threshold what-if's widgets, from the range's labelled score histogram (simulated labels in the
// lake) and, where they exist, analyst decisions: figures at the live threshold, precision and recall
// as the threshold moves, and the alert and analyst workload it would create.
import type { ScoreBucket } from '@/lib/analytics/queries';
import { chartThresholds, tableThresholds, thresholdLabel } from '@/lib/analytics/threshold-axis';
import { thresholdCurve, type WhatIfPoint } from '@/lib/analytics/what-if';
import { requestFormats } from '@/lib/format/request-locale';
import { analystPrecisionCurve, type AnalystPrecisionPoint } from '@/lib/review-stats/outcomes';
import type { ReviewRead } from '@/lib/review-stats/read-reviews';

import { ChartTable } from './chart-table';
import { DashboardCard } from './dashboard-card';
import { DashboardKpi } from './dashboard-kpi';
import type { Settled } from './settled';
import { TrendLineChart } from './trend-line-chart';
import { WidgetError } from './widget-error';

export type ThresholdWidgetKind = 'at-live' | 'quality' | 'workload';

const TITLES: Record<ThresholdWidgetKind, string> = {
  'at-live': 'At the live threshold',
  quality: 'Precision and recall as the threshold moves',
  workload: 'Alerts and analyst hours as the threshold moves',
};

export const thresholdWidgetTitle = (kind: ThresholdWidgetKind): string => TITLES[kind];

interface Inputs {
  kind: ThresholdWidgetKind;
  histogram: Promise<Settled<ScoreBucket[]>>;
  reviews: Promise<Settled<ReviewRead>>;
  live: number;
  /** Days with data in the range (for per-day figures). */
  days: number;
  minutesPerReview: number;
}

function curves(histogram: ScoreBucket[], analyst: ReviewRead | null, thresholds: number[], i: Inputs) {
  const lake = thresholdCurve(histogram, { days: i.days, minutesPerReview: i.minutesPerReview, thresholds });
  const decided: AnalystPrecisionPoint[] | null = analyst
    ? analystPrecisionCurve(analyst.items, thresholds)
    : null;
  return { lake, decided };
}

const labelledRows = (histogram: ScoreBucket[]) => histogram.reduce((n, b) => n + b.labelled, 0);

export async function ThresholdWidget(inputs: Inputs) {
  const { formatCell } = await requestFormats();
  const { kind, live } = inputs;
  const title = TITLES[kind];
  const [histogram, reviews] = await Promise.all([inputs.histogram, inputs.reviews]);
  if (!histogram.ok)
    return (
      <WidgetError id={kind} title={title} what="the score histogram from the lake" failure={histogram} />
    );
  // Analyst precision is a bonus: without the store the lake's curves still stand.
  const analyst = reviews.ok ? reviews.value : null;
  const marker = { at: thresholdLabel(live), label: `Live ${thresholdLabel(live)}` };

  if (kind === 'at-live') {
    const { lake, decided } = curves(histogram.value, analyst, [live], inputs);
    const p: WhatIfPoint = lake[0]!;
    return (
      <DashboardCard
        id={kind}
        title={title}
        description={`${thresholdLabel(live)} over ${inputs.days} days with data; analyst time at ${inputs.minutesPerReview} min per review`}
      >
        <div className="mt-4 grid grid-cols-2 gap-3 lg:grid-cols-5">
          <DashboardKpi
            id="alerts-per-day"
            label="Alerts per day"
            value={formatCell(p.alertsPerDay, 'count')}
            detail={`${formatCell(p.alerts, 'count')} in the range`}
          />
          <DashboardKpi
            id="analyst-hours"
            label="Analyst hours per day"
            value={formatCell(p.analystHoursPerDay, 'hours')}
            detail={`${inputs.minutesPerReview} min per review`}
          />
          <DashboardKpi
            id="precision"
            label="Precision (lake labels)"
            value={formatCell(p.precision, 'percent')}
            detail="Fraud among labelled alerts"
          />
          <DashboardKpi
            id="recall"
            label="Recall (lake labels)"
            value={formatCell(p.recall, 'percent')}
            detail="Labelled fraud caught"
          />
          <DashboardKpi
            id="analyst-precision"
            label="Precision (analyst decisions)"
            value={formatCell(decided?.[0]?.precision, 'percent')}
            detail={
              decided === null
                ? 'Review store unavailable'
                : `${formatCell(decided[0]?.decided ?? 0, 'count')} decided items`
            }
          />
        </div>
      </DashboardCard>
    );
  }

  const thresholds = chartThresholds(live);
  const { lake, decided } = curves(histogram.value, analyst, thresholds, inputs);
  const table = tableThresholds(live);
  const tableCurves = curves(histogram.value, analyst, table.thresholds, inputs);
  const labelled = labelledRows(histogram.value);

  if (kind === 'quality') {
    return (
      <DashboardCard
        id={kind}
        title={title}
        description={`From ${formatCell(labelled, 'count')} labelled transactions; analyst precision from decided review items where the threshold is at or above the one they were flagged at. The dashed line marks the live threshold.`}
      >
        <TrendLineChart
          data={thresholds.map((t, i) => ({
            threshold: thresholdLabel(t),
            'Precision (lake labels)': lake[i]!.precision,
            'Recall (lake labels)': lake[i]!.recall,
            'Precision (analyst decisions)': decided?.[i]?.precision ?? null,
          }))}
          index="threshold"
          categories={['Precision (lake labels)', 'Recall (lake labels)', 'Precision (analyst decisions)']}
          colors={['blue', 'emerald', 'amber']}
          format="percent"
          minValue={0}
          maxValue={1}
          marker={marker}
        />
        <ChartTable
          caption="Precision and recall at selected thresholds"
          highlight={table.liveIndex}
          columns={[
            { key: 'threshold', label: 'Threshold', align: 'left' },
            { key: 'precision', label: 'Precision (lake)' },
            { key: 'recall', label: 'Recall (lake)' },
            { key: 'analyst', label: 'Precision (analysts)' },
            { key: 'decided', label: 'Decided items' },
          ]}
          rows={table.thresholds.map((t, i) => ({
            threshold: i === table.liveIndex ? `${thresholdLabel(t)} (live)` : thresholdLabel(t),
            precision: formatCell(tableCurves.lake[i]!.precision, 'percent'),
            recall: formatCell(tableCurves.lake[i]!.recall, 'percent'),
            analyst: formatCell(tableCurves.decided?.[i]?.precision, 'percent'),
            decided: formatCell(tableCurves.decided?.[i]?.decided, 'count'),
          }))}
        />
      </DashboardCard>
    );
  }

  return (
    <DashboardCard
      id={kind}
      title={title}
      description={`Per day with data, at ${inputs.minutesPerReview} minutes per review. The dashed line marks the live threshold.`}
    >
      <div className="grid grid-cols-1 gap-x-6 xl:grid-cols-2">
        <div>
          <h3 className="mt-4 text-[13px] font-medium text-gray-700">Alerts per day</h3>
          <TrendLineChart
            data={thresholds.map((t, i) => ({
              threshold: thresholdLabel(t),
              'Alerts per day': lake[i]!.alertsPerDay,
            }))}
            index="threshold"
            categories={['Alerts per day']}
            colors={['violet']}
            format="count"
            marker={marker}
            showLegend={false}
            className="mt-2 h-56"
          />
        </div>
        <div>
          <h3 className="mt-4 text-[13px] font-medium text-gray-700">Analyst hours per day</h3>
          <TrendLineChart
            data={thresholds.map((t, i) => ({
              threshold: thresholdLabel(t),
              'Analyst hours per day': lake[i]!.analystHoursPerDay,
            }))}
            index="threshold"
            categories={['Analyst hours per day']}
            colors={['cyan']}
            format="hours"
            marker={marker}
            showLegend={false}
            className="mt-2 h-56"
          />
        </div>
      </div>
      <ChartTable
        caption="Alerts and analyst hours per day at selected thresholds"
        highlight={table.liveIndex}
        columns={[
          { key: 'threshold', label: 'Threshold', align: 'left' },
          { key: 'alerts', label: 'Alerts per day' },
          { key: 'hours', label: 'Analyst hours per day' },
          { key: 'total', label: 'Alerts in range' },
        ]}
        rows={table.thresholds.map((t, i) => ({
          threshold: i === table.liveIndex ? `${thresholdLabel(t)} (live)` : thresholdLabel(t),
          alerts: formatCell(tableCurves.lake[i]!.alertsPerDay, 'count'),
          hours: formatCell(tableCurves.lake[i]!.analystHoursPerDay, 'hours'),
          total: formatCell(tableCurves.lake[i]!.alerts, 'count'),
        }))}
      />
    </DashboardCard>
  );
}
