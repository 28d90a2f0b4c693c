'use client';

// Claim and release: a claim tells other analysts (and "next" in the queue) that someone is working the
// item, for a limited time. Shows who holds it, and says why when a claim or release is refused.
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';

import { claimAction } from '@/app/transactions/[id]/claim-action';
import { releaseAction } from '@/app/transactions/[id]/release-action';
import { LocalTime } from '@/components/app-shell/local-time';
import { useTimeZone } from '@/components/app-shell/use-time-zone';
import { FormMessage } from '@/components/transaction/form-message';

export function ClaimControls({
  transactionId,
  version,
  requestId,
  assignee,
  claimExpiresAt,
  claimActive,
  mine,
  claimable,
}: {
  transactionId: string;
  version: number;
  requestId: string;
  assignee?: string;
  claimExpiresAt?: string;
  claimActive: boolean;
  mine: boolean;
  /** Open or escalated: decided items cannot be claimed. */
  claimable: boolean;
}) {
  const [claimState, claim, claiming] = useActionState(claimAction, null);
  const [releaseState, release, releasing] = useActionState(releaseAction, null);
  const timeZone = useTimeZone();
  const router = useRouter();
  const failure = [claimState, releaseState].find((s) => s && !s.ok);

  const hidden = (
    <>
      <input type="hidden" name="transactionId" value={transactionId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="tz" value={timeZone ?? ''} />
    </>
  );
  const button =
    'inline-flex h-8 items-center rounded-md px-3 text-[13px] font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50';

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-gray-50 px-3 py-2">
        <p className="text-[13px] text-gray-700">
          {claimActive && claimExpiresAt ? (
            <>
              {mine ? 'You hold' : <strong className="font-medium text-gray-900">{assignee}</strong>}
              {mine ? ' this item' : ' holds this item'} until{' '}
              <LocalTime iso={claimExpiresAt} format="time" />
            </>
          ) : claimable ? (
            'Nobody is working this item.'
          ) : (
            'Decided items cannot be claimed.'
          )}
        </p>
        {claimActive && mine ? (
          <form action={release}>
            {hidden}
            <button
              type="submit"
              disabled={releasing}
              className={`${button} bg-white text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-100`}
            >
              {releasing ? 'Releasing…' : 'Release'}
            </button>
          </form>
        ) : !claimActive && claimable ? (
          <form action={claim}>
            {hidden}
            <button
              type="submit"
              disabled={claiming}
              className={`${button} bg-blue-600 text-white hover:bg-blue-700`}
            >
              {claiming ? 'Claiming…' : 'Claim'}
            </button>
          </form>
        ) : null}
      </div>
      {failure && !failure.ok ? (
        <FormMessage
          tone="error"
          action={
            failure.code === 'conflict' ? (
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
          {failure.error}
        </FormMessage>
      ) : null}
    </div>
  );
}
