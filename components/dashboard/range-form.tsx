// Picks the day range of a risk page: two date fields submitted as a GET form (the range lives in the
// URL, so views can be bookmarked and shared, and it works without JavaScript), quick links for the
// last 7, 30 and 90 days that have data, and a note on parameters that could not be used.
import Link from 'next/link';
import type { ReactNode } from 'react';

import type { LakeDay } from '@/lib/analytics/coverage';
import type { DayRange } from '@/lib/analytics/queries';
import { requestFormats } from '@/lib/format/request-locale';

export async function RangeForm({
  action,
  range,
  days,
  hidden = {},
  keep = {},
  ignored = [],
  children,
}: {
  action: string;
  range: DayRange;
  days: readonly LakeDay[];
  /** Other URL parameters of the page, sent as hidden fields. */
  hidden?: Record<string, string>;
  /** Other URL parameters the quick-range links keep (fields the form shows itself, e.g. minutes). */
  keep?: Record<string, string>;
  ignored?: string[];
  children?: ReactNode;
}) {
  const { formatLongDay } = await requestFormats();
  const first = days[0]?.day;
  const last = days[days.length - 1]?.day;
  const seen = new Set<string>();
  const presets = [7, 30, 90].flatMap((n) => {
    const start = days[Math.max(0, days.length - n)]?.day;
    // A short lake makes 30 and 90 the same range: offer it once.
    if (!start || !last || seen.has(start)) return [];
    seen.add(start);
    const params = new URLSearchParams({ ...hidden, ...keep, from: start, to: last });
    return [{ n, href: `${action}?${params}`, active: start === range.from && last === range.to }];
  });
  const inRange = days.filter((d) => d.day >= range.from && d.day <= range.to).length;
  return (
    <div className="rounded-xl border border-gray-200 bg-white px-5 py-4 shadow-sm">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <form action={action} method="get" className="flex flex-wrap items-end gap-3" aria-label="Day range">
          {Object.entries(hidden).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label className="text-[13px] font-medium text-gray-700">
            From
            <input
              type="date"
              name="from"
              defaultValue={range.from}
              className="mt-1 block h-9 rounded-md border-0 px-2.5 text-sm text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-blue-600"
            />
          </label>
          <label className="text-[13px] font-medium text-gray-700">
            To
            <input
              type="date"
              name="to"
              defaultValue={range.to}
              className="mt-1 block h-9 rounded-md border-0 px-2.5 text-sm text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-blue-600"
            />
          </label>
          {children}
          <button
            type="submit"
            className="inline-flex h-9 items-center rounded-md bg-gray-900 px-3.5 text-sm font-medium text-white hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            Apply
          </button>
        </form>
        {presets.length > 0 ? (
          <nav aria-label="Quick ranges" className="flex items-center gap-2 text-[13px]">
            <span className="text-gray-500">Last days with data:</span>
            {presets.map((p) => (
              <Link
                key={p.n}
                href={p.href}
                aria-current={p.active ? 'true' : undefined}
                className={`rounded-md px-2 py-1 font-medium ring-1 ring-inset focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600 ${
                  p.active
                    ? 'bg-gray-900 text-white ring-gray-900'
                    : 'bg-white text-gray-700 ring-gray-300 hover:bg-gray-50'
                }`}
              >
                {p.n}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>
      <p className="mt-3 text-[13px] text-gray-500">
        {formatLongDay(range.from)} – {formatLongDay(range.to)} (UTC days): {inRange}{' '}
        {inRange === 1 ? 'day' : 'days'} with data
        {first && last ? ` · the lake holds ${formatLongDay(first)} – ${formatLongDay(last)}` : ''}
      </p>
      {ignored.length > 0 ? (
        <p
          role="status"
          className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-900 ring-1 ring-inset ring-amber-600/20"
        >
          Not understood, so not used: {ignored.join('; ')}.
        </p>
      ) : null}
    </div>
  );
}
