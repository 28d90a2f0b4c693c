'use client';

// Old vs new contribution of every feature after a rescoring, biggest change first: each side's value in
// words and contribution, and a small diverging bar pair on one shared scale so the direction and size
// of each change reads at a glance. The table is the accessible form; the bars repeat its numbers.
import { useState } from 'react';

import { useFormats } from '@/components/app-shell/locale-provider';
import type { AttributionChange } from '@/lib/review/attribution-diff';

const SHOWN = 12;

function Bar({ phi, scale, muted }: { phi: number; scale: number; muted?: boolean }) {
  const width = Math.min(Math.abs(phi) / scale, 1) * 50;
  const colour =
    phi > 0 ? (muted ? 'bg-rose-200' : 'bg-rose-500') : muted ? 'bg-emerald-200' : 'bg-emerald-500';
  return (
    <div className="relative h-2">
      <div className="absolute inset-y-0 left-1/2 w-px bg-gray-300" />
      <div
        className={`absolute inset-y-0 rounded-sm ${colour}`}
        style={phi >= 0 ? { left: '50%', width: `${width}%` } : { right: '50%', width: `${width}%` }}
      />
    </div>
  );
}

export function AttributionDiffTable({ diff }: { diff: AttributionChange[] }) {
  const { formatLogOdds } = useFormats();
  const [all, setAll] = useState(false);
  const changed = diff.filter((d) => d.delta !== 0);
  const rows = all ? diff : changed.slice(0, SHOWN);
  const scale = Math.max(...diff.flatMap((d) => [Math.abs(d.oldPhi), Math.abs(d.newPhi)]), 1e-9);
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-[13px] font-medium text-gray-900">Attribution diff</h3>
        <p className="text-xs text-gray-500">
          {changed.length} of {diff.length} contributions changed
          {changed.length > SHOWN || all ? (
            <>
              {' · '}
              <button
                type="button"
                onClick={() => setAll((v) => !v)}
                aria-expanded={all}
                className="font-medium text-blue-600 hover:text-blue-700"
              >
                {all
                  ? `show the ${Math.min(SHOWN, changed.length)} biggest changes`
                  : `show all ${diff.length}`}
              </button>
            </>
          ) : null}
        </p>
      </div>
      <div className="-mx-5 mt-2 overflow-x-auto">
        <table className="w-full min-w-[720px] text-left text-[13px]">
          <caption className="sr-only">
            Contribution of each feature before and after rescoring, biggest change first
          </caption>
          <thead>
            <tr className="border-b border-gray-200 text-xs text-gray-500">
              <th scope="col" className="w-[34%] py-2 pl-5 pr-3 font-medium">
                Stored
              </th>
              <th scope="col" className="w-[34%] py-2 pr-3 font-medium">
                Rescored
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                <span className="sr-only">Contributions, </span>stored / rescored
              </th>
              <th scope="col" className="py-2 pr-5 text-right font-medium">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="py-3 pl-5 pr-5 text-gray-500">
                  No contribution changed: the rescored transaction is explained exactly as the stored one.
                </td>
              </tr>
            ) : null}
            {rows.map((d) => (
              <tr key={d.feature} className="border-b border-gray-100 align-top last:border-0">
                <td className="py-2 pl-5 pr-3 text-gray-600">
                  <span className="block">{d.oldPhrase}</span>
                  <span className="tabular-nums text-xs text-gray-500">{formatLogOdds(d.oldPhi)}</span>
                </td>
                <td className="py-2 pr-3 text-gray-900">
                  <span className="block">
                    {d.valueChanged ? (
                      <span className="mr-1 rounded bg-violet-100 px-1 text-[11px] font-semibold text-violet-800">
                        changed
                      </span>
                    ) : null}
                    {d.newPhrase}
                  </span>
                  <span className="tabular-nums text-xs text-gray-500">{formatLogOdds(d.newPhi)}</span>
                </td>
                <td className="w-56 py-2.5 pr-6" aria-hidden="true">
                  <Bar phi={d.oldPhi} scale={scale} muted />
                  <div className="h-1" />
                  <Bar phi={d.newPhi} scale={scale} />
                </td>
                <td
                  className={`whitespace-nowrap py-2 pr-5 text-right font-medium tabular-nums ${d.delta > 0 ? 'text-rose-700' : d.delta < 0 ? 'text-emerald-700' : 'text-gray-500'}`}
                >
                  {formatLogOdds(d.delta)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-gray-500">
        <span className="rounded bg-violet-100 px-1 font-semibold text-violet-800">changed</span> marks
        features whose value your edits changed; the others move because each contribution depends on all
        inputs together.
      </p>
    </div>
  );
}
