// A transaction-page panel whose read failed (the lake, the model or the review store did not answer):
// the panel keeps its title and place, and says in the one error banner what is missing, that the rest
// of the page still works, and the request id the failure was logged under.
import type { ReactNode } from 'react';

import { ErrorBanner } from '@/components/app-shell/error-banner';
import { Panel } from '@/components/transaction/panel';

/** The lake's failure in words (DuckDB's own message can carry file paths: it stays in the log). */
export const LAKE_UNREADABLE =
  'The data lake could not be read: its files may be missing, being rewritten or unreadable.';

export function PanelFailure({
  id,
  title,
  what,
  cause,
  requestId,
}: {
  id: string;
  title: string;
  /** What could not be shown, e.g. "The card's recent transactions". */
  what: string;
  /** Which source failed and what to do, in words. */
  cause: ReactNode;
  requestId: string | null;
}) {
  return (
    <Panel id={id} title={title}>
      <ErrorBanner title={`${what} could not be loaded`} requestId={requestId}>
        <p>{cause}</p>
        <p>The score, the decision and the other panels are unaffected. Reload the page to try again.</p>
      </ErrorBanner>
    </Panel>
  );
}
