'use client';

// A Tremor bar chart for the risk pages. A client component because Tremor takes formatter functions,
// which cannot cross from the server; the server passes a format name instead.
import { BarChart } from '@tremor/react';

import { useFormats } from '@/components/app-shell/locale-provider';
import type { ChartFormat } from '@/lib/format/formats';

import { ChartLegend } from './chart-legend';

export type ChartRow = Record<string, string | number | null>;

export function TrendBarChart({
  data,
  index,
  categories,
  colors,
  format,
  layout = 'horizontal',
  stack = false,
  showLegend = false,
  yAxisWidth = 56,
  className = 'mt-4 h-56 2xl:h-64',
}: {
  data: ChartRow[];
  index: string;
  categories: string[];
  /** Tremor colour names; every one is in the Tailwind safelist (tailwind.config.ts). */
  colors: string[];
  format: ChartFormat;
  layout?: 'horizontal' | 'vertical';
  stack?: boolean;
  showLegend?: boolean;
  yAxisWidth?: number;
  className?: string;
}) {
  const { chart: CHART_FORMATS } = useFormats();
  return (
    <>
      {showLegend ? <ChartLegend categories={categories} colors={colors} /> : null}
      <BarChart
        className={className}
        data={data}
        index={index}
        categories={categories}
        colors={colors}
        valueFormatter={CHART_FORMATS[format]}
        layout={layout}
        stack={stack}
        yAxisWidth={yAxisWidth}
        showLegend={false}
        showAnimation={false}
      />
    </>
  );
}
