// What a risk page shows instead of its figures when the data lake cannot say which days it holds:
// the lake's error in place, or the empty-lake state when there is nothing yet.
import type { ReactNode } from 'react';

import { WidgetError } from '@/components/dashboard/widget-error';
import { LakeEmptyState } from '@/components/lake/lake-empty-state';

import type { Failure } from './settled';

export function LakeUnavailable({
  header,
  error,
  before,
  after,
}: {
  header: ReactNode;
  error: Failure | null;
  /** Panels that do not need the lake, shown around the notice (the threshold page's change form). */
  before?: ReactNode;
  after?: ReactNode;
}) {
  return (
    <main className="mx-auto max-w-console px-6 pb-16 pt-8 lg:px-8">
      {header}
      <div className="mt-6 space-y-6">
        {before}
        {error ? (
          <WidgetError id="lake" title="Data lake" what="the days the data lake holds" failure={error} />
        ) : (
          <LakeEmptyState />
        )}
        {after}
      </div>
    </main>
  );
}
