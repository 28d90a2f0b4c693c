// Reads the lake at request time and shows its summary, how to create a lake when there is none, or,
// when the lake cannot be read, a banner with the request id the failure was logged under.
import 'server-only';

import { connection } from 'next/server';

import { ErrorBanner } from '@/components/app-shell/error-banner';
import { LakeEmptyState } from '@/components/lake/lake-empty-state';
import { LakeSummaryPanel } from '@/components/lake/lake-summary-panel';
import { lakeSummary } from '@/lib/analytics/lake-summary';
import { getAnalytics } from '@/lib/analytics/server';
import { logServerError } from '@/lib/log/server-error';

export async function LakeOverview() {
  // The lake changes under a running server (the pipeline appends partitions): never prerender it.
  await connection();
  let summary: Awaited<ReturnType<typeof lakeSummary>>;
  try {
    summary = await lakeSummary(getAnalytics().engine);
  } catch (error) {
    const requestId = await logServerError(error, 'home page: reading the lake summary failed');
    return (
      <ErrorBanner title="The data lake could not be read" requestId={requestId}>
        <p>
          Its files may be missing, being rewritten by the pipeline, or unreadable. The review queue does not
          depend on it; reload this page in a moment.
        </p>
      </ErrorBanner>
    );
  }
  return summary ? <LakeSummaryPanel summary={summary} /> : <LakeEmptyState />;
}
