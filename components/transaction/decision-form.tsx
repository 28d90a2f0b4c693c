'use client';

// Fraud / legitimate / escalate with a reason code that fits the outcome and an optional note. The form
// carries the item version it was rendered from: if anyone changed the item since, the server refuses
// and this form says who and when, with a reload button, instead of overwriting their work.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';

import { decideAction } from '@/app/transactions/[id]/decide-action';
import { FormMessage } from '@/components/transaction/form-message';
import { useTimeZone } from '@/components/transaction/use-time-zone';
import { OUTCOME_LABELS } from '@/lib/review/outcome-labels';
import { reasonsFor } from '@/lib/review/reasons';
import { OUTCOMES, type Outcome } from '@/lib/store/schema';

const OUTCOME_STYLES: Record<Outcome, string> = {
  fraud: 'peer-checked:bg-rose-600 peer-checked:text-white peer-checked:ring-rose-600',
  legitimate: 'peer-checked:bg-emerald-600 peer-checked:text-white peer-checked:ring-emerald-600',
  escalate: 'peer-checked:bg-amber-500 peer-checked:text-white peer-checked:ring-amber-500',
};

export function DecisionForm({
  transactionId,
  version,
  requestId,
  submitLabel,
}: {
  transactionId: string;
  version: number;
  requestId: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(decideAction, null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const timeZone = useTimeZone();
  const router = useRouter();
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;

  return (
    <form action={formAction} className="space-y-4" aria-label="Decision">
      <input type="hidden" name="transactionId" value={transactionId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="tz" value={timeZone} />

      <fieldset>
        <legend className="text-xs font-medium text-gray-700">Outcome</legend>
        <div className="mt-1.5 grid grid-cols-3 gap-2">
          {OUTCOMES.map((o) => (
            <label key={o} className="relative">
              <input
                type="radio"
                name="outcome"
                value={o}
                checked={outcome === o}
                onChange={() => {
                  setOutcome(o);
                  setReason('');
                }}
                className="peer sr-only"
              />
              <span
                className={`flex h-9 cursor-pointer items-center justify-center rounded-md bg-white text-sm font-medium text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-600 ${OUTCOME_STYLES[o]}`}
              >
                {OUTCOME_LABELS[o]}
              </span>
            </label>
          ))}
        </div>
        {fieldErrors?.outcome ? <p className="mt-1 text-xs text-red-700">{fieldErrors.outcome[0]}</p> : null}
      </fieldset>

      <div>
        <label htmlFor="decision-reason" className="text-xs font-medium text-gray-700">
          Reason
        </label>
        <select
          id="decision-reason"
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          disabled={outcome === null}
          aria-invalid={fieldErrors?.reason ? true : undefined}
          className="mt-1 block h-9 w-full rounded-md border border-gray-300 bg-white px-2.5 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 disabled:bg-gray-50 disabled:text-gray-400"
        >
          <option value="">{outcome === null ? 'Choose an outcome first' : 'Choose a reason…'}</option>
          {outcome !== null
            ? reasonsFor(outcome).map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))
            : null}
        </select>
        {fieldErrors?.reason ? <p className="mt-1 text-xs text-red-700">{fieldErrors.reason[0]}</p> : null}
      </div>

      <div>
        <label htmlFor="decision-note" className="text-xs font-medium text-gray-700">
          Note <span className="font-normal text-gray-500">(optional)</span>
        </label>
        <textarea
          id="decision-note"
          name="note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="What you checked, who you spoke to…"
          className="mt-1 block w-full rounded-md border border-gray-300 px-2.5 py-2 text-sm shadow-sm placeholder:text-gray-400 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
        />
        {fieldErrors?.note ? <p className="mt-1 text-xs text-red-700">{fieldErrors.note[0]}</p> : null}
      </div>

      {state && !state.ok && !fieldErrors ? (
        <FormMessage
          tone="error"
          action={
            state.code === 'conflict' ? (
              <button
                type="button"
                onClick={() => router.refresh()}
                className="inline-flex h-7 items-center rounded-md bg-white px-2.5 text-xs font-semibold text-red-800 ring-1 ring-inset ring-red-600/30 hover:bg-red-50"
              >
                Reload
              </button>
            ) : undefined
          }
        >
          {state.error}
        </FormMessage>
      ) : null}
      {state?.ok && state.message ? <FormMessage tone="success">{state.message}</FormMessage> : null}

      <button
        type="submit"
        disabled={pending || outcome === null || reason === ''}
        className="inline-flex h-9 w-full items-center justify-center rounded-md bg-gray-900 px-4 text-sm font-semibold text-white hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {pending ? 'Recording…' : submitLabel}
      </button>
    </form>
  );
}
