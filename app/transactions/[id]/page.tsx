// One flagged transaction: what happened, why the model scored it so, the card's and terminal's
// history, related items, the decision and its audit trail, and a sandbox to rescore an edited copy.
// The item (and the next one in the analyst's queue, for keyboard triage) is read up front; every panel
// that needs more (model, lake, store lists) streams in its own Suspense boundary, so the decision form
// is usable before the history has loaded, and a panel whose source is down says so in place.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';

import { BANNER_BUTTON, BANNER_LINK, ErrorBanner } from '@/components/app-shell/error-banner';
import { LocalTime } from '@/components/app-shell/local-time';
import { describeStoreFailure } from '@/components/queue/store-failure';
import { AttributionsPanel } from '@/components/transaction/attributions-panel';
import { AuditTrail } from '@/components/transaction/audit-trail';
import { CardHistoryPanel } from '@/components/transaction/card-history-panel';
import { CHANNEL_SHORT } from '@/components/transaction/channel-label';
import { DecisionPanel } from '@/components/transaction/decision-panel';
import { findNextItem } from '@/components/transaction/next-item';
import { NextItemLink } from '@/components/transaction/next-item-link';
import { Panel } from '@/components/transaction/panel';
import { PanelSkeleton } from '@/components/transaction/panel-skeleton';
import { RelatedItemsPanel } from '@/components/transaction/related-items-panel';
import { RescoreForm } from '@/components/transaction/rescore-form';
import { ScoreSummary } from '@/components/transaction/score-summary';
import { StatusBadge } from '@/components/transaction/status-badge';
import { TerminalPanel } from '@/components/transaction/terminal-panel';
import { TransactionFacts } from '@/components/transaction/transaction-facts';
import { TriageNotices } from '@/components/transaction/triage-notices';
import { TriageProvider } from '@/components/transaction/triage-provider';
import { can } from '@/lib/auth/roles';
import { requirePage } from '@/lib/auth/session';
import { requestFormats } from '@/lib/format/request-locale';
import { logServerError } from '@/lib/log/server-error';
import { mccName } from '@/lib/review/mcc-categories';
import { getReviewItem, isClaimActive, type ReviewItem } from '@/lib/store';
import { getStore } from '@/lib/store/server-store';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Transaction ${id}` };
}

function Breadcrumb({ id }: { id: string }) {
  return (
    <nav aria-label="Breadcrumb" className="min-w-0 truncate text-[13px] text-gray-500">
      <Link href="/queue" className="font-medium text-blue-700 hover:text-blue-800">
        Review queue
      </Link>
      <span aria-hidden="true" className="mx-1.5 text-gray-400">
        /
      </span>
      <span className="font-mono text-gray-600">{id}</span>
    </nav>
  );
}

export default async function TransactionPage({ params }: Props) {
  const { formatMoney } = await requestFormats();
  const { id } = await params;
  const href = `/transactions/${encodeURIComponent(id)}`;
  const user = await requirePage('review:read', href);
  const canDecide = can(user.roles, 'review:decide');
  let item: ReviewItem | null;
  let triage: Awaited<ReturnType<typeof findNextItem>> | null;
  try {
    // Ids are at most 64 characters (the canonical schema); anything longer cannot exist.
    [item, triage] = await Promise.all([
      id.length <= 64 ? getReviewItem(await getStore(), { transactionId: id }) : null,
      canDecide && id.length <= 64 ? findNextItem(id, user.actor) : null,
    ]);
  } catch (error) {
    const requestId = await logServerError(error, 'transaction page: reading the review item failed', {
      transactionId: id,
    });
    return (
      <main className="mx-auto max-w-console px-6 pb-16 pt-5 lg:px-8">
        <Breadcrumb id={id} />
        <div className="mt-6">
          <ErrorBanner
            size="page"
            title="This transaction could not be loaded"
            requestId={requestId}
            actions={
              <>
                <Link href={href} className={BANNER_BUTTON}>
                  Try again
                </Link>
                <Link href="/queue" className={BANNER_LINK}>
                  Back to the queue
                </Link>
              </>
            }
          >
            <p>{describeStoreFailure(error)}</p>
            <p>Nothing about the item was changed.</p>
          </ErrorBanner>
        </div>
      </main>
    );
  }
  if (!item) notFound();
  const { tx } = item;
  const claimActive = isClaimActive(item);

  const page = (
    <main className="mx-auto max-w-console px-6 pb-16 pt-5 lg:px-8">
      <div className="flex min-h-[1.75rem] items-center justify-between gap-4">
        <Breadcrumb id={tx.transaction_id} />
        {triage ? <NextItemLink /> : null}
      </div>

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
        {triage ? <TriageNotices transactionId={tx.transaction_id} /> : null}
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
          <DecisionPanel item={item} actor={user.actor} canDecide={canDecide} />
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
  return triage ? (
    <TriageProvider transactionId={tx.transaction_id} next={triage.next} view={triage.view}>
      {page}
    </TriageProvider>
  ) : (
    page
  );
}
