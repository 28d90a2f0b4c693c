// Placeholder rows while the audit trail is read.
export function AuditResultsSkeleton() {
  return (
    <div
      aria-busy="true"
      aria-label="Loading the audit trail"
      className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm"
    >
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="my-3 h-5 animate-pulse rounded bg-gray-100" />
      ))}
    </div>
  );
}
