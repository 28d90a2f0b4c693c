// The audit trail: every flag, claim, decision, rescore and threshold change, newest first, filtered
// through the URL by analyst, action and days, with a CSV export of the same view. Managers and admins.
import type { Metadata } from 'next';
import { Suspense } from 'react';

import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditResults } from '@/components/audit/audit-results';
import { AuditResultsSkeleton } from '@/components/audit/audit-results-skeleton';
import { auditHref, auditParams, parseAuditView } from '@/lib/audit/view';
import { requirePage } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit trail' };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const { view, ignored } = parseAuditView(params);
  await requirePage('analytics:read', auditHref(view, true));
  const exportQuery = auditParams(view).toString();
  return (
    <main className="mx-auto max-w-console px-6 pb-16 pt-8 lg:px-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <p className="text-sm font-medium text-blue-600">Oversight</p>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight text-gray-900">Audit trail</h1>
          <p className="mt-2 text-base leading-7 text-gray-600">
            Every flag, claim, decision, rescore and threshold change, as it was recorded. Nothing here can be
            edited or deleted.
          </p>
        </div>
        <a
          href={`/api/export/audit.csv${exportQuery ? `?${exportQuery}` : ''}`}
          className="inline-flex h-9 items-center rounded-md px-3 text-sm font-medium text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Export CSV
        </a>
      </div>
      <div className="mt-6 space-y-4">
        <AuditFilters view={view} />
        {ignored.length > 0 ? (
          <p
            role="status"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/20"
          >
            Ignored: {ignored.map((p) => `${p.param} “${p.value}” (${p.message})`).join('; ')}.
          </p>
        ) : null}
        <Suspense key={auditHref(view, true)} fallback={<AuditResultsSkeleton />}>
          <AuditResults view={view} />
        </Suspense>
      </div>
    </main>
  );
}
