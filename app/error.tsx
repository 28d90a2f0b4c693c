'use client';

// Error boundary for pages under the root layout (the home page's lake read, or a bug anywhere): a
// failed render shows what happened and a retry instead of a blank screen or a stack trace. Expected
// outages (store, lake, model) are caught closer to where they happen and shown in place with the
// request id; what reaches this boundary carries Next's digest, which the server log line also holds.
import { PageError, type BoundaryProps } from '@/components/app-shell/page-error';

export default function ErrorPage(props: BoundaryProps) {
  return (
    <PageError
      {...props}
      title="This page could not be loaded"
      back={{ href: '/', label: 'Back to the overview' }}
    >
      Reading its data failed on the server (the data lake or the review store may be unavailable), or the
      page hit a fault. Nothing you entered was changed. Try again in a moment; if it keeps failing, tell
      support the reference below.
    </PageError>
  );
}
