'use client';

// The outcome of the analyst's last moves, shown on whichever transaction page they are on by then:
// "Recording …" while the decision made on the previous item is being written, then "Recorded …", or
// a red "Not recorded …" with a link back to it. A failure stays until dismissed; it must be seen.
import Link from 'next/link';

import { dismissNotice, useTriageNotices } from '@/components/transaction/triage-store';

const TONE = {
  pending: 'bg-gray-50 text-gray-700 ring-gray-300',
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-600/20',
  error: 'bg-red-50 text-red-900 ring-red-600/30',
} as const;

export function TriageNotices({ transactionId }: { transactionId: string }) {
  const notices = useTriageNotices().filter((n) => n.itemId === null || n.itemId === transactionId);
  return (
    <div aria-live="polite" className="empty:hidden mt-3 space-y-2">
      {notices.map((n) => (
        <div
          key={n.key}
          role={n.tone === 'error' ? 'alert' : 'status'}
          className={`flex items-start justify-between gap-4 rounded-md px-3 py-2 text-[13px] ring-1 ring-inset ${TONE[n.tone]}`}
        >
          <p>
            {n.text}{' '}
            {n.href && n.tone === 'error' ? (
              <Link href={n.href} className="font-semibold underline underline-offset-2">
                Open it
              </Link>
            ) : null}
          </p>
          {n.tone === 'pending' ? null : (
            <button
              type="button"
              onClick={() => dismissNotice(n.key)}
              className="shrink-0 rounded px-1.5 text-xs font-medium opacity-80 hover:opacity-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              Dismiss
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
