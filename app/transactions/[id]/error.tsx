'use client';

// A transaction page that failed to render for a reason its own panels did not catch: say so, offer a
// retry and the way back to the queue. Store, lake and model outages are shown in place instead, with
// the request id; this boundary only has Next's digest, which the server log line carries too.
import { PageError, type BoundaryProps } from '@/components/app-shell/page-error';

export default function TransactionError(props: BoundaryProps) {
  return (
    <PageError
      {...props}
      title="This transaction could not be shown"
      back={{ href: '/queue', label: 'Back to the queue' }}
    >
      The page failed while rendering; nothing about the item was changed. Try again; if it keeps failing,
      tell support the reference below and carry on with another item from the queue.
    </PageError>
  );
}
