'use client';

// The queue's error boundary, for failures outside the list's own error state (which explains store
// failures in place, with the request id): says the queue failed to render and offers a retry.
import { PageError, type BoundaryProps } from '@/components/app-shell/page-error';

export default function QueueError(props: BoundaryProps) {
  return (
    <PageError
      {...props}
      title="The review queue could not be shown"
      back={{ href: '/queue', label: 'Open the queue without filters' }}
    >
      Rendering the queue failed on the server, so no items are shown rather than a partial list. Decisions
      already recorded are not affected. Try again; if it keeps failing, tell support the reference below.
    </PageError>
  );
}
