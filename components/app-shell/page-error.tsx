'use client';

// What every route's error boundary shows: the page-sized error banner with Next's digest, a retry and
// a way back. The error.tsx files only say what failed and where to go instead.
import Link from 'next/link';
import type { ReactNode } from 'react';

import { BANNER_BUTTON, BANNER_LINK, ErrorBanner } from '@/components/app-shell/error-banner';

export interface BoundaryProps {
  error: Error & { digest?: string };
  reset: () => void;
}

export function PageError({
  error,
  reset,
  title,
  back,
  children,
}: BoundaryProps & {
  title: string;
  /** A page to go to instead (omitted where the header's links are enough). */
  back?: { href: string; label: string };
  /** What happened and what to do. */
  children: ReactNode;
}) {
  return (
    <main className="mx-auto max-w-console px-6 py-16 lg:px-8">
      <ErrorBanner
        size="page"
        title={title}
        digest={error.digest}
        actions={
          <>
            <button type="button" onClick={reset} className={BANNER_BUTTON}>
              Try again
            </button>
            {back ? (
              <Link href={back.href} className={BANNER_LINK}>
                {back.label}
              </Link>
            ) : null}
          </>
        }
      >
        <p>{children}</p>
      </ErrorBanner>
    </main>
  );
}
