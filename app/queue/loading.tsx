// Shown while the queue page's session check and view parsing run, before its own Suspense parts stream.
import { QueueTableSkeleton } from '@/components/queue/queue-table-skeleton';
import { QueueTabsSkeleton } from '@/components/queue/queue-tabs-skeleton';

export default function QueueLoading() {
  return (
    <main className="mx-auto max-w-console px-6 pb-16 pt-8 lg:px-8">
      <p className="text-sm font-medium text-blue-600">Triage</p>
      <h1 className="mt-1 text-3xl font-semibold tracking-tight text-gray-900">Review queue</h1>
      <div className="mt-2 h-7 w-96 max-w-full animate-pulse rounded bg-gray-100" />
      <div className="mt-6">
        <QueueTabsSkeleton />
      </div>
      <div className="mt-4 space-y-4">
        <div className="h-[74px] animate-pulse rounded-xl border border-gray-200 bg-white" />
        <QueueTableSkeleton />
      </div>
    </main>
  );
}
