// Other flagged items on the same card and at the same terminal, and the alerts that name either: an
// analyst sees at once whether the card was already reported or the terminal is being worked.
import 'server-only';

import Link from 'next/link';

import { LocalTime } from '@/components/app-shell/local-time';
import { describeStoreFailure } from '@/components/queue/store-failure';
import { Panel } from '@/components/transaction/panel';
import { PanelFailure } from '@/components/transaction/panel-failure';
import { StatusBadge } from '@/components/transaction/status-badge';
import { requestFormats } from '@/lib/format/request-locale';
import { logServerError } from '@/lib/log/server-error';
import { ALERTS_SEARCHED, getRelatedItems } from '@/lib/review/related-items';
import type { ReviewSummary } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

const TITLE = 'Related items and alerts';

async function ItemList({
  label,
  items,
  more,
  empty,
}: {
  label: string;
  items: ReviewSummary[];
  more: boolean;
  empty: string;
}) {
  const { formatMoney, formatScore } = await requestFormats();
  return (
    <div>
      <h3 className="text-xs font-medium uppercase tracking-wide text-gray-500">{label}</h3>
      {items.length === 0 ? (
        <p className="mt-2 text-[13px] text-gray-500">{empty}</p>
      ) : (
        <ul className="mt-1.5 divide-y divide-gray-100" aria-label={label}>
          {items.map((i) => (
            <li key={i.transaction_id} className="flex items-center justify-between gap-3 py-1.5 text-[13px]">
              <div className="min-w-0">
                <Link
                  href={`/transactions/${encodeURIComponent(i.transaction_id)}`}
                  className="font-medium text-blue-600 hover:text-blue-700 hover:underline"
                >
                  {formatMoney(i.tx.amount, i.tx.currency)} at {i.tx.merchant_name}
                </Link>
                <p className="text-xs text-gray-500">
                  <LocalTime iso={i.tx_time} format="short" /> · score {formatScore(i.score)}
                </p>
              </div>
              <StatusBadge status={i.status} />
            </li>
          ))}
        </ul>
      )}
      {more ? <p className="mt-1 text-xs text-gray-500">Only the latest {items.length} are listed.</p> : null}
    </div>
  );
}

export async function RelatedItemsPanel({
  transactionId,
  cardId,
  terminalId,
}: {
  transactionId: string;
  cardId: string;
  terminalId: string;
}) {
  let related: Awaited<ReturnType<typeof getRelatedItems>>;
  try {
    related = await getRelatedItems(await getStore(), { transactionId, cardId, terminalId, limit: 8 });
  } catch (error) {
    const requestId = await logServerError(error, 'transaction page: reading related items failed', {
      transactionId,
    });
    return (
      <PanelFailure
        id="related"
        title={TITLE}
        what="Related items and alerts"
        cause={describeStoreFailure(error)}
        requestId={requestId}
      />
    );
  }
  return (
    <Panel id="related" title={TITLE} description="Other flagged transactions on this card or terminal.">
      <div className="space-y-5">
        <div className="grid grid-cols-1 gap-x-8 gap-y-5 md:grid-cols-2">
          <ItemList
            label="Same card"
            items={related.card}
            more={related.cardMore}
            empty="No other flagged transaction on this card."
          />
          <ItemList
            label="Same terminal"
            items={related.terminal}
            more={related.terminalMore}
            empty="No other flagged transaction at this terminal."
          />
        </div>
        <div>
          <h3 className="text-xs font-medium uppercase tracking-wide text-gray-500">Alerts</h3>
          {related.alerts.length === 0 ? (
            <p className="mt-2 text-[13px] text-gray-500">
              None of the latest {ALERTS_SEARCHED} alerts names this card or terminal.
            </p>
          ) : (
            <ul className="mt-1.5 divide-y divide-gray-100" aria-label="Alerts">
              {related.alerts.map((a) => (
                <li key={a.alert_id} className="py-1.5 text-[13px]">
                  <p className="flex items-center gap-2 text-gray-900">
                    <span
                      className={`h-1.5 w-1.5 shrink-0 rounded-full ${a.severity === 'critical' ? 'bg-rose-500' : 'bg-amber-500'}`}
                      aria-hidden="true"
                    />
                    <span className="min-w-0 truncate" title={a.title}>
                      {a.title}
                    </span>
                    {a.transaction_id === transactionId ? (
                      <span className="shrink-0 rounded bg-amber-200/70 px-1.5 py-0.5 text-[11px] font-semibold text-amber-900">
                        This transaction
                      </span>
                    ) : null}
                  </p>
                  <p className="pl-3.5 text-xs text-gray-500">
                    {a.severity} · <LocalTime iso={a.at} format="short" />
                    {a.acknowledged_by ? ` · acknowledged by ${a.acknowledged_by}` : ' · not acknowledged'}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Panel>
  );
}
