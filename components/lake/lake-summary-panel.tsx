// The lake's headline numbers and daily charts, rendered from one LakeSummary.
import { LakeChartCard } from '@/components/lake/lake-chart-card';
import { LakeFraudRateChart } from '@/components/lake/lake-fraud-rate-chart';
import { LakeKpiCard } from '@/components/lake/lake-kpi-card';
import { LakeTransactionsChart } from '@/components/lake/lake-transactions-chart';
import type { LakeSummary } from '@/lib/analytics/lake-summary';
import { requestFormats } from '@/lib/format/request-locale';

/** Calendar days from `first` to `last` inclusive (both `YYYY-MM-DD`). */
const daySpan = (first: string, last: string): number =>
  Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;

export async function LakeSummaryPanel({ summary }: { summary: LakeSummary }) {
  const { formatCount, formatLongDay, formatRate, formatShortDay } = await requestFormats();
  const { transactions, frauds, labelled, fraudRate, daysCovered, firstDay, lastDay, daily } = summary;
  const span = daySpan(firstDay, lastDay);
  const range =
    firstDay.slice(0, 4) === lastDay.slice(0, 4)
      ? `${formatShortDay(firstDay)} – ${formatLongDay(lastDay)}`
      : `${formatLongDay(firstDay)} – ${formatLongDay(lastDay)}`;
  const missingDays = span - daysCovered;

  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <LakeKpiCard
          id="transactions"
          label="Transactions"
          value={formatCount(transactions)}
          detail={`${formatCount(Math.round(transactions / daysCovered))} per day on average`}
        />
        <LakeKpiCard
          id="frauds"
          label="Frauds"
          value={formatCount(frauds)}
          detail={
            labelled === transactions
              ? 'Labelled fraudulent'
              : `Among ${formatCount(labelled)} labelled transactions`
          }
        />
        <LakeKpiCard
          id="fraud-rate"
          label="Fraud rate"
          value={formatRate(fraudRate)}
          detail={fraudRate === null ? 'No transaction is labelled yet' : 'Frauds per labelled transaction'}
        />
        <LakeKpiCard
          id="days"
          label="Days covered"
          value={formatCount(daysCovered)}
          detail={missingDays > 0 ? `${range} · ${formatCount(missingDays)} without data` : range}
        />
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <LakeChartCard id="transactions" title="Daily transactions" description="Transactions per UTC day">
          <LakeTransactionsChart daily={daily} />
        </LakeChartCard>
        <LakeChartCard
          id="fraud-rate"
          title="Daily fraud rate"
          description="Frauds per labelled transaction, per UTC day"
        >
          <LakeFraudRateChart daily={daily} />
        </LakeChartCard>
      </div>
    </div>
  );
}
