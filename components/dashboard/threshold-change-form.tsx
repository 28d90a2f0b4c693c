'use client';

// The admin's form to change the live threshold: the new value in percent and the reason, which go
// into the audit trail. It carries the value it showed and a request id (see threshold-action.ts).
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';

import { changeThresholdAction } from '@/app/dashboard/threshold/threshold-action';
import { FormMessage } from '@/components/transaction/form-message';

export function ThresholdChangeForm({
  current,
  modelVersion,
  requestId,
}: {
  current: number;
  modelVersion: string;
  requestId: string;
}) {
  const [state, formAction, pending] = useActionState(changeThresholdAction, null);
  const router = useRouter();
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const error = (name: string) =>
    fieldErrors?.[name]?.[0] ? (
      <p id={`${name}-error`} className="mt-1 text-[13px] text-red-700">
        {fieldErrors[name][0]}
      </p>
    ) : null;

  return (
    <form action={formAction} aria-label="Change the live threshold" className="mt-4 space-y-3">
      <input type="hidden" name="expected" value={current} />
      <input type="hidden" name="modelVersion" value={modelVersion} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="flex flex-wrap items-start gap-3">
        <label className="text-[13px] font-medium text-gray-700">
          New threshold (%)
          <input
            type="number"
            name="threshold"
            step="0.01"
            min="0.01"
            max="99.99"
            required
            defaultValue={Number((current * 100).toFixed(2))}
            aria-invalid={fieldErrors?.threshold ? true : undefined}
            aria-describedby={fieldErrors?.threshold ? 'threshold-error' : undefined}
            className="mt-1 block h-9 w-32 rounded-md border-0 px-2.5 text-sm tabular-nums text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-blue-600"
          />
          {error('threshold')}
        </label>
        <label className="min-w-64 flex-1 text-[13px] font-medium text-gray-700">
          Reason (kept in the audit trail)
          <input
            type="text"
            name="note"
            required
            minLength={3}
            maxLength={500}
            placeholder="e.g. alert volume above analyst capacity"
            aria-invalid={fieldErrors?.note ? true : undefined}
            aria-describedby={fieldErrors?.note ? 'note-error' : undefined}
            className="mt-1 block h-9 w-full rounded-md border-0 px-2.5 text-sm text-gray-900 ring-1 ring-inset ring-gray-300 placeholder:text-gray-400 focus:ring-2 focus:ring-inset focus:ring-blue-600"
          />
          {error('note')}
        </label>
        <button
          type="submit"
          disabled={pending}
          className="mt-[22px] inline-flex h-9 items-center rounded-md bg-blue-600 px-3.5 text-sm font-medium text-white hover:bg-blue-500 disabled:cursor-wait disabled:opacity-60 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          {pending ? 'Saving…' : 'Set live threshold'}
        </button>
      </div>
      {state?.ok ? <FormMessage tone="success">{state.message}</FormMessage> : null}
      {state && !state.ok && state.code !== 'invalid' ? (
        <FormMessage
          tone="error"
          action={
            state.code === 'conflict' ? (
              <button
                type="button"
                onClick={() => router.refresh()}
                className="inline-flex h-7 items-center rounded-md bg-white px-2.5 text-[13px] font-medium text-gray-900 ring-1 ring-inset ring-gray-300 hover:bg-gray-50"
              >
                Reload
              </button>
            ) : undefined
          }
        >
          {state.error}
        </FormMessage>
      ) : null}
    </form>
  );
}
