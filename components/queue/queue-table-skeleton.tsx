// Placeholder with the queue table's shape, shown while the page's rows are read from the store.
const WIDTHS = ['w-12', 'w-16', 'w-64', 'w-20', 'w-20', 'w-16', 'w-24'];

export function QueueTableSkeleton({ rows = 10 }: { rows?: number }) {
  return (
    <div className="overflow-hidden rounded-xl border border-gray-200 bg-white shadow-sm" aria-busy="true">
      <span className="sr-only">Loading the queue…</span>
      <div className="h-[57px] border-b border-gray-200 bg-gray-50/70" />
      <div className="h-10 border-b border-gray-200 bg-gray-50" />
      <div className="divide-y divide-gray-100">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex animate-pulse items-center gap-6 px-4 py-4">
            <div className="h-4 w-4 rounded bg-gray-200" />
            {WIDTHS.map((w, j) => (
              <div key={j} className={`h-3 rounded ${j === 2 ? 'bg-gray-200' : 'bg-gray-100'} ${w}`} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
