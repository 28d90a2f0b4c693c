// Tells the analyst which URL filters were not understood and were left out, rather than silently
// showing a wider list than the link promised.
import type { IgnoredParam } from '@/components/queue/queue-view';

export function QueueIgnoredParams({ ignored }: { ignored: IgnoredParam[] }) {
  return (
    <div
      role="status"
      className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/20"
    >
      <p className="font-medium">Some filters in this link were not understood and are not applied:</p>
      <ul className="mt-1 list-disc pl-5">
        {ignored.map((i) => (
          <li key={i.param}>
            <code className="font-mono text-[13px]">
              {i.param}={i.value.length > 40 ? `${i.value.slice(0, 40)}…` : i.value}
            </code>{' '}
            — {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
