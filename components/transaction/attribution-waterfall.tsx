'use client';

// The score explained as a waterfall: from the model's base value (the average transaction) each of the
// biggest features moves the running log-odds up (red, riskier) or down (green), the rest are folded
// into one step, and the last row lands on the final score. The axis is labelled in probabilities, and
// the alert threshold is a dashed line through every row. Each row is text first (the feature's value in
// words), so the chart reads without the bars; the full table sits below it on the page.
import { useState, type ReactNode } from 'react';

import { useFormats } from '@/components/app-shell/locale-provider';
import { logit, waterfall, type AttributionRow } from '@/lib/review/attributions';

const sigmoid = (m: number): number => 1 / (1 + Math.exp(-m));

/** A log-odds total (base value, final margin) with a true minus sign, as formatLogOdds writes the steps. */
const margin = (m: number): string => (m < 0 ? `−${Math.abs(m).toFixed(2)}` : m.toFixed(2));

function niceStep(span: number): number {
  for (const step of [0.5, 1, 2, 5, 10]) if (span / step <= 8) return step;
  return 20;
}

export function AttributionWaterfall({
  rows,
  bias,
  threshold,
  score,
  initialTop = 10,
  label = 'Contributions to the score',
}: {
  rows: AttributionRow[];
  bias: number;
  threshold: number;
  score: number;
  initialTop?: number;
  /** The chart's accessible name. */
  label?: string;
}) {
  const { formatLogOdds, formatScore } = useFormats();
  const [showAll, setShowAll] = useState(false);
  const [active, setActive] = useState<string | null>(null);
  const nonZero = rows.filter((r) => r.phi !== 0).length;
  const top = showAll ? rows.length : initialTop;
  const chart = waterfall(bias, rows, top);
  const thresholdMargin = logit(threshold);

  const points = [bias, chart.margin, thresholdMargin, ...chart.steps.flatMap((s) => [s.from, s.to])];
  const lo = Math.min(...points);
  const hi = Math.max(...points);
  const pad = Math.max((hi - lo) * 0.06, 0.25);
  const min = lo - pad;
  const max = hi + pad;
  const x = (m: number): number => ((m - min) / (max - min)) * 100;
  const step = niceStep(max - min);
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(Number(t.toFixed(6)));

  const track = (children: ReactNode) => (
    <div className="relative h-7">
      <div
        aria-hidden="true"
        className="absolute inset-y-0 border-l border-dashed border-gray-400"
        style={{ left: `${x(thresholdMargin)}%` }}
      />
      {children}
    </div>
  );

  const activeStep = chart.steps.find((s) => s.key === active);

  return (
    <div role="figure" aria-label={label}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3 text-xs text-gray-600">
        <div className="flex flex-wrap items-center gap-4" aria-hidden="true">
          <span className="inline-flex items-center gap-1.5">
            <span className="h-2.5 w-2.5 rounded-sm bg-rose-500" /> Raises the score
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span className="h-2.5 w-2.5 rounded-sm bg-emerald-500" /> Lowers the score
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span className="h-3 border-l border-dashed border-gray-500" /> Threshold {formatScore(threshold)}
          </span>
        </div>
        {nonZero > initialTop ? (
          <button
            type="button"
            onClick={() => setShowAll((v) => !v)}
            aria-expanded={showAll}
            className="rounded-md px-2 py-1 font-medium text-blue-600 hover:bg-blue-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            {showAll ? `Show the top ${initialTop}` : `Show all ${rows.length} features`}
          </button>
        ) : null}
      </div>

      <div className="grid grid-cols-[minmax(0,5fr)_minmax(0,6fr)_4rem] items-center gap-x-3 text-[13px]">
        {/* Axis: probability labels at whole log-odds. */}
        <div className="text-xs font-medium text-gray-500">Feature and its value</div>
        <div className="relative h-5" aria-hidden="true">
          {ticks.map((t) => (
            <span
              key={t}
              className="absolute -translate-x-1/2 text-[11px] tabular-nums text-gray-500"
              style={{ left: `${x(t)}%` }}
            >
              {formatScore(sigmoid(t))}
            </span>
          ))}
        </div>
        <div className="text-right text-xs font-medium text-gray-500">Log-odds</div>

        <div className="col-span-3 border-t border-gray-100" />

        <div className="py-1 text-gray-600">Base value: the average transaction</div>
        {track(
          <div
            className="absolute top-1/2 h-3 w-0.5 -translate-y-1/2 rounded bg-gray-500"
            style={{ left: `${x(bias)}%` }}
            title={`Base value ${formatScore(sigmoid(bias))}`}
          />,
        )}
        <div className="text-right tabular-nums text-gray-600">{margin(bias)}</div>

        <ol className="contents">
          {chart.steps.map((s) => {
            const left = x(Math.min(s.from, s.to));
            const width = Math.max(Math.abs(x(s.to) - x(s.from)), 0.4);
            const up = s.phi > 0;
            const highlighted = active === s.key;
            return (
              <li
                key={s.key}
                className="contents"
                onMouseEnter={() => setActive(s.key)}
                onMouseLeave={() => setActive(null)}
              >
                <div
                  className={`rounded py-1 pr-1 leading-snug ${highlighted ? 'bg-gray-50 text-gray-900' : 'text-gray-800'}`}
                  title={s.detail}
                >
                  <span>{s.label}</span>
                  <span className="sr-only">
                    {up ? ', raises the score by ' : ', lowers the score by '}
                    {Math.abs(s.phi).toFixed(2)} log-odds
                  </span>
                </div>
                {track(
                  <div
                    aria-hidden="true"
                    className={`absolute top-1/2 h-4 -translate-y-1/2 rounded-sm ${up ? 'bg-rose-500' : 'bg-emerald-500'} ${highlighted ? 'opacity-100 ring-2 ring-gray-900/20' : 'opacity-90'}`}
                    style={{ left: `${left}%`, width: `${width}%` }}
                  />,
                )}
                <div
                  aria-hidden="true"
                  className={`text-right tabular-nums ${up ? 'text-rose-700' : 'text-emerald-700'}`}
                >
                  {formatLogOdds(s.phi)}
                </div>
              </li>
            );
          })}
        </ol>

        <div className="col-span-3 border-t border-gray-100" />

        <div className="py-1 font-medium text-gray-900">Final score {formatScore(score)}</div>
        {track(
          <div
            className="absolute top-1/2 h-4 w-1 -translate-y-1/2 rounded bg-gray-900"
            style={{ left: `calc(${x(chart.margin)}% - 2px)` }}
            title={`Final score ${formatScore(score)}`}
          />,
        )}
        <div className="text-right font-medium tabular-nums text-gray-900">{margin(chart.margin)}</div>
      </div>

      <p className="mt-3 min-h-[1.25rem] text-xs text-gray-500" aria-live="polite">
        {activeStep ? (
          <>
            <span className="font-mono text-gray-700">{activeStep.detail}</span> ·{' '}
            {activeStep.phi > 0 ? 'raises' : 'lowers'} the log-odds by {Math.abs(activeStep.phi).toFixed(3)}
          </>
        ) : (
          'Exact TreeSHAP contributions in log-odds: base value + all contributions = the model’s margin.'
        )}
      </p>
    </div>
  );
}
