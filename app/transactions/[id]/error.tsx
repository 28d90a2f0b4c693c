'use client';

// A transaction page that failed to load (the review store or the model unavailable): say so, offer a
// retry, and keep the details in the server log under the digest.
import Link from 'next/link';

export default function TransactionError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto max-w-console px-6 py-16 lg:px-8">
      <div role="alert" className="max-w-xl rounded-xl border border-red-200 bg-white p-6 shadow-sm">
        <h1 className="text-base font-semibold text-gray-900">This transaction could not be loaded</h1>
        <p className="mt-2 text-sm text-gray-600">
          Reading the review store or the model failed; nothing was changed. The server log has the details
          {error.digest ? (
            <>
              {' '}
              under reference <code className="text-gray-800">{error.digest}</code>
            </>
          ) : null}
          .
        </p>
        <div className="mt-4 flex items-center gap-4">
          <button
            type="button"
            onClick={reset}
            className="inline-flex h-8 items-center rounded-md bg-gray-900 px-3 text-sm font-medium text-white hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            Try again
          </button>
          <Link href="/queue" className="text-sm font-medium text-blue-600 hover:text-blue-700">
            Back to the queue
          </Link>
        </div>
      </div>
    </main>
  );
}
