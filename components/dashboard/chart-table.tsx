// The numbers behind a chart as a real table, folded under a disclosure: the chart's text alternative
// for screen readers and for anyone who wants exact figures. Cells arrive formatted.
export interface TableColumn {
  key: string;
  label: string;
  /** Numbers right-aligned (the default); text left. */
  align?: 'left' | 'right';
}

export function ChartTable({
  caption,
  columns,
  rows,
  open = false,
  highlight,
  summary = 'Show the numbers as a table',
}: {
  caption: string;
  columns: TableColumn[];
  rows: Record<string, string>[];
  open?: boolean;
  /** Index of a row to emphasise (e.g. the live threshold). */
  highlight?: number;
  summary?: string;
}) {
  return (
    <details className="group mt-3" open={open}>
      <summary className="cursor-pointer select-none text-[13px] font-medium text-blue-700 hover:text-blue-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600">
        {summary}
      </summary>
      {/* Focusable, so keyboard users can scroll a long table (axe: scrollable-region-focusable). */}
      <div
        tabIndex={0}
        role="region"
        aria-label={caption}
        className="mt-2 max-h-96 overflow-auto rounded-lg border border-gray-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        <table className="min-w-full divide-y divide-gray-200 text-[13px]">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-gray-50">
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={`whitespace-nowrap px-3 py-2 font-medium text-gray-600 ${c.align === 'left' ? 'text-left' : 'text-right'}`}
                >
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100 bg-white">
            {rows.map((row, i) => (
              <tr key={i} className={i === highlight ? 'bg-amber-50 font-medium' : undefined}>
                {columns.map((c, j) =>
                  j === 0 ? (
                    <th
                      key={c.key}
                      scope="row"
                      className={`whitespace-nowrap px-3 py-1.5 font-normal text-gray-900 ${c.align === 'right' ? 'text-right' : 'text-left'}`}
                    >
                      {row[c.key]}
                    </th>
                  ) : (
                    <td
                      key={c.key}
                      className={`whitespace-nowrap px-3 py-1.5 tabular-nums text-gray-700 ${c.align === 'left' ? 'text-left' : 'text-right'}`}
                    >
                      {row[c.key]}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
