'use client';

// The bulk decision controls above the queue table: one outcome, a reason code that goes with it, an
// optional note, and the submit that records a decision for every selected row. The queue's f / l / e
// keys start a decision through `start` (the outcome chosen, focus on the reason); Enter there submits.
import {
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { flushSync } from 'react-dom';

import { OUTCOME_LABELS } from '@/components/queue/queue-format';
import { BUTTON_DARK, CONTROL, CONTROL_LABEL } from '@/components/queue/queue-styles';
import { reasonsFor } from '@/lib/review/reasons';
import { OUTCOMES, type Outcome } from '@/lib/store/schema';

/** What the queue table's keyboard handler may do to the bar. */
export interface BulkBarHandle {
  start: (outcome: Outcome) => void;
}

export interface BulkChoice {
  outcome: Outcome;
  reason: string;
  note: string;
}

const OUTCOME_TONE: Record<Outcome, string> = {
  fraud: 'peer-checked:bg-red-600 peer-checked:text-white peer-checked:ring-red-600',
  legitimate: 'peer-checked:bg-emerald-600 peer-checked:text-white peer-checked:ring-emerald-600',
  escalate: 'peer-checked:bg-amber-500 peer-checked:text-white peer-checked:ring-amber-500',
};

export function QueueBulkBar({
  count,
  pending,
  onSubmit,
  fieldErrors,
  ref,
}: {
  count: number;
  pending: boolean;
  onSubmit: (choice: BulkChoice) => void;
  fieldErrors: Record<string, string[]> | null;
  ref?: Ref<BulkBarHandle>;
}) {
  const id = useId();
  // No outcome until the analyst picks one: a preselected verdict is too easy to apply to a whole page.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const disabled = count === 0 || pending;
  const error = fieldErrors ? Object.values(fieldErrors).flat()[0] : undefined;
  const form = useRef<HTMLFormElement>(null);
  const reasonSelect = useRef<HTMLSelectElement>(null);

  useImperativeHandle(ref, () => ({
    start(chosen: Outcome) {
      // Rendered now, so the reason list (disabled until an outcome is chosen) can take focus.
      flushSync(() => {
        setOutcome(chosen);
        setReason('');
      });
      reasonSelect.current?.focus();
    },
  }));

  const onReasonKey = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    form.current?.requestSubmit();
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (disabled || outcome === null || reason === '') return;
    onSubmit({ outcome, reason, note });
  }

  return (
    <form
      ref={form}
      onSubmit={submit}
      aria-label="Decide selected items"
      className="flex flex-wrap items-end gap-x-4 gap-y-3 border-b border-gray-200 bg-gray-50/70 px-4 py-3"
    >
      <p className="w-[14.5rem] self-center text-sm" aria-live="polite">
        {count === 0 ? (
          <span className="text-gray-500">Select rows to decide them together</span>
        ) : (
          <span className="font-semibold text-gray-900">{count} selected</span>
        )}
      </p>
      <fieldset disabled={disabled} className="flex flex-wrap items-end gap-x-4 gap-y-3 disabled:opacity-60">
        <legend className="sr-only">Decision for the selected items</legend>
        <fieldset>
          <legend className={CONTROL_LABEL}>Outcome</legend>
          <div className="flex rounded-md shadow-sm">
            {OUTCOMES.map((o, i) => (
              <label key={o} className="relative">
                <input
                  type="radio"
                  name={`${id}-outcome`}
                  value={o}
                  checked={outcome === o}
                  onChange={() => {
                    setOutcome(o);
                    setReason('');
                  }}
                  className="peer sr-only"
                />
                <span
                  className={`inline-flex h-8 cursor-pointer items-center px-3 text-sm font-medium text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-100 peer-focus-visible:z-10 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-blue-600 ${OUTCOME_TONE[o]} ${i === 0 ? 'rounded-l-md' : '-ml-px'} ${i === OUTCOMES.length - 1 ? 'rounded-r-md' : ''}`}
                >
                  {OUTCOME_LABELS[o]}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={`${id}-reason`} className={CONTROL_LABEL}>
            Reason
          </label>
          <select
            ref={reasonSelect}
            id={`${id}-reason`}
            value={reason}
            onKeyDown={onReasonKey}
            required
            disabled={outcome === null}
            onChange={(e) => setReason(e.target.value)}
            className={`${CONTROL} w-56`}
          >
            <option value="" disabled>
              {outcome === null ? 'Choose an outcome first' : 'Choose a reason…'}
            </option>
            {(outcome === null ? [] : reasonsFor(outcome)).map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-note`} className={CONTROL_LABEL}>
            Note <span className="font-normal text-gray-500">(optional)</span>
          </label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            className={`${CONTROL} w-72`}
          />
        </div>
        <button
          type="submit"
          disabled={disabled || outcome === null || reason === ''}
          className={BUTTON_DARK}
        >
          {pending
            ? 'Recording…'
            : count === 0
              ? 'Record decisions'
              : `Record ${count} decision${count === 1 ? '' : 's'}`}
        </button>
      </fieldset>
      {error ? (
        <p role="alert" className="basis-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
