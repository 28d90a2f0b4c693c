// An id with no review item: only flagged transactions have a page, so say that and point to the queue
// rather than showing a bare 404.
import Link from 'next/link';

import { MissingTransactionId } from '@/components/transaction/missing-transaction-id';

export default function TransactionNotFound() {
  return (
    <main className="mx-auto max-w-console px-6 py-16 lg:px-8">
      <p className="text-sm font-medium text-blue-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-gray-900">
        No review item for this transaction
      </h1>
      <p className="mt-2 max-w-2xl text-sm text-gray-600">
        There is no flagged transaction <MissingTransactionId />. Only transactions the model scored at or
        above the threshold enter the review queue and get a page here; check the id, or find the item in the
        queue.
      </p>
      <div className="mt-5 flex gap-4 text-sm font-medium">
        <Link href="/queue" className="text-blue-600 hover:text-blue-700">
          Go to the review queue
        </Link>
        <Link href="/" className="text-gray-600 hover:text-gray-900">
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
