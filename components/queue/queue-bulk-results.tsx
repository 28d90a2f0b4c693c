'use client';

// What the last bulk decision did, item by item: recorded ones summed up, every item that was not
// recorded listed with who got there first, so a conflict is never hidden behind a success count.
import Link from 'next/link';
import type { ReactNode } from 'react';

import type { BulkDecideResult, BulkItemResult } from '@/app/queue/bulk-decide-action';
import { LocalTime } from '@/components/app-shell/local-time';
import { OUTCOME_LABELS } from '@/components/queue/queue-format';
import type { ActionResult } from '@/lib/actions/safe-action';
import { reasonLabel } from '@/lib/review/reasons';

const ACTION_WORDS: Record<string, string> = {
  claimed: 'claimed',
  released: 'released',
  decided: 'decided',
  flagged: 'flagged',
  rescored: 'rescored',
};

type Problem = Exclude<BulkItemResult, { result: 'decided' | 'replayed' }>;

/** Why one item was not recorded, in words. */
function describe(r: Problem): ReactNode {
  switch (r.result) {
    case 'claimed':
      return (
        <>
          claimed by <strong className="font-medium">{r.by}</strong> until{' '}
          <LocalTime iso={r.until} format="time" /> — not decided
        </>
      );
    case 'changed':
      return (
        <>
          changed since this page loaded: {ACTION_WORDS[r.action] ?? r.action} by{' '}
          <strong className="font-medium">{r.by}</strong> at <LocalTime iso={r.at} format="short" /> (now{' '}
          {r.status}) — reload to see it
        </>
      );
    case 'not_found':
      return <>no longer in the review store</>;
    case 'error':
      return <>{r.message} Try again.</>;
  }
}

export function QueueBulkResults({
  state,
  onDismiss,
}: {
  state: ActionResult<BulkDecideResult>;
  onDismiss: () => void;
}) {
  const dismiss = (
    <button
      type="button"
      onClick={onDismiss}
      className="shrink-0 rounded-md px-2 py-0.5 text-sm font-medium text-gray-600 hover:bg-white/60 hover:text-gray-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600"
    >
      Dismiss
    </button>
  );
  if (!state.ok) {
    // Field errors are shown beside the fields; this is for the rest (session ended, no permission).
    if (state.code === 'invalid') return null;
    return (
      <div
        role="alert"
        className="flex items-start justify-between gap-4 border-b border-red-200 bg-red-50 px-4 py-3"
      >
        <p className="text-sm text-red-800">
          <strong className="font-semibold">No decisions were recorded.</strong> {state.error}
        </p>
        {dismiss}
      </div>
    );
  }
  const { results, outcome, reason } = state.data;
  const recorded = results.filter((r) => r.result === 'decided' || r.result === 'replayed');
  const problems = results.filter((r): r is Problem => r.result !== 'decided' && r.result !== 'replayed');
  const tone = problems.length === 0 ? 'border-emerald-200 bg-emerald-50' : 'border-amber-200 bg-amber-50';
  return (
    <div role="status" className={`border-b px-4 py-3 ${tone}`}>
      <div className="flex items-start justify-between gap-4">
        <p className="text-sm text-gray-900">
          <strong className="font-semibold">
            {recorded.length} of {results.length} recorded as {OUTCOME_LABELS[outcome]}
          </strong>{' '}
          <span className="text-gray-600">({reasonLabel(reason)})</span>
          {problems.length > 0 ? (
            <span className="text-amber-900"> · {problems.length} not recorded</span>
          ) : null}
        </p>
        {dismiss}
      </div>
      {problems.length > 0 ? (
        <ul aria-label="Items not recorded" className="mt-2 space-y-1 text-sm text-amber-950">
          {problems.map((r) => (
            <li key={r.id}>
              <Link
                href={`/transactions/${encodeURIComponent(r.id)}`}
                prefetch={false}
                className="font-mono text-[13px] font-medium underline decoration-amber-400 underline-offset-2 hover:decoration-amber-700"
              >
                {r.id}
              </Link>{' '}
              {describe(r)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
