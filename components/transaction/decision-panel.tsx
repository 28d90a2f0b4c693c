// The analyst's side of the page: who holds the item (claim / release), the decision on record if
// there is one, and the form to record or change it. Rendered per item version: a new version (after
// any claim, release or decision) remounts the forms, so they always submit the version shown.
import { randomUUID } from 'node:crypto';

import { LocalTime } from '@/components/app-shell/local-time';
import { ClaimControls } from '@/components/transaction/claim-controls';
import { DecisionForm } from '@/components/transaction/decision-form';
import { Panel } from '@/components/transaction/panel';
import { OUTCOME_LABELS } from '@/lib/review/outcome-labels';
import { reasonLabel } from '@/lib/review/reasons';
import { isClaimActive, type ReviewItem } from '@/lib/store/schema';

export function DecisionPanel({
  item,
  actor,
  canDecide,
}: {
  item: ReviewItem;
  actor: string;
  canDecide: boolean;
}) {
  const claimActive = isClaimActive(item);
  const decided = item.decision;
  const claimable = item.status === 'open' || item.status === 'escalated';
  return (
    <Panel id="decision" title="Decision" description={`Item version ${item.version}`}>
      <div className="space-y-4">
        {canDecide && (claimable || claimActive) ? (
          <ClaimControls
            key={`claim-${item.version}`}
            transactionId={item.transaction_id}
            version={item.version}
            requestId={randomUUID()}
            {...(item.assignee ? { assignee: item.assignee } : {})}
            {...(item.claim_expires_at ? { claimExpiresAt: item.claim_expires_at } : {})}
            claimActive={claimActive}
            mine={claimActive && item.assignee === actor}
            claimable={claimable}
          />
        ) : null}

        {decided ? (
          <div
            role="group"
            aria-label="Decision on record"
            className={`rounded-lg px-3 py-2.5 text-[13px] ring-1 ring-inset ${decided.outcome === 'fraud' ? 'bg-rose-50 ring-rose-600/20' : decided.outcome === 'legitimate' ? 'bg-emerald-50 ring-emerald-600/20' : 'bg-amber-50 ring-amber-600/20'}`}
          >
            <p className="font-semibold text-gray-900">
              {OUTCOME_LABELS[decided.outcome]} · {reasonLabel(decided.reason)}
            </p>
            <p className="mt-0.5 text-gray-600">
              by {decided.analyst}, <LocalTime iso={decided.at} />
            </p>
            {decided.note ? <p className="mt-1 whitespace-pre-line text-gray-800">{decided.note}</p> : null}
          </div>
        ) : null}

        {!canDecide ? (
          <p className="text-sm text-gray-500">Your role can read this item but not decide it.</p>
        ) : decided && !claimable ? (
          // A decided item keeps its decision in view; changing it is one deliberate click away.
          <details className="group rounded-lg border border-gray-200 px-3 py-2">
            <summary className="cursor-pointer select-none text-[13px] font-medium text-gray-700 hover:text-gray-900">
              Change the decision
            </summary>
            <div className="mt-3">
              <DecisionForm
                key={`decide-${item.version}`}
                transactionId={item.transaction_id}
                version={item.version}
                requestId={randomUUID()}
                submitLabel="Change the decision"
              />
            </div>
          </details>
        ) : (
          <DecisionForm
            key={`decide-${item.version}`}
            transactionId={item.transaction_id}
            version={item.version}
            requestId={randomUUID()}
            submitLabel={decided ? 'Record a new decision' : 'Record decision'}
          />
        )}
      </div>
    </Panel>
  );
}
