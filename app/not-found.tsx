// 404 page in the console's own layout: says the address leads nowhere and offers the two places an
// analyst usually meant to go (a transaction id that does not exist has its own page in app/transactions).
import Link from 'next/link';

const LINK =
  'rounded text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-console px-6 py-16 lg:px-8">
      <p className="text-sm font-medium text-blue-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-gray-900">Page not found</h1>
      <p className="mt-2 text-sm text-gray-600">
        There is nothing at this address. Check the link, or carry on from one of these.
      </p>
      <div className="mt-5 flex gap-4">
        <Link href="/queue" className={`${LINK} text-blue-700 hover:text-blue-800`}>
          Go to the review queue
        </Link>
        <Link href="/" className={`${LINK} text-gray-600 hover:text-gray-900`}>
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
