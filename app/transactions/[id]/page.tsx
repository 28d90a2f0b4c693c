// One flagged transaction: what happened, why the model scored it so, the card's and terminal's
// history, related items, the decision and its audit trail, and a sandbox to rescore an edited copy.
// The item is read once up front; every panel that needs more (model, lake, store lists) streams in
// its own Suspense boundary so the decision form is usable before the history has loaded.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';

import { AttributionsPanel } from '@/components/transaction/attributions-panel';
import { AuditTrail } from '@/components/transaction/audit-trail';
import { CardHistoryPanel } from '@/components/transaction/card-history-panel';
import { CHANNEL_SHORT } from '@/components/transaction/channel-label';
import { DecisionPanel } from '@/components/transaction/decision-panel';
import { LocalTime } from '@/components/transaction/local-time';
import { Panel } from '@/components/transaction/panel';
import { PanelSkeleton } from '@/components/transaction/panel-skeleton';
import { RelatedItemsPanel } from '@/components/transaction/related-items-panel';
import { RescoreForm } from '@/components/transaction/rescore-form';
import { ScoreSummary } from '@/components/transaction/score-summary';
import { StatusBadge } from '@/components/transaction/status-badge';
import { TerminalPanel } from '@/components/transaction/terminal-panel';
import { TransactionFacts } from '@/components/transaction/transaction-facts';
import { can } from '@/lib/auth/roles';
import { requirePage } from '@/lib/auth/session';
import { formatMoney } from '@/lib/review/display-format';
import { mccName } from '@/lib/review/mcc-categories';
import { getReviewItem, isClaimActive } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Transaction ${id}` };
}

export default async function TransactionPage({ params }: Props) {
  const { id } = await params;
  const user = await requirePage('review:read', `/transactions/${encodeURIComponent(id)}`);
  // Ids are at most 64 characters (the canonical schema); anything longer cannot exist.
  const item = id.length <= 64 ? await getReviewItem(await getStore(), { transactionId: id }) : null;
  if (!item) notFound();
  const { tx } = item;
  const claimActive = isClaimActive(item);

  return (
    <main className="mx-auto max-w-console px-6 pb-16 pt-5 lg:px-8">
      <nav aria-label="Breadcrumb" className="text-[13px] text-gray-500">
        <Link href="/queue" className="font-medium text-blue-600 hover:text-blue-700">
          Review queue
        </Link>
        <span aria-hidden="true" className="mx-1.5 text-gray-300">
          /
        </span>
        <span className="font-mono text-gray-600">{tx.transaction_id}</span>
      </nav>

      <header className="mt-2 min-w-0">
        <div className="flex items-center gap-3">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-gray-900">
            {formatMoney(tx.amount, tx.currency)} at {tx.merchant_name}
          </h1>
          <StatusBadge status={item.status} />
        </div>
        <p className="mt-1 text-sm text-gray-600">
          <LocalTime iso={tx.timestamp} /> · {mccName(tx.mcc)} · {CHANNEL_SHORT[tx.channel]} · card{' '}
          <span className="font-mono text-[13px]">{tx.card_id}</span>
        </p>
      </header>

      <div className="mt-5 grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_360px] xl:grid-cols-[minmax(0,1fr)_400px]">
        <div className="min-w-0 space-y-5">
          <Panel id="transaction" title="Transaction">
            <TransactionFacts tx={tx} />
          </Panel>
          <Suspense fallback={<PanelSkeleton title="Why the model flagged it" lines={8} />}>
            <AttributionsPanel item={item} />
          </Suspense>
          <Suspense fallback={<PanelSkeleton title={`Card ${tx.card_id}: recent transactions`} lines={8} />}>
            <CardHistoryPanel tx={tx} threshold={item.threshold} />
          </Suspense>
          <Suspense fallback={<PanelSkeleton title="Related items and alerts" lines={5} />}>
            <RelatedItemsPanel
              transactionId={item.transaction_id}
              cardId={tx.card_id}
              terminalId={tx.terminal_id}
            />
          </Suspense>
        </div>

        <div className="min-w-0 space-y-5">
          <Panel id="score" title="Score">
            <ScoreSummary
              score={item.score}
              threshold={item.threshold}
              modelVersion={item.model_version}
              status={item.status}
              {...(item.assignee ? { assignee: item.assignee } : {})}
              {...(item.claim_expires_at ? { claimExpiresAt: item.claim_expires_at } : {})}
              claimActive={claimActive}
            />
          </Panel>
          <DecisionPanel item={item} actor={user.actor} canDecide={can(user.roles, 'review:decide')} />
          <Panel
            id="history"
            title="History"
            description="Everything recorded about this item, newest first."
          >
            <Suspense fallback={<div className="h-24 animate-pulse rounded bg-gray-100" aria-busy="true" />}>
              <AuditTrail transactionId={item.transaction_id} currency={tx.currency} />
            </Suspense>
          </Panel>
          <Suspense
            fallback={<PanelSkeleton title={`Terminal ${tx.terminal_id}: fraud rate`} lines={3} tall />}
          >
            <TerminalPanel terminalId={tx.terminal_id} at={tx.timestamp} />
          </Suspense>
        </div>
      </div>

      {/* Full width: the edit form fits on one line and the diff needs the room. */}
      <div className="mt-5">
        <Panel
          id="rescore"
          title="Rescore an edited transaction"
          description="Change what you doubt and see how the score and its reasons move. The stored item is not changed; the attempt is recorded in the history."
        >
          {can(user.roles, 'review:rescore') ? (
            <RescoreForm tx={tx} storedScore={item.score} />
          ) : (
            <p className="text-sm text-gray-500">Your role cannot rescore transactions.</p>
          )}
        </Panel>
      </div>
    </main>
  );
}
