'use client';

// A transaction page that failed to render for a reason its own panels did not catch: say so, offer a
// retry and the way back to the queue. Store, lake and model outages are shown in place instead, with
// the request id; this boundary only has Next's digest, which the server log line carries too.
import Link from 'next/link';

import { BANNER_BUTTON, BANNER_LINK, ErrorBanner } from '@/components/app-shell/error-banner';

export default function TransactionError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto max-w-console px-6 py-16 lg:px-8">
      <ErrorBanner
        size="page"
        title="This transaction could not be shown"
        digest={error.digest}
        actions={
          <>
            <button type="button" onClick={reset} className={BANNER_BUTTON}>
              Try again
            </button>
            <Link href="/queue" className={BANNER_LINK}>
              Back to the queue
            </Link>
          </>
        }
      >
        <p>
          The page failed while rendering; nothing about the item was changed. Try again; if it keeps failing,
          tell support the reference below and carry on with another item from the queue.
        </p>
      </ErrorBanner>
    </main>
  );
}
