'use client';

// "Next item": claims the highest-score unclaimed item in the current view for the signed-in analyst
// and opens it. When nothing is left to claim, or the claim fails, it says so beside the button.
import { useActionState } from 'react';

import { claimNextAction } from '@/app/queue/claim-next-action';
import { BUTTON_PRIMARY } from '@/components/queue/queue-styles';

export function QueueNextButton({ view, claimMinutes }: { view: string; claimMinutes: number }) {
  const [state, action, pending] = useActionState(claimNextAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-1.5">
      <input type="hidden" name="view" value={view} />
      <button
        type="submit"
        disabled={pending}
        aria-describedby="queue-next-help"
        className={`${BUTTON_PRIMARY} h-9 gap-2 px-4`}
      >
        {pending ? 'Claiming…' : 'Next item'}
        <svg viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4" aria-hidden="true">
          <path
            fillRule="evenodd"
            d="M3 10a.75.75 0 0 1 .75-.75h10.64l-3.22-3.22a.75.75 0 1 1 1.06-1.06l4.5 4.5a.75.75 0 0 1 0 1.06l-4.5 4.5a.75.75 0 1 1-1.06-1.06l3.22-3.22H3.75A.75.75 0 0 1 3 10Z"
            clipRule="evenodd"
          />
        </svg>
      </button>
      <p id="queue-next-help" className="text-xs text-gray-500">
        Claims the top unclaimed item for you for {claimMinutes} min
      </p>
      {state && !state.ok ? (
        <p role="alert" className="max-w-xs text-right text-sm text-amber-800">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
