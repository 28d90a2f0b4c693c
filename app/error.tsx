'use client';

// Error boundary for pages under the root layout: a failed read (e.g. an unreadable Parquet file) shows a
// message and a retry instead of a blank screen. Details stay in the server log; the digest links to it.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto max-w-console px-6 py-16 lg:px-8">
      <div role="alert" className="max-w-xl rounded-xl border border-red-200 bg-white p-6 shadow-sm">
        <h1 className="text-base font-semibold text-gray-900">This page could not be loaded</h1>
        <p className="mt-2 text-sm text-gray-600">
          Reading the data failed. The server log has the details
          {error.digest ? (
            <>
              {' '}
              under reference <code className="text-gray-800">{error.digest}</code>
            </>
          ) : null}
          .
        </p>
        <button
          type="button"
          onClick={reset}
          className="mt-4 inline-flex h-8 items-center rounded-md bg-gray-900 px-3 text-sm font-medium text-white hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Try again
        </button>
      </div>
    </main>
  );
}
