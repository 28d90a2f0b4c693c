'use client';

// The risk pages' error boundary, for failures outside the widgets' own error states (which say in
// place which figures are missing): e.g. the served model could not be loaded.
export default function DashboardError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto max-w-console px-6 py-16 lg:px-8">
      <div role="alert" className="max-w-xl rounded-xl border border-red-200 bg-white p-6 shadow-sm">
        <h1 className="text-base font-semibold text-gray-900">This risk page could not be shown</h1>
        <p className="mt-2 text-sm text-gray-600">
          Rendering failed on the server before any figure could be read — most often because the served model
          (its manifest gives the threshold and features) could not be loaded. The server log has the details
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
