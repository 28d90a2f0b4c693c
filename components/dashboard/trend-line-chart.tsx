'use client';

// A Tremor line chart for the risk pages, with an optional vertical marker at one x value (the live
// threshold on the what-if curves). Tremor has no reference lines, so the marker is drawn over the
// chart: Tremor places categorical points evenly between the y-axis plus its 20 px padding and the
// right edge minus 20 px, which gives the marker's position from the point's index alone.
import { LineChart } from '@tremor/react';

import { useFormats } from '@/components/app-shell/locale-provider';
import type { ChartFormat } from '@/lib/format/formats';

import { ChartLegend } from './chart-legend';
import type { ChartRow } from './trend-bar-chart';

const AXIS_PADDING = 20;

export function TrendLineChart({
  data,
  index,
  categories,
  colors,
  format,
  marker,
  showLegend = true,
  yAxisWidth = 56,
  minValue,
  maxValue,
  className = 'mt-4 h-64 2xl:h-72',
}: {
  data: ChartRow[];
  index: string;
  categories: string[];
  colors: string[];
  format: ChartFormat;
  /** Draws a dashed vertical line at the row whose `index` equals `at`. */
  marker?: { at: string; label: string };
  showLegend?: boolean;
  yAxisWidth?: number;
  minValue?: number;
  maxValue?: number;
  className?: string;
}) {
  const { chart: CHART_FORMATS } = useFormats();
  const at = marker ? data.findIndex((row) => row[index] === marker.at) : -1;
  const fraction = data.length > 1 && at >= 0 ? at / (data.length - 1) : null;
  return (
    <>
      {showLegend ? <ChartLegend categories={categories} colors={colors} /> : null}
      <div className="relative">
        <LineChart
          className={className}
          data={data}
          index={index}
          categories={categories}
          colors={colors}
          valueFormatter={CHART_FORMATS[format]}
          yAxisWidth={yAxisWidth}
          showLegend={false}
          showAnimation={false}
          connectNulls={false}
          curveType="linear"
          {...(minValue !== undefined ? { minValue } : {})}
          {...(maxValue !== undefined ? { maxValue } : {})}
        />
        {marker && fraction !== null ? (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute bottom-8 top-9 border-l-2 border-dashed border-gray-900/70"
            style={{
              left: `calc(${yAxisWidth + AXIS_PADDING}px + ${fraction} * (100% - ${yAxisWidth + 2 * AXIS_PADDING}px))`,
            }}
          >
            <span className="absolute -top-5 left-1 whitespace-nowrap rounded bg-gray-900 px-1.5 py-0.5 text-[11px] font-medium text-white">
              {marker.label}
            </span>
          </div>
        ) : null}
      </div>
    </>
  );
}
