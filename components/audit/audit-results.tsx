// One page of the audit trail (50 events, newest first) for the view, with a link to the next page.
// A store failure is logged with the request id and shown as the console's error banner.
import 'server-only';

import Link from 'next/link';

import { ErrorBanner } from '@/components/app-shell/error-banner';
import { LocalTime } from '@/components/app-shell/local-time';
import { describeStoreFailure } from '@/components/queue/store-failure';
import { ACTION_LABELS, describeEvent, eventNote } from '@/lib/audit/describe';
import { auditHref, auditQuery, type AuditView } from '@/lib/audit/view';
import { logServerError } from '@/lib/log/server-error';
import { InvalidCursorError, listAuditEvents, type AuditEvent, type Page } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

const PAGE_SIZE = 50;

export async function AuditResults({ view }: { view: AuditView }) {
  let page: Page<AuditEvent>;
  try {
    page = await listAuditEvents(await getStore(), auditQuery(view, PAGE_SIZE));
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      return (
        <p role="status" className="text-sm text-gray-700">
          That page link belongs to another view.{' '}
          <Link
            href={auditHref({ ...view, cursor: null })}
            className="font-medium text-blue-700 hover:underline"
          >
            Go to the first page
          </Link>
        </p>
      );
    }
    const requestId = await logServerError(error, 'reading the audit trail failed', { page: 'audit' });
    return (
      <ErrorBanner title="The audit trail could not be read" requestId={requestId}>
        {describeStoreFailure(error)}
      </ErrorBanner>
    );
  }
  if (page.items.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-gray-300 bg-white px-6 py-10 text-center">
        <p className="text-sm font-medium text-gray-900">No events match these filters</p>
        <p className="mt-1 text-sm text-gray-600">
          Analysts are recorded as shown on their decisions (e.g. “analyst (local)”).{' '}
          <Link href="/audit" className="font-medium text-blue-700 hover:underline">
            Clear filters
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-xl border border-gray-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-gray-50 text-left text-xs font-medium uppercase tracking-wide text-gray-600">
          <tr>
            <th scope="col" className="px-4 py-2.5">
              When
            </th>
            <th scope="col" className="px-4 py-2.5">
              Who
            </th>
            <th scope="col" className="px-4 py-2.5">
              Action
            </th>
            <th scope="col" className="px-4 py-2.5">
              Item
            </th>
            <th scope="col" className="px-4 py-2.5">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {page.items.map((event) => {
            const note = eventNote(event);
            return (
              <tr key={event.event_id} className="align-top">
                <td className="whitespace-nowrap px-4 py-2.5 tabular-nums text-gray-700">
                  <LocalTime iso={event.at} />
                </td>
                <td className="px-4 py-2.5 text-gray-900">{event.actor}</td>
                <td className="whitespace-nowrap px-4 py-2.5 text-gray-900">{ACTION_LABELS[event.action]}</td>
                <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs">
                  {event.item_id ? (
                    <Link
                      href={`/transactions/${encodeURIComponent(event.item_id)}`}
                      className="text-blue-700 hover:underline"
                    >
                      {event.item_id}
                    </Link>
                  ) : (
                    <span className="text-gray-500">—</span>
                  )}
                  {event.item_version ? (
                    <span className="ml-1 text-gray-500">v{event.item_version}</span>
                  ) : null}
                </td>
                <td className="px-4 py-2.5 text-gray-700">
                  {describeEvent(event)}
                  {note ? <p className="mt-0.5 text-gray-600">“{note}”</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {page.cursor ? (
        <div className="border-t border-gray-100 px-4 py-3 text-right">
          <Link
            href={auditHref({ ...view, cursor: page.cursor }, true)}
            className="text-sm font-medium text-blue-700 hover:underline"
          >
            Older events →
          </Link>
        </div>
      ) : null}
    </div>
  );
}
