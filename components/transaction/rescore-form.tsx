'use client';

// The sandbox: edit the transaction (amount, time, category, countries, channel) and rescore it with
// the same features and model as the pipeline. The result (new score, attribution diff) appears below;
// the stored item is never changed, though the attempt is written to the audit trail.
import { useActionState, useState } from 'react';

import { rescoreAction } from '@/app/transactions/[id]/rescore-action';
import { CHANNEL_SHORT } from '@/components/transaction/channel-label';
import { FormMessage } from '@/components/transaction/form-message';
import { RescoreResultView } from '@/components/transaction/rescore-result-view';
import { MCC_OPTIONS, mccName } from '@/lib/review/mcc-categories';
import { inputTime, RESCORE_WINDOW_HOURS } from '@/lib/review/rescore-edits';
import { CHANNELS, type Transaction } from '@/lib/schema/transaction';

const input =
  'mt-1 block h-9 w-full rounded-md border border-gray-300 bg-white px-2.5 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-500';

function fieldsOf(tx: Transaction) {
  return {
    amount: String(tx.amount),
    time: inputTime(tx.timestamp),
    mcc: tx.mcc,
    merchant_country: tx.merchant_country,
    card_country: tx.card_country,
    channel: tx.channel as string,
  };
}

type Fields = ReturnType<typeof fieldsOf>;

/** The two country fields, alike but for their name and label. */
const COUNTRY_FIELDS = [
  ['merchant_country', 'Merchant country'],
  ['card_country', 'Card country'],
] as const satisfies readonly (readonly [keyof Fields, string])[];

export function RescoreForm({ tx, storedScore }: { tx: Transaction; storedScore: number }) {
  const [state, formAction, pending] = useActionState(rescoreAction, null);
  const original = fieldsOf(tx);
  const [fields, setFields] = useState<Fields>(original);
  const set = (name: keyof Fields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: e.target.value }));
  const edited = (Object.keys(original) as (keyof Fields)[]).filter((k) => fields[k] !== original[k]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const error = (name: string) =>
    errors?.[name] ? (
      <p id={`rescore-${name}-error`} className="mt-1 text-xs text-red-700">
        {errors[name]![0]}
      </p>
    ) : null;
  const invalid = (name: string) =>
    errors?.[name] ? { 'aria-invalid': true, 'aria-describedby': `rescore-${name}-error` } : {};
  const mccOptions = MCC_OPTIONS.some((m) => m.code === tx.mcc)
    ? MCC_OPTIONS
    : [{ code: tx.mcc, name: mccName(tx.mcc) }, ...MCC_OPTIONS];

  return (
    <div>
      <form
        aria-label="Edit and rescore"
        action={(form: FormData) => {
          // Each attempt is its own audit event; a retry of the same request appends nothing more.
          form.set('requestId', crypto.randomUUID());
          formAction(form);
        }}
      >
        <input type="hidden" name="transactionId" value={tx.transaction_id} />
        <div className="grid grid-cols-2 gap-x-4 gap-y-3 md:grid-cols-3 2xl:grid-cols-6">
          <div>
            <label htmlFor="rescore-amount" className="text-xs font-medium text-gray-700">
              Amount ({tx.currency})
            </label>
            <input
              id="rescore-amount"
              name="amount"
              type="number"
              inputMode="decimal"
              min={0}
              step="0.01"
              value={fields.amount}
              onChange={set('amount')}
              className={`${input} tabular-nums`}
              {...invalid('amount')}
            />
            {error('amount')}
          </div>
          <div>
            <label htmlFor="rescore-time" className="text-xs font-medium text-gray-700">
              Time (UTC, ±{RESCORE_WINDOW_HOURS} h)
            </label>
            <input
              id="rescore-time"
              name="time"
              value={fields.time}
              placeholder="YYYY-MM-DD HH:MM:SS"
              spellCheck={false}
              onChange={set('time')}
              className={`${input} tabular-nums`}
              {...invalid('time')}
            />
            {error('time')}
          </div>
          <div>
            <label htmlFor="rescore-channel" className="text-xs font-medium text-gray-700">
              Channel
            </label>
            <select
              id="rescore-channel"
              name="channel"
              value={fields.channel}
              onChange={set('channel')}
              className={input}
              {...invalid('channel')}
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_SHORT[c]}
                </option>
              ))}
            </select>
            {error('channel')}
          </div>
          <div>
            <label htmlFor="rescore-mcc" className="text-xs font-medium text-gray-700">
              Merchant category
            </label>
            <select
              id="rescore-mcc"
              name="mcc"
              value={fields.mcc}
              onChange={set('mcc')}
              className={input}
              {...invalid('mcc')}
            >
              {mccOptions.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.code} · {m.name}
                </option>
              ))}
            </select>
            {error('mcc')}
          </div>
          {COUNTRY_FIELDS.map(([field, label]) => (
            <div key={field}>
              <label
                htmlFor={`rescore-${field.replace('_', '-')}`}
                className="text-xs font-medium text-gray-700"
              >
                {label}
              </label>
              <input
                id={`rescore-${field.replace('_', '-')}`}
                name={field}
                value={fields[field]}
                onChange={set(field)}
                maxLength={2}
                autoCapitalize="characters"
                spellCheck={false}
                className={`${input} uppercase`}
                {...invalid(field)}
              />
              {error(field)}
            </div>
          ))}
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="inline-flex h-9 items-center rounded-md bg-blue-600 px-4 text-sm font-semibold text-white hover:bg-blue-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60"
          >
            {pending ? 'Rescoring…' : 'Rescore'}
          </button>
          <button
            type="button"
            onClick={() => setFields(original)}
            disabled={edited.length === 0}
            className="inline-flex h-9 items-center rounded-md px-3 text-sm font-medium text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 disabled:opacity-50"
          >
            Reset to the original
          </button>
          <p className="text-xs text-gray-500">
            {edited.length === 0
              ? 'Unedited: rescoring reproduces the stored score.'
              : `${edited.length} field${edited.length === 1 ? '' : 's'} edited.`}{' '}
            Card and terminal history stay as stored.
          </p>
        </div>
      </form>

      {state && !state.ok && !errors ? (
        <div className="mt-4">
          <FormMessage tone="error">{state.error}</FormMessage>
        </div>
      ) : null}
      {state?.ok ? (
        <div className="mt-5 border-t border-gray-100 pt-5">
          <RescoreResultView result={state.data} storedScore={storedScore} />
        </div>
      ) : null}
    </div>
  );
}
