// The range's headline lake figures: volume and amount, flagged at the live threshold, labelled fraud,
// the fraud rate and the share of fraud the threshold catches.
import { totalRates } from '@/lib/analytics/daily-rates';
import type { DailyMetrics } from '@/lib/analytics/queries';
import { requestFormats } from '@/lib/format/request-locale';

import { DashboardCard } from './dashboard-card';
import { DashboardKpi } from './dashboard-kpi';
import type { Settled } from './settled';
import { WidgetError } from './widget-error';

const TITLE = 'Transactions and fraud in this range';

export async function OverviewKpis({
  daily,
  threshold,
}: {
  daily: Promise<Settled<DailyMetrics[]>>;
  /** The live threshold as shown, e.g. `3.61%`. */
  threshold: string;
}) {
  const { chart: CHART_FORMATS, formatCell } = await requestFormats();
  const result = await daily;
  if (!result.ok)
    return <WidgetError id="kpis" title={TITLE} what="the daily lake metrics" failure={result} />;
  const t = totalRates(result.value);
  const { count, amount } = CHART_FORMATS;
  return (
    <DashboardCard
      id="kpis"
      title={TITLE}
      description={`Flagged means scored at or above the live threshold, ${threshold}.`}
    >
      <div className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <DashboardKpi
          id="transactions"
          label="Transactions"
          value={count(t.transactions)}
          detail={`${count(Math.round(t.transactions / Math.max(1, t.days)))} per day with data`}
        />
        <DashboardKpi
          id="amount"
          label="Amount"
          value={amount(t.amount)}
          detail="In transaction currencies"
        />
        <DashboardKpi
          id="flagged"
          label="Flagged"
          value={count(t.flagged)}
          detail={`${formatCell(t.flaggedRate, 'rate')} of transactions`}
        />
        <DashboardKpi
          id="frauds"
          label="Labelled fraud"
          value={count(t.frauds)}
          detail={`Amount ${amount(t.fraudAmount)}`}
        />
        <DashboardKpi
          id="fraud-rate"
          label="Fraud rate"
          value={formatCell(t.fraudRate, 'rate')}
          detail={`Of ${count(t.labelled)} labelled`}
        />
        <DashboardKpi
          id="caught"
          label="Fraud caught by threshold"
          value={formatCell(t.caughtShare, 'percent')}
          detail={`${count(t.flaggedFrauds)} of ${count(t.frauds)} frauds flagged`}
        />
      </div>
    </DashboardCard>
  );
}
