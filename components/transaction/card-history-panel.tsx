// The card's transactions in the lake around this one (30 days before, 24 hours after), newest first,
// with this transaction highlighted: the spending pattern an analyst compares it with.
import 'server-only';

import { LocalTime } from '@/components/app-shell/local-time';
import { channelShort } from '@/components/transaction/channel-label';
import { Panel } from '@/components/transaction/panel';
import { LAKE_UNREADABLE, PanelFailure } from '@/components/transaction/panel-failure';
import { cardActivity } from '@/lib/analytics/entity-history';
import { getAnalytics } from '@/lib/analytics/server';
import { requestFormats } from '@/lib/format/request-locale';
import { logServerError } from '@/lib/log/server-error';
import { mccName } from '@/lib/review/mcc-categories';
import type { Transaction } from '@/lib/schema/transaction';

export async function CardHistoryPanel({ tx, threshold }: { tx: Transaction; threshold: number }) {
  const { formatCount, formatMoney, formatScore } = await requestFormats();
  const title = `Card ${tx.card_id}: recent transactions`;
  let activity: Awaited<ReturnType<typeof cardActivity>>;
  try {
    activity = await cardActivity(getAnalytics().engine, { cardId: tx.card_id, at: tx.timestamp });
  } catch (error) {
    const requestId = await logServerError(error, 'transaction page: reading the card history failed', {
      transactionId: tx.transaction_id,
    });
    return (
      <PanelFailure
        id="card-history"
        title={title}
        what="The card's recent transactions"
        cause={LAKE_UNREADABLE}
        requestId={requestId}
      />
    );
  }
  const inLake = activity.rows.some((r) => r.transaction_id === tx.transaction_id);
  const description =
    activity.total === 0
      ? 'From the data lake, 30 days before to 24 hours after this transaction.'
      : `${formatCount(activity.total)} in the lake from 30 days before to 24 hours after this transaction${activity.total > activity.rows.length ? `; the latest ${activity.rows.length} shown` : ''}.`;
  return (
    <Panel id="card-history" title={title} description={description}>
      {activity.rows.length === 0 ? (
        <p className="text-sm text-gray-600">The lake holds no transactions of this card in that window.</p>
      ) : (
        <div className="-mx-5 overflow-x-auto">
          <table className="w-full min-w-[640px] text-left text-[13px]">
            <caption className="sr-only">
              Card {tx.card_id}&apos;s transactions, newest first; this transaction is marked.
            </caption>
            <thead>
              <tr className="border-b border-gray-200 text-xs text-gray-500">
                <th scope="col" className="py-2 pl-5 pr-3 font-medium">
                  Time
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Amount
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Merchant
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Channel
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Country
                </th>
                <th scope="col" className="py-2 pr-5 text-right font-medium">
                  Score
                </th>
              </tr>
            </thead>
            <tbody>
              {activity.rows.map((r) => {
                const current = r.transaction_id === tx.transaction_id;
                const foreign = r.merchant_country !== r.card_country;
                const flagged = r.score !== null && r.score >= threshold;
                return (
                  <tr
                    key={r.transaction_id}
                    aria-current={current ? 'true' : undefined}
                    className={`border-b border-gray-100 last:border-0 ${current ? 'bg-amber-50 font-medium' : ''}`}
                  >
                    <td className="whitespace-nowrap py-1.5 pl-5 pr-3 text-gray-700">
                      <LocalTime iso={r.timestamp} />
                      {current ? (
                        <span className="ml-2 rounded bg-amber-200/70 px-1.5 py-0.5 text-[11px] font-semibold text-amber-900">
                          This transaction
                        </span>
                      ) : null}
                    </td>
                    <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums text-gray-900">
                      {formatMoney(r.amount, r.currency)}
                    </td>
                    <td className="max-w-[16rem] py-1.5 pr-3 text-gray-900">
                      <span
                        className="block truncate"
                        title={`${r.merchant_name} · ${mccName(r.mcc)} (${r.mcc})`}
                      >
                        {r.merchant_name} <span className="text-gray-500">· {mccName(r.mcc)}</span>
                      </span>
                    </td>
                    <td className="py-1.5 pr-3 text-gray-700">{channelShort(r.channel)}</td>
                    <td className={`py-1.5 pr-3 ${foreign ? 'text-amber-800' : 'text-gray-700'}`}>
                      {r.merchant_country}
                      {foreign ? <span className="sr-only"> (abroad)</span> : null}
                    </td>
                    <td
                      className={`py-1.5 pr-5 text-right tabular-nums ${flagged ? 'font-medium text-rose-700' : 'text-gray-600'}`}
                    >
                      {r.score === null ? '—' : formatScore(r.score)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!inLake && activity.rows.length > 0 ? (
        <p className="mt-3 text-xs text-gray-500">This transaction is not among the rows shown.</p>
      ) : null}
    </Panel>
  );
}
