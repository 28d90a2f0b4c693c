'use client';

// Daily transaction volume as bars. A client component because Tremor charts take formatter functions,
// which cannot cross the server-to-client boundary.
import { BarChart } from '@tremor/react';

import { useFormats } from '@/components/app-shell/locale-provider';
import { continuousDays } from '@/components/lake/lake-series';
import type { SummaryDay } from '@/lib/analytics/lake-summary';

export function LakeTransactionsChart({ daily }: { daily: SummaryDay[] }) {
  const { formatCount, formatShortDay } = useFormats();
  const data = continuousDays(daily).map((d) => ({
    day: formatShortDay(d.day),
    Transactions: d.transactions,
  }));
  return (
    <BarChart
      className="mt-4 h-56 2xl:h-72"
      data={data}
      index="day"
      categories={['Transactions']}
      colors={['blue']}
      valueFormatter={formatCount}
      yAxisWidth={56}
      showLegend={false}
      showAnimation={false}
    />
  );
}
