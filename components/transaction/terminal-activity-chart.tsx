'use client';

// The terminal's daily transactions split into labelled frauds and the rest, as stacked bars. A client
// component because Tremor charts take formatter functions, which cannot cross from the server.
import { BarChart } from '@tremor/react';

import type { TerminalDay } from '@/lib/lake/card-terminal-history';
import { formatCount } from '@/lib/review/display-format';

const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function TerminalActivityChart({ days }: { days: TerminalDay[] }) {
  const data = days.map((d) => ({
    day: shortDay.format(new Date(`${d.day}T00:00:00Z`)),
    Fraud: d.frauds,
    'Not fraud': d.transactions - d.frauds,
  }));
  return (
    <BarChart
      className="mt-3 h-40"
      data={data}
      index="day"
      categories={['Not fraud', 'Fraud']}
      colors={['slate', 'rose']}
      stack
      valueFormatter={formatCount}
      yAxisWidth={36}
      showLegend={false}
      showAnimation={false}
      allowDecimals={false}
    />
  );
}
