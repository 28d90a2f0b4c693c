// A decided item's outcome, reason and who recorded it: what the decided tabs show instead of a claim.
import { OUTCOME_LABELS } from '@/components/queue/queue-format';
import type { QueueRowData } from '@/components/queue/queue-row-data';
import { reasonLabel } from '@/lib/review/reasons';

const TONE = {
  fraud: 'text-red-700',
  legitimate: 'text-emerald-700',
  escalate: 'text-amber-700',
} as const;

export function DecisionCell({ decision }: { decision: QueueRowData['decision'] }) {
  if (!decision) return <span className="text-gray-500">—</span>;
  return (
    <span className="flex flex-col leading-tight">
      <span className={`font-medium ${TONE[decision.outcome]}`}>
        {OUTCOME_LABELS[decision.outcome]} · {reasonLabel(decision.reason)}
      </span>
      <span className="text-xs text-gray-500">{decision.analyst}</span>
    </span>
  );
}
