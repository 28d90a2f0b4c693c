'use client';

// Daily fraud rate as a line; days with no labelled transaction are gaps, not zeros.
import { LineChart } from '@tremor/react';

import { useFormats } from '@/components/app-shell/locale-provider';
import { continuousDays } from '@/components/lake/lake-series';
import type { SummaryDay } from '@/lib/analytics/lake-summary';

export function LakeFraudRateChart({ daily }: { daily: SummaryDay[] }) {
  const { formatRate, formatShortDay } = useFormats();
  const data = continuousDays(daily).map((d) => ({ day: formatShortDay(d.day), 'Fraud rate': d.fraudRate }));
  return (
    <LineChart
      className="mt-4 h-56 2xl:h-72"
      data={data}
      index="day"
      categories={['Fraud rate']}
      colors={['rose']}
      valueFormatter={(value: number) => formatRate(value)}
      yAxisWidth={56}
      showLegend={false}
      showAnimation={false}
      curveType="linear"
    />
  );
}
