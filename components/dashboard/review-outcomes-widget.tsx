// What analysts made of the flagged items of the range, from the review store: decided vs waiting,
// confirmed fraud, alert precision (confirmed / decided), the backlog and the median time to a
// decision, plus decisions per day. Read from the store's per-day counters; says so, or, on a store
// whose counters were never rebuilt, how many items it read and whether it stopped at its bound.
import { requestFormats } from '@/lib/format/request-locale';
import type { ReviewOutcomeRead } from '@/lib/review-stats/read-outcomes';

import { ChartTable } from './chart-table';
import { DashboardCard } from './dashboard-card';
import { DashboardKpi } from './dashboard-kpi';
import type { Settled } from './settled';
import { TrendBarChart } from './trend-bar-chart';
import { WidgetError } from './widget-error';

export const REVIEW_OUTCOMES_TITLE = 'Review outcomes';

export async function ReviewOutcomesWidget({ reviews }: { reviews: Promise<Settled<ReviewOutcomeRead>> }) {
  const { formatShortDay, formatHours, formatCell } = await requestFormats();
  const result = await reviews;
  if (!result.ok)
    return (
      <WidgetError
        id="reviews"
        title={REVIEW_OUTCOMES_TITLE}
        what="the review outcomes from the review store"
        failure={result}
      />
    );
  const read = result.value;
  const s = read.stats;
  const note =
    read.source === 'counters'
      ? `${formatCell(s.flagged, 'count')} flagged items, from per-day counters`
      : `${formatCell(read.items, 'count')} flagged items read in ${formatHours(read.ms / 3_600_000)}${read.truncated ? ' — stopped at the read limit, so figures cover the oldest items only' : ''}`;
  return (
    <DashboardCard
      id="reviews"
      title={REVIEW_OUTCOMES_TITLE}
      description="Flagged items whose transaction falls in the range, as analysts decided them"
      aside={<span className={read.truncated ? 'font-medium text-amber-700' : undefined}>{note}</span>}
    >
      <div className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <DashboardKpi
          id="decided"
          label="Decided"
          value={formatCell(s.decided, 'count')}
          detail={`of ${formatCell(s.flagged, 'count')} flagged`}
        />
        <DashboardKpi
          id="open"
          label="Open"
          value={formatCell(s.open, 'count')}
          detail={`${formatCell(s.escalated, 'count')} escalated`}
        />
        <DashboardKpi
          id="confirmed"
          label="Confirmed fraud"
          value={formatCell(s.confirmedFraud, 'count')}
          detail={`${formatCell(s.legitimate, 'count')} legitimate`}
        />
        <DashboardKpi
          id="precision"
          label="Alert precision"
          value={formatCell(s.precision, 'percent')}
          detail="Confirmed fraud / decided"
        />
        <DashboardKpi
          id="backlog"
          label="Backlog"
          value={formatCell(s.backlog, 'count')}
          detail={
            s.oldestPendingHours === null
              ? 'Nothing waiting'
              : `Oldest waiting ${formatHours(s.oldestPendingHours)}`
          }
          tone={s.oldestPendingHours !== null && s.oldestPendingHours > 48 ? 'warning' : 'default'}
        />
        <DashboardKpi
          id="time-to-decision"
          label="Median time to decision"
          value={s.medianHoursToDecision === null ? '—' : formatHours(s.medianHoursToDecision)}
          detail="Flagged → fraud/legit"
        />
      </div>
      {s.daily.length > 0 ? (
        <TrendBarChart
          data={s.daily.map((d) => ({
            day: formatShortDay(d.day),
            'Confirmed fraud': d.fraud,
            Legitimate: d.legitimate,
            Waiting: d.pending,
          }))}
          index="day"
          categories={['Confirmed fraud', 'Legitimate', 'Waiting']}
          colors={['rose', 'emerald', 'gray']}
          format="count"
          stack
          showLegend
          className="mt-5 h-56 2xl:h-64"
        />
      ) : (
        <p className="mt-4 rounded-lg bg-gray-50 px-4 py-6 text-center text-sm text-gray-500">
          No flagged item has a transaction in this range.
        </p>
      )}
      <ChartTable
        caption="Flagged items and decisions per transaction day"
        columns={[
          { key: 'day', label: 'Day', align: 'left' },
          { key: 'flagged', label: 'Flagged' },
          { key: 'fraud', label: 'Confirmed fraud' },
          { key: 'legitimate', label: 'Legitimate' },
          { key: 'pending', label: 'Waiting' },
          { key: 'precision', label: 'Precision' },
        ]}
        rows={s.daily.map((d) => ({
          day: d.day,
          flagged: formatCell(d.flagged, 'count'),
          fraud: formatCell(d.fraud, 'count'),
          legitimate: formatCell(d.legitimate, 'count'),
          pending: formatCell(d.pending, 'count'),
          precision: formatCell(d.precision, 'percent'),
        }))}
      />
    </DashboardCard>
  );
}
