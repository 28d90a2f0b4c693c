// Placeholder with the lake summary's shape, shown while DuckDB scans the lake.
export function LakeOverviewSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true">
      <span className="sr-only">Loading the data lake summary…</span>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {['a', 'b', 'c', 'd'].map((key) => (
          <div key={key} className="h-[116px] animate-pulse rounded-xl border border-gray-200 bg-white p-5">
            <div className="h-3 w-24 rounded bg-gray-200" />
            <div className="mt-4 h-6 w-32 rounded bg-gray-200" />
            <div className="mt-3 h-3 w-40 rounded bg-gray-100" />
          </div>
        ))}
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {['a', 'b'].map((key) => (
          <div key={key} className="animate-pulse rounded-xl border border-gray-200 bg-white p-5">
            <div className="h-3 w-32 rounded bg-gray-200" />
            <div className="mt-2 h-3 w-48 rounded bg-gray-100" />
            <div className="mt-6 h-56 rounded bg-gray-100 2xl:h-72" />
          </div>
        ))}
      </div>
    </div>
  );
}
