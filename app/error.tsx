'use client';

// Error boundary for pages under the root layout (the home page's lake read, or a bug anywhere): a
// failed render shows what happened and a retry instead of a blank screen or a stack trace. Expected
// outages (store, lake, model) are caught closer to where they happen and shown in place with the
// request id; what reaches this boundary carries Next's digest, which the server log line also holds.
import Link from 'next/link';

import { BANNER_BUTTON, BANNER_LINK, ErrorBanner } from '@/components/app-shell/error-banner';

export default function ErrorPage({
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
        title="This page could not be loaded"
        digest={error.digest}
        actions={
          <>
            <button type="button" onClick={reset} className={BANNER_BUTTON}>
              Try again
            </button>
            <Link href="/" className={BANNER_LINK}>
              Back to the overview
            </Link>
          </>
        }
      >
        <p>
          Reading its data failed on the server (the data lake or the review store may be unavailable), or the
          page hit a fault. Nothing you entered was changed. Try again in a moment; if it keeps failing, tell
          support the reference below.
        </p>
      </ErrorBanner>
    </main>
  );
}
