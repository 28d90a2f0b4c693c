// The threshold's part of the audit trail: every change, newest first, with who, when, from, to, for
// which model, and why. Read straight from the append-only audit events.
import 'server-only';

import { thresholdLabel } from '@/lib/analytics/threshold-axis';
import type { ThresholdChange } from '@/lib/threshold/live';

import { DashboardCard } from './dashboard-card';
import type { Settled } from './settled';
import { WidgetError } from './widget-error';

export const THRESHOLD_HISTORY_TITLE = 'Threshold changes (audit trail)';

export async function ThresholdHistory({
  changes,
  modelVersion,
}: {
  changes: Promise<Settled<ThresholdChange[]>>;
  modelVersion: string;
}) {
  const result = await changes;
  if (!result.ok)
    return (
      <WidgetError
        id="threshold-history"
        title={THRESHOLD_HISTORY_TITLE}
        what="the threshold changes from the audit trail"
        failure={result}
      />
    );
  return (
    <DashboardCard
      id="threshold-history"
      title={THRESHOLD_HISTORY_TITLE}
      description="Every change of the live threshold, newest first (append-only)"
    >
      {result.value.length === 0 ? (
        <p className="mt-4 rounded-lg bg-gray-50 px-4 py-6 text-center text-sm text-gray-500">
          No change recorded: every model so far runs at its manifest’s threshold.
        </p>
      ) : (
        <div
          tabIndex={0}
          role="region"
          aria-label="Threshold changes"
          className="mt-4 overflow-x-auto focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          <table className="min-w-full divide-y divide-gray-200 text-[13px]">
            <caption className="sr-only">Threshold changes, newest first</caption>
            <thead>
              <tr className="text-left text-gray-600">
                <th scope="col" className="whitespace-nowrap py-2 pr-4 font-medium">
                  When (UTC)
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-4 font-medium">
                  Who
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-4 text-right font-medium">
                  From
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-4 text-right font-medium">
                  To
                </th>
                <th scope="col" className="whitespace-nowrap py-2 pr-4 font-medium">
                  Model
                </th>
                <th scope="col" className="py-2 font-medium">
                  Reason
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {result.value.map((c) => (
                <tr key={c.eventId}>
                  <td className="whitespace-nowrap py-2 pr-4 tabular-nums text-gray-900">
                    {c.at.slice(0, 16).replace('T', ' ')}
                  </td>
                  <td className="whitespace-nowrap py-2 pr-4 text-gray-900">{c.actor}</td>
                  <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums text-gray-700">
                    {thresholdLabel(c.from)}
                  </td>
                  <td className="whitespace-nowrap py-2 pr-4 text-right font-medium tabular-nums text-gray-900">
                    {thresholdLabel(c.to)}
                  </td>
                  <td className="whitespace-nowrap py-2 pr-4 font-mono text-gray-600">
                    {c.modelVersion ?? '—'}
                    {c.modelVersion && c.modelVersion !== modelVersion ? (
                      <span className="ml-1 font-sans text-gray-400">(not served)</span>
                    ) : null}
                  </td>
                  <td className="py-2 text-gray-700">{c.note ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </DashboardCard>
  );
}
