'use client';

// The queue's error boundary, for failures outside the list's own error state (which explains store
// failures in place, with the request id): says the queue failed to render and offers a retry.
import Link from 'next/link';

import { BANNER_BUTTON, BANNER_LINK, ErrorBanner } from '@/components/app-shell/error-banner';

export default function QueueError({
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
        title="The review queue could not be shown"
        digest={error.digest}
        actions={
          <>
            <button type="button" onClick={reset} className={BANNER_BUTTON}>
              Try again
            </button>
            <Link href="/queue" className={BANNER_LINK}>
              Open the queue without filters
            </Link>
          </>
        }
      >
        <p>
          Rendering the queue failed on the server, so no items are shown rather than a partial list.
          Decisions already recorded are not affected. Try again; if it keeps failing, tell support the
          reference below.
        </p>
      </ErrorBanner>
    </main>
  );
}
