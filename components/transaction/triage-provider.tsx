'use client';

// Moving on from one item to the next without waiting: `n` (or "Record & next" in the decision form)
// opens the next item at once, from the page the browser prefetched while the analyst read this one,
// while one request records the decision made here and claims the next item. Its answer arrives on
// the new page (triage-store.ts shows it), which then refreshes to show the claim. Without a
// prefetched candidate, the queue's own claim-next action picks the item and redirects (slower).
import { useRouter } from 'next/navigation';
import { createContext, startTransition, use, useActionState, type ReactNode } from 'react';

import { claimNextAction } from '@/app/queue/claim-next-action';
import { advanceAction, type AdvanceResult } from '@/app/transactions/[id]/advance-action';
import { useShortcuts } from '@/components/app-shell/use-shortcuts';
import type { NextItem } from '@/components/transaction/next-item';
import {
  dismissNotice,
  markLeftBehind,
  showNotice,
  wasLeftBehind,
} from '@/components/transaction/triage-store';
import type { ActionResult } from '@/lib/actions/safe-action';

/** A decision to record on the way out: the decision form's fields, and its words for the notice. */
export interface LeavingDecision {
  input: Record<string, string>;
  summary: string;
}

interface Triage {
  /** The item `n` opens, or null when the queue's action has to find one. */
  next: NextItem | null;
  advance: (decision?: LeavingDecision) => void;
  /** The fallback (no prefetched candidate) is claiming. */
  finding: boolean;
  /** Why the fallback found nothing (e.g. the queue view is empty). */
  findError: string | null;
}

const TriageContext = createContext<Triage | null>(null);

export function useTriage(): Triage | null {
  return use(TriageContext);
}

const itemHref = (id: string) => `/transactions/${encodeURIComponent(id)}`;

function reportDecision(id: string, summary: string, result: ActionResult<unknown> | null): void {
  const key = `decision-${id}`;
  if (result === null) return dismissNotice(key);
  showNotice(
    result.ok
      ? { key, tone: 'success', itemId: null, text: `Recorded ${summary} on ${id}.`, href: itemHref(id) }
      : {
          key,
          tone: 'error',
          itemId: null,
          text: `Not recorded on ${id}: ${result.error}`,
          href: itemHref(id),
        },
  );
}

function reportClaim(id: string, result: ActionResult<unknown> | null): void {
  const key = `claim-${id}`;
  if (result === null || result.ok) return dismissNotice(key);
  showNotice({
    key,
    tone: 'error',
    itemId: id,
    text: `This item was not claimed for you: ${result.error} Press n for the next one.`,
  });
}

export function TriageProvider({
  transactionId,
  next,
  view,
  children,
}: {
  transactionId: string;
  next: NextItem | null;
  /** The analyst's queue view (query string), for the fallback. */
  view: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [found, findNext, finding] = useActionState(claimNextAction, null);
  // A candidate read before this session left it behind (decided, skipped) is no longer "next".
  const candidate = next && !wasLeftBehind(next.id) ? next : null;

  const advance = (decision?: LeavingDecision) => {
    performance.mark('triage:advance');
    markLeftBehind(transactionId);
    if (decision)
      showNotice({
        key: `decision-${transactionId}`,
        tone: 'pending',
        itemId: null,
        text: `Recording ${decision.summary} on ${transactionId}…`,
      });
    const failed = (error: unknown) => {
      const text = error instanceof Error ? 'the server did not answer.' : 'it failed.';
      if (decision)
        reportDecision(transactionId, decision.summary, { ok: false, code: 'error', error: text });
    };

    if (!candidate) {
      if (decision)
        advanceAction(null, { decision: decision.input }).then(
          (r) => reportDecision(transactionId, decision.summary, r.ok ? r.data.decision : r),
          failed,
        );
      const form = new FormData();
      form.set('view', view);
      startTransition(() => findNext(form));
      return;
    }

    const target = candidate;
    showNotice({
      key: `claim-${target.id}`,
      tone: 'pending',
      itemId: target.id,
      text: 'Claiming this item for you…',
    });
    // The request first, then the page: the router shows the prefetched page at once (a navigation
    // takes precedence over a pending action) while the request is already on its way.
    const answer: Promise<ActionResult<AdvanceResult>> = advanceAction(null, {
      ...(decision ? { decision: decision.input } : {}),
      next: {
        transactionId: target.id,
        version: target.version,
        requestId: crypto.randomUUID(),
        tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
      },
    });
    router.push(itemHref(target.id));
    answer.then(
      (r) => {
        if (decision) reportDecision(transactionId, decision.summary, r.ok ? r.data.decision : r);
        reportClaim(target.id, r.ok ? r.data.claim : r);
        // The page shown came from the prefetch: fetch it again so it shows the claim just made.
        router.refresh();
      },
      (error: unknown) => {
        failed(error);
        reportClaim(target.id, { ok: false, code: 'error', error: 'the server did not answer.' });
      },
    );
  };

  useShortcuts({
    n: (event) => {
      event.preventDefault();
      advance();
    },
  });

  const findError = found && !found.ok ? found.error : null;
  return <TriageContext value={{ next: candidate, advance, finding, findError }}>{children}</TriageContext>;
}
