// The live threshold: its value, where it comes from (the model manifest, or the newest change in the
// audit trail), and for admins the form to change it. Managers see why they cannot.
import { randomUUID } from 'node:crypto';

import { thresholdLabel } from '@/lib/analytics/threshold-axis';
import type { LiveThreshold } from '@/lib/threshold/live';

import { DashboardCard } from './dashboard-card';
import { ThresholdChangeForm } from './threshold-change-form';

export function LiveThresholdPanel({
  live,
  canChange,
  storeError,
}: {
  live: LiveThreshold;
  canChange: boolean;
  storeError: string | null;
}) {
  return (
    <DashboardCard
      id="live-threshold"
      title="Live threshold"
      description="New transactions scored at or above it become review items (ingestion reads it within 10 seconds)."
    >
      <div className="mt-4 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <p className="text-3xl font-semibold tracking-tight text-gray-900 tabular-nums">
          {thresholdLabel(live.value)}
        </p>
        <p className="text-[13px] text-gray-500">
          {live.source === 'audit' && live.change ? (
            <>
              Set by <span className="font-medium text-gray-700">{live.change.actor}</span> on{' '}
              {live.change.at.slice(0, 16).replace('T', ' ')} UTC
              {live.change.note ? <> — “{live.change.note}”</> : null}. The model manifest says{' '}
              {thresholdLabel(live.manifestValue)}.
            </>
          ) : (
            <>The model manifest’s threshold; nobody has changed it for this model.</>
          )}{' '}
          Model <span className="font-mono">{live.modelVersion}</span>.
        </p>
      </div>
      {storeError ? (
        <p
          role="status"
          className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-900 ring-1 ring-inset ring-amber-600/20"
        >
          The review store did not answer, so this is the manifest’s value and cannot be changed right now:{' '}
          {storeError}
        </p>
      ) : canChange ? (
        <ThresholdChangeForm current={live.value} modelVersion={live.modelVersion} requestId={randomUUID()} />
      ) : (
        <p className="mt-3 text-[13px] text-gray-500">Only admins can change the live threshold.</p>
      )}
    </DashboardCard>
  );
}
