// The item's history from the append-only audit trail, newest first: flagged, claimed, released,
// decided (with reason and note) and every sandbox rescoring with what was changed.
import 'server-only';

import { ErrorBanner } from '@/components/app-shell/error-banner';
import { LocalTime } from '@/components/app-shell/local-time';
import { describeStoreFailure } from '@/components/queue/store-failure';
import type { Formats } from '@/lib/format/formats';
import { requestFormats } from '@/lib/format/request-locale';
import { logServerError } from '@/lib/log/server-error';
import { OUTCOME_LABELS } from '@/lib/review/outcome-labels';
import { reasonLabel } from '@/lib/review/reasons';
import { listAuditEvents, type AuditEvent } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

const FIELD_LABELS: Record<string, string> = {
  amount: 'amount',
  timestamp: 'time',
  mcc: 'category',
  merchant_country: 'merchant country',
  card_country: 'card country',
  channel: 'channel',
};

function changeText(
  field: string,
  value: string | number,
  currency: string,
  formatMoney: Formats['formatMoney'],
): string {
  if (field === 'amount' && typeof value === 'number') return formatMoney(value, currency);
  if (field === 'timestamp' && typeof value === 'string')
    return `${value.slice(0, 10)} ${value.slice(11, 19)} UTC`;
  return String(value);
}

async function Body({ event, currency }: { event: AuditEvent; currency: string }) {
  const { formatMoney, formatScore } = await requestFormats();
  switch (event.action) {
    case 'flagged':
      return (
        <>
          <p className="text-gray-900">Flagged by {event.actor}</p>
          <p className="text-gray-500">
            Score {formatScore(event.details.score)} against a threshold of{' '}
            {formatScore(event.details.threshold)} (model{' '}
            <span className="font-mono">{event.details.model_version}</span>)
          </p>
        </>
      );
    case 'claimed':
      return (
        <>
          <p className="text-gray-900">Claimed by {event.actor}</p>
          <p className="text-gray-500">
            Until <LocalTime iso={event.details.expires_at} format="time" />
            {event.details.took_over_from ? `, taking over from ${event.details.took_over_from}` : ''}
          </p>
        </>
      );
    case 'released':
      return <p className="text-gray-900">Released by {event.actor}</p>;
    case 'decided':
      return (
        <>
          <p className="text-gray-900">
            Decided <strong className="font-semibold">{OUTCOME_LABELS[event.details.outcome]}</strong> by{' '}
            {event.actor}
          </p>
          <p className="text-gray-500">Reason: {reasonLabel(event.details.reason)}</p>
          {event.details.note ? (
            <p className="mt-0.5 whitespace-pre-line rounded bg-gray-50 px-2 py-1 text-gray-700">
              {event.details.note}
            </p>
          ) : null}
        </>
      );
    case 'rescored': {
      const changes = Object.entries(event.details.changes);
      return (
        <>
          <p className="text-gray-900">Rescored by {event.actor} (sandbox, item unchanged)</p>
          <p className="text-gray-500">
            {changes.length === 0
              ? 'No edits'
              : changes
                  .map(
                    ([field, c]) =>
                      `${FIELD_LABELS[field] ?? field} ${changeText(field, c.from, currency, formatMoney)} → ${changeText(field, c.to, currency, formatMoney)}`,
                  )
                  .join('; ')}
            {' · '}score {formatScore(event.details.old_score)} → {formatScore(event.details.new_score)}
          </p>
        </>
      );
    }
    case 'threshold_changed':
      return (
        <p className="text-gray-900">
          Threshold changed by {event.actor}: {formatScore(event.details.from)} →{' '}
          {formatScore(event.details.to)}
        </p>
      );
    case 'alert_acknowledged':
      return <p className="text-gray-900">Alert acknowledged by {event.actor}</p>;
  }
}

export async function AuditTrail({ transactionId, currency }: { transactionId: string; currency: string }) {
  let page: Awaited<ReturnType<typeof listAuditEvents>>;
  try {
    page = await listAuditEvents(await getStore(), { itemId: transactionId, limit: 100 });
  } catch (error) {
    const requestId = await logServerError(error, 'transaction page: reading the audit trail failed', {
      transactionId,
    });
    return (
      <ErrorBanner title="The history could not be loaded" requestId={requestId}>
        <p>{describeStoreFailure(error)}</p>
      </ErrorBanner>
    );
  }
  if (page.items.length === 0) return <p className="text-sm text-gray-500">No events recorded yet.</p>;
  return (
    <>
      <ol
        className="relative space-y-3 border-l border-gray-200 pl-4 text-[13px]"
        aria-label="Audit trail, newest first"
      >
        {page.items.map((event) => (
          <li key={event.event_id} className="relative">
            <span
              aria-hidden="true"
              className={`absolute -left-[21px] top-1.5 h-2 w-2 rounded-full ring-2 ring-white ${event.action === 'decided' ? 'bg-gray-900' : event.action === 'rescored' ? 'bg-violet-500' : 'bg-gray-400'}`}
            />
            <p className="text-xs text-gray-500">
              <LocalTime iso={event.at} />
            </p>
            <Body event={event} currency={currency} />
          </li>
        ))}
      </ol>
      {page.cursor ? <p className="mt-3 text-xs text-gray-500">Older events are not shown.</p> : null}
    </>
  );
}
