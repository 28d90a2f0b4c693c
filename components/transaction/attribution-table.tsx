// Every model input with its value in words and its exact contribution: the text alternative to the
// waterfall, and the place to look up a feature the chart folded into "other features".
import { requestFormats } from '@/lib/format/request-locale';
import type { AttributionRow } from '@/lib/review/attributions';

export async function AttributionTable({ rows, caption }: { rows: AttributionRow[]; caption: string }) {
  const { formatInputValue, formatLogOdds } = await requestFormats();
  return (
    <table className="w-full text-left text-[13px]">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-gray-200 text-xs text-gray-500">
          <th scope="col" className="py-2 pr-3 font-medium">
            Feature value
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            Input
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            Contribution
          </th>
          <th scope="col" className="py-2 font-medium">
            Effect
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.feature} className="border-b border-gray-100 last:border-0">
            <th scope="row" className="py-1.5 pr-3 font-normal text-gray-900">
              {r.phrase}
            </th>
            <td className="py-1.5 pr-3">
              <span className="font-mono text-xs text-gray-500">{r.feature}</span>{' '}
              <span className="tabular-nums text-gray-700">
                = {r.value === null ? 'missing' : formatInputValue(r.value)}
              </span>
            </td>
            <td
              className={`py-1.5 pr-3 text-right tabular-nums ${r.phi > 0 ? 'text-rose-700' : r.phi < 0 ? 'text-emerald-700' : 'text-gray-500'}`}
            >
              {formatLogOdds(r.phi)}
            </td>
            <td className="py-1.5 text-gray-600">
              {r.phi > 0 ? 'raises the score' : r.phi < 0 ? 'lowers the score' : 'no effect'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
