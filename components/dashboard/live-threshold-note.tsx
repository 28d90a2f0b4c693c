// One line naming the live threshold the page's figures use, and where it comes from.
import { thresholdLabel } from '@/lib/analytics/threshold-axis';
import type { LiveThreshold } from '@/lib/threshold/live';

export function LiveThresholdNote({ live, error }: { live: LiveThreshold; error: string | null }) {
  return (
    <p className="text-[13px] text-gray-500">
      Live threshold <strong className="font-semibold text-gray-900">{thresholdLabel(live.value)}</strong>{' '}
      {live.source === 'audit' && live.change
        ? `(set by ${live.change.actor} on ${live.change.at.slice(0, 10)}; manifest ${thresholdLabel(live.manifestValue)})`
        : '(the model manifest’s)'}{' '}
      · model <span className="font-mono">{live.modelVersion}</span>
      {error ? (
        <span className="ml-1 font-medium text-amber-700">
          — the review store did not answer, so this is the manifest value: {error}
        </span>
      ) : null}
    </p>
  );
}
