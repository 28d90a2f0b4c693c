// Fraud by one dimension over the range (pattern, channel, country or merchant category): labelled
// frauds per value as bars, most first, with volume, rates and amounts in the table.
import type { BreakdownDimension, BreakdownRow } from '@/lib/analytics/queries';
import { requestFormats } from '@/lib/format/request-locale';

import { ChartTable } from './chart-table';
import { DashboardCard } from './dashboard-card';
import { DIMENSION_TITLES, dimensionAxisLabel, dimensionValueLabel } from './dimension-labels';
import type { Settled } from './settled';
import { TrendBarChart } from './trend-bar-chart';
import { WidgetError } from './widget-error';

export const breakdownTitle = (by: BreakdownDimension): string =>
  `Fraud by ${DIMENSION_TITLES[by].toLowerCase()}`;

export async function BreakdownWidget({
  by,
  rows,
}: {
  by: BreakdownDimension;
  rows: Promise<Settled<BreakdownRow[]>>;
}) {
  const { formatCell } = await requestFormats();
  const title = breakdownTitle(by);
  const id = `breakdown-${by}`;
  const result = await rows;
  if (!result.ok)
    return (
      <WidgetError
        id={id}
        title={title}
        what={`the ${DIMENSION_TITLES[by].toLowerCase()} breakdown`}
        failure={result}
      />
    );
  const labelled = result.value.map((r) => ({ ...r, label: dimensionValueLabel(by, r.key) }));
  const withFraud = labelled.filter((r) => r.frauds > 0).slice(0, 8);
  return (
    <DashboardCard
      id={id}
      title={title}
      description={`Labelled frauds per ${DIMENSION_TITLES[by].toLowerCase()}, top ${withFraud.length}`}
    >
      {withFraud.length > 0 ? (
        <TrendBarChart
          data={withFraud.map((r) => ({ value: dimensionAxisLabel(by, r.key), Frauds: r.frauds }))}
          index="value"
          categories={['Frauds']}
          colors={['violet']}
          format="count"
          layout="vertical"
          yAxisWidth={164}
          className="mt-4 h-56"
        />
      ) : (
        <p className="mt-4 rounded-lg bg-gray-50 px-4 py-6 text-center text-sm text-gray-500">
          No labelled fraud in this range.
        </p>
      )}
      <ChartTable
        caption={`Volume and fraud per ${DIMENSION_TITLES[by].toLowerCase()}`}
        columns={[
          { key: 'label', label: DIMENSION_TITLES[by], align: 'left' },
          { key: 'transactions', label: 'Transactions' },
          { key: 'flagged', label: 'Flagged' },
          { key: 'frauds', label: 'Frauds' },
          { key: 'rate', label: 'Fraud rate' },
          { key: 'fraudAmount', label: 'Fraud amount' },
        ]}
        rows={labelled.map((r) => ({
          label: r.label,
          transactions: formatCell(r.transactions, 'count'),
          flagged: formatCell(r.flagged, 'count'),
          frauds: formatCell(r.frauds, 'count'),
          rate: formatCell(r.transactions > 0 ? r.frauds / r.transactions : null, 'rate'),
          fraudAmount: formatCell(r.fraudAmount, 'amount'),
        }))}
      />
    </DashboardCard>
  );
}
