// Placeholder for the status tabs while their counts are read.
export function QueueTabsSkeleton() {
  return (
    <div className="flex gap-1 border-b border-gray-200 pb-2.5 pt-1" aria-busy="true">
      <span className="sr-only">Loading counts…</span>
      {['w-20', 'w-28', 'w-20', 'w-28'].map((w, i) => (
        <div key={i} className={`mx-3 h-5 animate-pulse rounded bg-gray-200 ${w}`} />
      ))}
    </div>
  );
}
