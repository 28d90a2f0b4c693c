'use client';

// The terminal's daily transactions split into labelled frauds and the rest, as stacked bars, with the
// same numbers as a table one click away (the chart's text alternative). A client component because
// Tremor charts take formatter functions, which cannot cross from the server; drawn a frame after the
// rest of the page (after-paint.tsx), so moving to the next item is not held up by it.
import { BarChart } from '@tremor/react';

import { useFormats } from '@/components/app-shell/locale-provider';
import { AfterPaint } from '@/components/transaction/after-paint';
import { LazyDetails } from '@/components/transaction/lazy-details';
import type { TerminalDay } from '@/lib/analytics/entity-history';

const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function TerminalActivityChart({ days }: { days: TerminalDay[] }) {
  const { formatCount } = useFormats();
  const data = days.map((d) => ({
    day: shortDay.format(new Date(`${d.day}T00:00:00Z`)),
    Fraud: d.frauds,
    'Not fraud': d.transactions - d.frauds,
  }));
  return (
    <figure aria-label="Daily transactions at this terminal, fraud on top" className="mt-3">
      <AfterPaint placeholderClassName="h-40">
        <BarChart
          className="h-40"
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
      </AfterPaint>
      <figcaption className="mt-1 text-xs text-gray-600">
        Daily transactions (UTC days); <span className="font-medium text-rose-700">fraud</span> on top.
      </figcaption>
      <LazyDetails
        className="mt-2"
        summaryClassName="cursor-pointer select-none text-[13px] font-medium text-blue-700 hover:text-blue-800"
        summary="Daily figures as a table"
      >
        <table className="mt-2 w-full text-left text-[13px]">
          <caption className="sr-only">Transactions and labelled frauds per day at this terminal</caption>
          <thead>
            <tr className="border-b border-gray-200 text-xs text-gray-600">
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Day
              </th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                Transactions
              </th>
              <th scope="col" className="py-1.5 text-right font-medium">
                Frauds
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={d.day} className="border-b border-gray-100 last:border-0">
                <th scope="row" className="py-1 pr-3 font-normal text-gray-900">
                  {data[i]?.day}
                </th>
                <td className="py-1 pr-3 text-right tabular-nums text-gray-900">
                  {formatCount(d.transactions)}
                </td>
                <td className="py-1 text-right tabular-nums text-gray-900">{formatCount(d.frauds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </LazyDetails>
    </figure>
  );
}
