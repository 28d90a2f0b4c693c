'use client';

// "Next" at the top of a transaction page: names the item `n` opens and prefetches its page in full
// while the analyst reads this one, so moving on shows it at once. A click does what `n` does (claim
// and open); without a candidate it asks the queue for one.
import Link from 'next/link';
import { useEffect, useState } from 'react';

import { useTriage } from '@/components/transaction/triage-provider';

const KBD =
  'ml-1 inline-flex h-5 min-w-[1.25rem] items-center justify-center rounded border border-gray-300 bg-white px-1 font-mono text-[11px] font-semibold text-gray-700';

export function NextItemLink() {
  const triage = useTriage();
  // Prefetch once this page has settled: a prefetch started while the page's own response is still
  // streaming in can be cancelled by the router and is then not retried.
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    const idle = requestIdleCallback(() => setSettled(true), { timeout: 1_000 });
    return () => cancelIdleCallback(idle);
  }, []);
  if (!triage) return null;
  const { next, advance, finding, findError } = triage;
  const label = (
    <>
      <span className="font-medium text-gray-900">Next:</span>
      <span className="min-w-0 truncate">{next ? next.label : 'claim the top item in your queue'}</span>
      <kbd className={KBD} aria-hidden="true">
        n
      </kbd>
    </>
  );
  const style =
    'inline-flex max-w-[28rem] items-center gap-1.5 rounded-md px-2 py-1 text-[13px] text-gray-600 ring-1 ring-inset ring-gray-200 hover:bg-white hover:text-gray-900 hover:ring-gray-300 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';
  return (
    <div className="flex min-w-0 items-center gap-2">
      {findError ? (
        <p role="alert" className="text-[13px] text-amber-800">
          {findError}
        </p>
      ) : null}
      {next ? (
        <Link
          href={`/transactions/${encodeURIComponent(next.id)}`}
          // The whole page, dynamic parts included, so opening it needs no request.
          prefetch={settled}
          aria-keyshortcuts="n"
          title={`Claim and open ${next.id}`}
          onClick={(event) => {
            // A new tab (modifier or middle click) just opens the page; a plain click claims too.
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0)
              return;
            event.preventDefault();
            advance();
          }}
          className={style}
        >
          {label}
        </Link>
      ) : (
        <button
          type="button"
          disabled={finding}
          aria-keyshortcuts="n"
          onClick={() => advance()}
          className={`${style} disabled:opacity-60`}
        >
          {finding ? 'Claiming the next item…' : label}
        </button>
      )}
    </div>
  );
}
