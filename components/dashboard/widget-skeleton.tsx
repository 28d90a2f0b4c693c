// Placeholder with a widget's title and shape while its read runs, so the page does not jump when the
// numbers stream in.
export function WidgetSkeleton({
  title,
  body = 'chart',
  className = '',
}: {
  title: string;
  body?: 'chart' | 'table' | 'kpis' | 'short';
  className?: string;
}) {
  return (
    <div
      aria-busy="true"
      className={`min-w-0 rounded-xl border border-gray-200 bg-white p-5 shadow-sm ${className}`}
    >
      <p className="text-sm font-semibold text-gray-900">{title}</p>
      <span className="sr-only">Loading…</span>
      <div className="mt-1 h-3 w-48 animate-pulse rounded bg-gray-100" />
      {body === 'kpis' ? (
        <div className="mt-4 grid grid-cols-2 gap-3 lg:grid-cols-5">
          {['a', 'b', 'c', 'd', 'e'].map((k) => (
            <div key={k} className="h-16 animate-pulse rounded-lg bg-gray-100" />
          ))}
        </div>
      ) : (
        <div
          className={`mt-4 animate-pulse rounded bg-gray-100 ${body === 'table' ? 'h-72' : body === 'short' ? 'h-24' : 'h-56 2xl:h-64'}`}
        />
      )}
    </div>
  );
}
