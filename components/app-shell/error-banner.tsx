// The one way the console says that something failed, on a whole page or in one panel: what happened,
// what the user can do about it, and the id to quote to support (the request id the server logged the
// failure under, or Next's error digest when only that is known). Never an error message or a stack:
// those can carry endpoints and table names, and stay in the server log. No hooks, so server pages,
// panels and client error boundaries all render it.
import type { ReactNode } from 'react';

/** The banner's main action (retry) and its secondary one (a way back), so every banner offers them alike. */
export const BANNER_BUTTON =
  'inline-flex h-8 items-center rounded-md bg-gray-900 px-3 text-sm font-medium text-white hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';
export const BANNER_LINK =
  'rounded text-sm font-medium text-blue-700 hover:text-blue-800 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';

export function ErrorBanner({
  title,
  children,
  requestId,
  digest,
  actions,
  size = 'panel',
}: {
  title: string;
  /** What happened and what to do, in words. */
  children: ReactNode;
  /** The request id the failure was logged under (lib/log/server-error.ts). */
  requestId?: string | null;
  /** Next's digest of an error that reached an error boundary (the log line carries it too). */
  digest?: string | undefined;
  /** Retry, a way back, … */
  actions?: ReactNode;
  /** `page`: the page's only content, titled as its h1; `panel`: in place of one part of a page. */
  size?: 'page' | 'panel';
}) {
  const Heading = size === 'page' ? 'h1' : 'h3';
  const reference = requestId ?? digest;
  return (
    <div
      role="alert"
      className={`rounded-xl border border-red-200 bg-white shadow-sm ${size === 'page' ? 'max-w-2xl p-6' : 'p-4'}`}
    >
      <div className="flex items-start gap-3">
        <svg
          viewBox="0 0 20 20"
          fill="currentColor"
          className="mt-0.5 h-5 w-5 shrink-0 text-red-600"
          aria-hidden="true"
        >
          <path
            fillRule="evenodd"
            d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
            clipRule="evenodd"
          />
        </svg>
        <div className="min-w-0 flex-1">
          <Heading className={`font-semibold text-gray-900 ${size === 'page' ? 'text-base' : 'text-sm'}`}>
            {title}
          </Heading>
          <div className="mt-1.5 space-y-1 text-sm text-gray-700">{children}</div>
          {reference ? (
            <p className="mt-2 text-xs text-gray-600">
              {requestId ? 'Request id' : 'Error reference'}{' '}
              <code className="select-all rounded bg-gray-100 px-1 py-0.5 font-mono text-[12px] text-gray-900">
                {reference}
              </code>{' '}
              — quote it to support; the server log has the details under it.
            </p>
          ) : null}
          {actions ? <div className="mt-3 flex flex-wrap items-center gap-3">{actions}</div> : null}
        </div>
      </div>
    </div>
  );
}
