// The per-day lake charts of the overview, all drawn from one daily-metrics read: volume, flagged and
// fraud rates, the share of fraud the threshold catches, and fraud amount. Each chart has its numbers as
// a table beneath it.
import { dailyRates, type DailyRates } from '@/lib/analytics/daily-rates';
import type { DailyMetrics, DayRange } from '@/lib/analytics/queries';
import type { Formats } from '@/lib/format/formats';
import { requestFormats } from '@/lib/format/request-locale';

import { ChartTable } from './chart-table';
import { DashboardCard } from './dashboard-card';
import type { Settled } from './settled';
import { TrendBarChart } from './trend-bar-chart';
import { TrendLineChart } from './trend-line-chart';
import { WidgetError } from './widget-error';

export type DailyWidgetKind = 'volume' | 'rates' | 'caught' | 'fraud-amount';

const TITLES: Record<DailyWidgetKind, { title: string; description: string }> = {
  volume: { title: 'Transactions per day', description: 'Every scored transaction, per UTC day' },
  rates: {
    title: 'Flagged and fraud rate per day',
    description:
      'Flagged: share of transactions at or above the live threshold. Fraud: labelled fraud per labelled transaction.',
  },
  caught: {
    title: 'Share of fraud the threshold catches',
    description: 'Labelled frauds scored at or above the live threshold, per day',
  },
  'fraud-amount': {
    title: 'Fraud amount per day',
    description: 'Amount of labelled fraud, in the transactions’ currencies',
  },
};

export const dailyWidgetTitle = (kind: DailyWidgetKind): string => TITLES[kind].title;

function body(kind: DailyWidgetKind, days: DailyRates[], { formatCell, formatShortDay }: Formats) {
  const label = (d: DailyRates) => formatShortDay(d.day);
  switch (kind) {
    case 'volume':
      return (
        <>
          <TrendBarChart
            data={days.map((d) => ({ day: label(d), Transactions: d.transactions }))}
            index="day"
            categories={['Transactions']}
            colors={['blue']}
            format="count"
          />
          <ChartTable
            caption="Transactions and amount per day"
            columns={[
              { key: 'day', label: 'Day', align: 'left' },
              { key: 'transactions', label: 'Transactions' },
              { key: 'amount', label: 'Amount' },
            ]}
            rows={days.map((d) => ({
              day: d.day,
              transactions: formatCell(d.transactions, 'count'),
              amount: formatCell(d.amount, 'amount'),
            }))}
          />
        </>
      );
    case 'rates':
      return (
        <>
          <TrendLineChart
            data={days.map((d) => ({ day: label(d), Flagged: d.flaggedRate, Fraud: d.fraudRate }))}
            index="day"
            categories={['Flagged', 'Fraud']}
            colors={['amber', 'rose']}
            format="rate"
            className="mt-2 h-56 2xl:h-64"
          />
          <ChartTable
            caption="Flagged and fraud rates per day"
            columns={[
              { key: 'day', label: 'Day', align: 'left' },
              { key: 'flagged', label: 'Flagged' },
              { key: 'flaggedRate', label: 'Flagged rate' },
              { key: 'labelled', label: 'Labelled' },
              { key: 'frauds', label: 'Frauds' },
              { key: 'fraudRate', label: 'Fraud rate' },
            ]}
            rows={days.map((d) => ({
              day: d.day,
              flagged: formatCell(d.flagged, 'count'),
              flaggedRate: formatCell(d.flaggedRate, 'rate'),
              labelled: formatCell(d.labelled, 'count'),
              frauds: formatCell(d.frauds, 'count'),
              fraudRate: formatCell(d.fraudRate, 'rate'),
            }))}
          />
        </>
      );
    case 'caught':
      return (
        <>
          <TrendLineChart
            data={days.map((d) => ({ day: label(d), 'Fraud caught': d.caughtShare }))}
            index="day"
            categories={['Fraud caught']}
            colors={['emerald']}
            format="percent"
            minValue={0}
            maxValue={1}
            showLegend={false}
            className="mt-4 h-56 2xl:h-64"
          />
          <ChartTable
            caption="Labelled frauds caught by the threshold per day"
            columns={[
              { key: 'day', label: 'Day', align: 'left' },
              { key: 'frauds', label: 'Frauds' },
              { key: 'caught', label: 'Flagged frauds' },
              { key: 'share', label: 'Share caught' },
            ]}
            rows={days.map((d) => ({
              day: d.day,
              frauds: formatCell(d.frauds, 'count'),
              caught: formatCell(d.flaggedFrauds, 'count'),
              share: formatCell(d.caughtShare, 'percent'),
            }))}
          />
        </>
      );
    case 'fraud-amount':
      return (
        <>
          <TrendBarChart
            data={days.map((d) => ({ day: label(d), 'Fraud amount': d.fraudAmount }))}
            index="day"
            categories={['Fraud amount']}
            colors={['rose']}
            format="amount"
          />
          <ChartTable
            caption="Labelled fraud count and amount per day"
            columns={[
              { key: 'day', label: 'Day', align: 'left' },
              { key: 'frauds', label: 'Frauds' },
              { key: 'fraudAmount', label: 'Fraud amount' },
            ]}
            rows={days.map((d) => ({
              day: d.day,
              frauds: formatCell(d.frauds, 'count'),
              fraudAmount: formatCell(d.fraudAmount, 'amount'),
            }))}
          />
        </>
      );
  }
}

export async function DailyWidget({
  kind,
  daily,
  range,
}: {
  kind: DailyWidgetKind;
  daily: Promise<Settled<DailyMetrics[]>>;
  range: DayRange;
}) {
  const { title, description } = TITLES[kind];
  const result = await daily;
  if (!result.ok)
    return <WidgetError id={kind} title={title} what="the daily lake metrics" failure={result} />;
  return (
    <DashboardCard id={kind} title={title} description={description}>
      {body(kind, dailyRates(result.value, range), await requestFormats())}
    </DashboardCard>
  );
}
