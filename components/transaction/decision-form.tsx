'use client';

// Fraud / legitimate / escalate with a reason code that fits the outcome and an optional note. The form
// carries the item version it was rendered from: if anyone changed the item since, the server refuses
// and this form says who and when, with a reload button, instead of overwriting their work.
// From the keyboard: f / l / e choose the outcome and put focus in the list of its reasons (↑/↓),
// Enter records the decision and opens the next item (triage-provider.tsx), Esc cancels. "Record
// decision" records it and stays on the page.
import { useRouter } from 'next/navigation';
import { useActionState, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';

import { decideAction } from '@/app/transactions/[id]/decide-action';
import { useShortcuts } from '@/components/app-shell/use-shortcuts';
import { useTimeZone } from '@/components/app-shell/use-time-zone';
import { FormMessage } from '@/components/transaction/form-message';
import { useTriage } from '@/components/transaction/triage-provider';
import { OUTCOME_LABELS } from '@/lib/review/outcome-labels';
import { reasonLabel, reasonsFor } from '@/lib/review/reasons';
import { OUTCOMES, type Outcome } from '@/lib/store/schema';

const OUTCOME_STYLES: Record<Outcome, string> = {
  fraud: 'peer-checked:bg-rose-600 peer-checked:text-white peer-checked:ring-rose-600',
  legitimate: 'peer-checked:bg-emerald-600 peer-checked:text-white peer-checked:ring-emerald-600',
  escalate: 'peer-checked:bg-amber-500 peer-checked:text-white peer-checked:ring-amber-500',
};

/** The key that starts each outcome (announced on its radio; the help line below says it too). */
const OUTCOME_KEYS: Record<Outcome, string> = { fraud: 'f', legitimate: 'l', escalate: 'e' };

const KBD = 'ml-1.5 rounded px-1 font-mono text-[11px] font-semibold ring-1 ring-inset ring-white/50';

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
  const [hint, setHint] = useState<string | null>(null);
  const timeZone = useTimeZone();
  const router = useRouter();
  const triage = useTriage();
  const form = useRef<HTMLFormElement>(null);
  const reasons = useRef<HTMLSelectElement>(null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const choices = outcome === null ? [] : reasonsFor(outcome);

  /** Chooses the outcome and moves focus into its reasons (opening "Change the decision" if shut). */
  const start = (chosen: Outcome) => {
    const details = form.current?.closest('details');
    if (details && !details.open) details.open = true;
    // Rendered now, not at the next paint: the list is disabled until an outcome is chosen.
    flushSync(() => {
      setOutcome(chosen);
      setReason('');
      setHint(null);
    });
    // The whole form in view (reasons, note and buttons), not just the list, clear of the sticky header.
    reasons.current?.focus({ preventScroll: true });
    form.current?.scrollIntoView({ block: 'nearest' });
  };

  const cancel = () => {
    setOutcome(null);
    setReason('');
    setHint(null);
    reasons.current?.blur();
  };

  /** Records the decision and moves on to the next item at once (the answer shows on that page). */
  const recordAndNext = () => {
    if (!triage || !form.current || outcome === null) return;
    if (reason === '') {
      setHint('Choose a reason first (↑/↓), then Enter.');
      return;
    }
    const input: Record<string, string> = {};
    for (const [key, value] of new FormData(form.current)) if (typeof value === 'string') input[key] = value;
    triage.advance({ input, summary: `${OUTCOME_LABELS[outcome]} · ${reasonLabel(reason)}` });
  };

  const onReasonKey = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      if (triage) recordAndNext();
      else if (reason !== '') form.current?.requestSubmit();
    } else if (
      reason === '' &&
      (event.key === 'ArrowDown' || event.key === 'ArrowUp') &&
      choices.length > 0
    ) {
      // Nothing chosen yet: the first ↓ picks the first reason (the browser would skip to the second).
      event.preventDefault();
      const pick = event.key === 'ArrowDown' ? choices[0] : choices[choices.length - 1];
      if (pick) setReason(pick.code);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };

  useShortcuts(
    {
      f: (event) => {
        event.preventDefault();
        start('fraud');
      },
      l: (event) => {
        event.preventDefault();
        start('legitimate');
      },
      e: (event) => {
        event.preventDefault();
        start('escalate');
      },
    },
    !pending,
  );

  return (
    <form ref={form} action={formAction} className="scroll-mb-4 scroll-mt-20 space-y-4" aria-label="Decision">
      <input type="hidden" name="transactionId" value={transactionId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="tz" value={timeZone ?? ''} />

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
                aria-keyshortcuts={OUTCOME_KEYS[o]}
                onChange={() => {
                  setOutcome(o);
                  setReason('');
                  setHint(null);
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
        {/* A list box once an outcome is chosen: every reason in view, ↑/↓ to pick, no popup to open. */}
        <select
          ref={reasons}
          id="decision-reason"
          name="reason"
          value={reason}
          size={outcome === null ? 1 : choices.length}
          onChange={(e) => {
            setReason(e.target.value);
            setHint(null);
          }}
          onKeyDown={onReasonKey}
          disabled={outcome === null}
          aria-invalid={fieldErrors?.reason ? true : undefined}
          aria-describedby="decision-reason-help"
          className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-1.5 py-1 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 disabled:bg-gray-50 disabled:text-gray-500 [&>option]:rounded [&>option]:px-1.5 [&>option]:py-1"
        >
          {outcome === null ? <option value="">Choose an outcome first</option> : null}
          {choices.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
        <p id="decision-reason-help" className="mt-1 text-xs text-gray-600">
          {hint ??
            (outcome === null
              ? 'Keys f, l and e choose the outcome.'
              : triage
                ? '↑/↓ choose · Enter records and opens the next item · Esc cancels'
                : '↑/↓ choose · Enter records · Esc cancels')}
        </p>
        {fieldErrors?.reason ? <p className="mt-1 text-xs text-red-700">{fieldErrors.reason[0]}</p> : null}
      </div>

      <div>
        <label htmlFor="decision-note" className="text-xs font-medium text-gray-700">
          Note <span className="font-normal text-gray-600">(optional)</span>
        </label>
        <textarea
          id="decision-note"
          name="note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="What you checked, who you spoke to…"
          className="mt-1 block w-full rounded-md border border-gray-300 px-2.5 py-2 text-sm shadow-sm placeholder:text-gray-500 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
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

      <div className={triage ? 'grid grid-cols-2 gap-2' : undefined}>
        <button
          type="submit"
          disabled={pending || outcome === null || reason === ''}
          className="inline-flex h-9 w-full items-center justify-center rounded-md bg-gray-900 px-4 text-sm font-semibold text-white hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {pending ? 'Recording…' : submitLabel}
        </button>
        {triage ? (
          <button
            type="button"
            onClick={recordAndNext}
            disabled={pending || outcome === null || reason === ''}
            aria-keyshortcuts="Enter"
            className="inline-flex h-9 w-full items-center justify-center rounded-md bg-blue-600 px-3 text-sm font-semibold text-white hover:bg-blue-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Record &amp; next
            <kbd aria-hidden="true" className={KBD}>
              ⏎
            </kbd>
          </button>
        ) : null}
      </div>
    </form>
  );
}
