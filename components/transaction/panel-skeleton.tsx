// Placeholder with a panel's frame and a few grey lines, shown while that panel's data loads, so the
// page keeps its layout and the panels that are ready show at once.
export function PanelSkeleton({
  title,
  lines = 4,
  tall = false,
}: {
  title: string;
  lines?: number;
  tall?: boolean;
}) {
  return (
    <div aria-busy="true" className="rounded-xl border border-gray-200 bg-white shadow-sm">
      <span className="sr-only">Loading {title.toLowerCase()}…</span>
      <div className="border-b border-gray-100 px-5 py-3.5">
        <p className="text-sm font-semibold text-gray-900">{title}</p>
        <div className="mt-1.5 h-3 w-56 animate-pulse rounded bg-gray-100" />
      </div>
      <div className="space-y-3 px-5 py-4">
        {tall ? <div className="h-48 animate-pulse rounded bg-gray-100" /> : null}
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className="flex animate-pulse gap-3">
            <div className="h-3 rounded bg-gray-200" style={{ width: `${40 + ((i * 17) % 35)}%` }} />
            <div className="h-3 w-16 rounded bg-gray-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
