// The SLA colours explained once, next to the list, from the same thresholds the badges use.
import { SLA_THRESHOLDS } from '@/components/queue/sla';

const hours = (ms: number) => `${ms / 3_600_000} h`;

export function SlaLegend() {
  const warn = hours(SLA_THRESHOLDS.warningAfterMs);
  const breach = hours(SLA_THRESHOLDS.breachAfterMs);
  return (
    <p className="flex items-center gap-3 text-xs text-gray-500">
      <span>Waiting:</span>
      <span className="flex items-center gap-1.5">
        <span className="h-2.5 w-2.5 rounded-sm bg-gray-300" aria-hidden="true" />
        under {warn}
      </span>
      <span className="flex items-center gap-1.5">
        <span className="h-2.5 w-2.5 rounded-sm bg-amber-400" aria-hidden="true" />
        {warn}–{breach}
      </span>
      <span className="flex items-center gap-1.5">
        <span className="h-2.5 w-2.5 rounded-sm bg-red-500" aria-hidden="true" />
        over {breach}
      </span>
    </p>
  );
}
