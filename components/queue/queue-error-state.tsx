// Says why the queue could not be shown, in terms an analyst can act on: a stale page link (start
// again on page 1) or a store that did not answer (try again). Details go to the server log.
import Link from 'next/link';

export function QueueErrorState({
  title,
  detail,
  retryHref,
  retryLabel,
}: {
  title: string;
  detail: string;
  retryHref: string;
  retryLabel: string;
}) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-white p-6 shadow-sm">
      <h2 className="text-base font-semibold text-gray-900">{title}</h2>
      <p className="mt-2 max-w-2xl text-sm text-gray-600">{detail}</p>
      <Link
        href={retryHref}
        className="mt-4 inline-flex h-8 items-center rounded-md bg-gray-900 px-3 text-sm font-medium text-white hover:bg-gray-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        {retryLabel}
      </Link>
    </div>
  );
}
