// A widget whose read failed: says which figures are missing and why, in place, while the rest of the
// page still shows, with the request id the full error was logged under.
import { ErrorBanner } from '@/components/app-shell/error-banner';

import type { Failure } from './settled';

export function WidgetError({
  id,
  title,
  what,
  failure,
}: {
  id: string;
  title: string;
  what: string;
  failure: Failure;
}) {
  return (
    <section id={`widget-${id}`} aria-label={title}>
      <ErrorBanner title={`${title}: could not load ${what}`} requestId={failure.requestId}>
        <p>{failure.error}</p>
        <p className="text-[13px] text-gray-500">
          The other figures on this page are unaffected. Reload the page to try again.
        </p>
      </ErrorBanner>
    </section>
  );
}
