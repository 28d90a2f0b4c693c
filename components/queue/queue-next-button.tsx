'use client';

// "Next item" (key n): claims the highest-score unclaimed item in the current view for the signed-in
// analyst and opens it. When nothing is left to claim, or the claim fails, it says so beside the button.
// It also remembers the view (triage-view.ts), so `n` on the item pages keeps to the same slice.
import { useActionState, useEffect, useRef } from 'react';

import { claimNextAction } from '@/app/queue/claim-next-action';
import { useShortcuts } from '@/components/app-shell/use-shortcuts';
import { BUTTON_PRIMARY } from '@/components/queue/queue-styles';
import { triageCookie } from '@/components/queue/triage-view';

export function QueueNextButton({
  view,
  triageView,
  claimMinutes,
}: {
  view: string;
  /** The view without its page position: what the item pages' `n` works from. */
  triageView: string;
  claimMinutes: number;
}) {
  const [state, action, pending] = useActionState(claimNextAction, null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    // The cookie is how the server learns the analyst's view for the item pages (not a secret).
    document.cookie = triageCookie(triageView);
  }, [triageView]);

  useShortcuts(
    {
      n: (event) => {
        event.preventDefault();
        form.current?.requestSubmit();
      },
    },
    !pending,
  );

  return (
    <form ref={form} action={action} className="flex flex-col items-end gap-1.5">
      <input type="hidden" name="view" value={view} />
      <button
        type="submit"
        disabled={pending}
        aria-describedby="queue-next-help"
        aria-keyshortcuts="n"
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
      <p id="queue-next-help" className="text-xs text-gray-600">
        Claims the top unclaimed item for you for {claimMinutes} min ·{' '}
        <kbd className="rounded border border-gray-300 bg-gray-50 px-1 font-mono text-[11px] font-semibold text-gray-700">
          n
        </kbd>
      </p>
      {state && !state.ok ? (
        <p role="alert" className="max-w-xs text-right text-sm text-amber-800">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
