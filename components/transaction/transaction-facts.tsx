// The transaction itself, as an analyst reads it: when (their time zone, UTC on hover), how much, where
// (merchant, category, countries), how (channel), and the card and terminal it belongs to.
import type { ReactNode } from 'react';

import { LocalTime } from '@/components/app-shell/local-time';
import { CHANNEL_LABELS } from '@/components/transaction/channel-label';
import { countryName } from '@/lib/format/formats';
import { requestFormats } from '@/lib/format/request-locale';
import { mccName, mccRiskLabel } from '@/lib/review/mcc-categories';
import type { Transaction } from '@/lib/schema/transaction';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-gray-500">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-gray-900">{children}</dd>
    </div>
  );
}

export async function TransactionFacts({ tx }: { tx: Transaction }) {
  const { formatMoney } = await requestFormats();
  const foreign = tx.card_country !== tx.merchant_country;
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3 xl:grid-cols-4">
      <Fact label="Time">
        <LocalTime iso={tx.timestamp} />
      </Fact>
      <Fact label="Amount">
        <span className="font-medium tabular-nums">{formatMoney(tx.amount, tx.currency)}</span>
      </Fact>
      <Fact label="Merchant">
        <span title={tx.merchant_name}>{tx.merchant_name}</span>
      </Fact>
      <Fact label="Category (MCC)">
        <span title={`${mccName(tx.mcc)} · ${mccRiskLabel(tx.mcc)}`}>
          {mccName(tx.mcc)} <span className="text-gray-500">· {tx.mcc}</span>
        </span>
      </Fact>
      <Fact label="Channel">{CHANNEL_LABELS[tx.channel]}</Fact>
      <Fact label="Card country">{countryName(tx.card_country)}</Fact>
      <Fact label="Merchant country">
        {countryName(tx.merchant_country)}
        {foreign ? (
          <span className="ml-1.5 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-600/20">
            abroad
          </span>
        ) : null}
      </Fact>
      <Fact label="Card · terminal">
        <span className="font-mono text-[13px]">
          {tx.card_id} · {tx.terminal_id}
        </span>
      </Fact>
    </dl>
  );
}
