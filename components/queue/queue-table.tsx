'use client';

// The queue page's rows with selection for bulk decisions: checkboxes per row and one for the whole
// page, the bulk decision bar above, and the per-item results of the last bulk decision. From the
// keyboard, j / k move a highlighted row (its link takes focus, so Enter opens it), x ticks it, and
// f / l / e start a bulk decision on the ticked rows, or on the highlighted one when none is ticked.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

import { bulkDecideAction } from '@/app/queue/bulk-decide-action';
import { LocalTime } from '@/components/app-shell/local-time';
import { useFormats } from '@/components/app-shell/locale-provider';
import { useShortcuts } from '@/components/app-shell/use-shortcuts';
import { ClaimCell } from '@/components/queue/claim-cell';
import { DecisionCell } from '@/components/queue/decision-cell';
import { OpeningHint } from '@/components/queue/opening-hint';
import { QueueBulkBar, type BulkBarHandle, type BulkChoice } from '@/components/queue/queue-bulk-bar';
import { QueueBulkResults } from '@/components/queue/queue-bulk-results';
import { CHANNEL_LABELS } from '@/components/queue/queue-format';
import type { QueueRowData } from '@/components/queue/queue-row-data';
import { CHECKBOX } from '@/components/queue/queue-styles';
import { SlaBadge } from '@/components/queue/sla-badge';
import { mccName } from '@/lib/review/mcc-categories';

const TH = 'px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600';
const TD = 'px-3 py-2.5 align-middle';

export function QueueTable({
  rows,
  selectable,
  decided,
}: {
  rows: QueueRowData[];
  /** The viewer may decide and the tab holds undecided items. */
  selectable: boolean;
  /** A decided tab: show the decision instead of the claim. */
  decided: boolean;
}) {
  const { formatMoney, formatScore } = useFormats();
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [state, dispatch, pending] = useActionState(bulkDecideAction, null);
  const [handled, setHandled] = useState(state);
  const [dismissed, setDismissed] = useState(state);
  // Bumped after each recorded batch: remounts the bar, so its outcome, reason and note start empty.
  const [batches, setBatches] = useState(0);

  // A finished bulk decision unselects what it recorded; conflicts stay selected to be looked at.
  // (Adjusting state during render, as React recommends, instead of an effect that renders twice.)
  if (state !== handled) {
    setHandled(state);
    if (state?.ok) {
      setBatches((n) => n + 1);
      const done = new Set(
        state.data.results.filter((r) => r.result === 'decided' || r.result === 'replayed').map((r) => r.id),
      );
      setSelected((s) => new Set([...s].filter((id) => !done.has(id))));
    }
  }

  // Another analyst's live claim makes an item theirs to decide (the action refuses it too).
  const open = rows.filter((r) => !r.claim || r.claim.mine);
  // Only rows on this page count: decided rows leave the page when it refreshes.
  const chosen = open.filter((r) => selected.has(r.id));
  const allChosen = open.length > 0 && chosen.length === open.length;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosen.length > 0 && !allChosen;
  }, [chosen.length, allChosen]);

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  // Keyboard triage: the highlighted row. Its link holds the focus, so the ring shows where it is.
  const router = useRouter();
  const bar = useRef<BulkBarHandle>(null);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const [active, setActive] = useState<number | null>(null);
  const current = active !== null && active < rows.length ? active : null;

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActive(target);
    const link = links.current[target];
    // Focus without the browser's jump, then the least scrolling that shows the row whole.
    link?.focus({ preventScroll: true });
    link?.closest('tr')?.scrollIntoView({ block: 'nearest' });
  };

  const startDecision = (outcome: BulkChoice['outcome']) => {
    if (!selectable || pending) return;
    const row = current === null ? undefined : rows[current];
    if (chosen.length === 0) {
      if (!row || (row.claim !== null && !row.claim.mine)) return;
      flushSync(() => setSelected(new Set([row.id])));
    }
    bar.current?.start(outcome);
  };

  useShortcuts({
    j: (event) => {
      event.preventDefault();
      moveTo(current === null ? 0 : current + 1);
    },
    k: (event) => {
      event.preventDefault();
      moveTo(current === null ? 0 : current - 1);
    },
    Enter: (event) => {
      // On the row's link (or any control) the browser's own Enter does the job.
      const target = event.target;
      if (target instanceof HTMLElement && target.closest('a, button, summary, input, [role="button"]'))
        return;
      const row = current === null ? undefined : rows[current];
      if (!row) return;
      event.preventDefault();
      router.push(`/transactions/${encodeURIComponent(row.id)}`);
    },
    x: (event) => {
      const row = current === null ? undefined : rows[current];
      if (!selectable || pending || !row || (row.claim !== null && !row.claim.mine)) return;
      event.preventDefault();
      toggle(row.id, !selected.has(row.id));
    },
    f: (event) => {
      event.preventDefault();
      startDecision('fraud');
    },
    l: (event) => {
      event.preventDefault();
      startDecision('legitimate');
    },
    e: (event) => {
      event.preventDefault();
      startDecision('escalate');
    },
  });

  const submit = (choice: BulkChoice) => {
    const payload = {
      ...choice,
      items: chosen.map((r) => ({ id: r.id, version: r.version })),
      batchId: crypto.randomUUID(),
    };
    startTransition(() => dispatch(payload));
  };

  return (
    <div className="overflow-hidden rounded-xl border border-gray-200 bg-white shadow-sm">
      {selectable ? (
        <QueueBulkBar
          ref={bar}
          key={batches}
          count={chosen.length}
          pending={pending}
          onSubmit={submit}
          fieldErrors={state && !state.ok ? (state.fieldErrors ?? null) : null}
        />
      ) : null}
      {state && state !== dismissed ? (
        <QueueBulkResults state={state} onDismiss={() => setDismissed(state)} />
      ) : null}
      <div className="overflow-x-auto">
        <table aria-label="Queue items" className="min-w-full divide-y divide-gray-200 text-sm">
          <thead className="bg-gray-50">
            <tr>
              {selectable ? (
                <th scope="col" className="w-10 py-2.5 pl-4 pr-2">
                  <input
                    ref={selectAll}
                    type="checkbox"
                    aria-label="Select all items on this page"
                    checked={allChosen}
                    disabled={open.length === 0 || pending}
                    onChange={(e) =>
                      setSelected(e.target.checked ? new Set(open.map((r) => r.id)) : new Set())
                    }
                    className={CHECKBOX}
                  />
                </th>
              ) : null}
              <th scope="col" className={`${TH} text-right ${selectable ? '' : 'pl-4'}`}>
                Score
              </th>
              <th scope="col" className={TH}>
                {decided ? 'Took' : 'Waiting'}
              </th>
              <th scope="col" className={TH}>
                Transaction
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Amount
              </th>
              <th scope="col" className={TH}>
                Channel
              </th>
              <th scope="col" className={TH}>
                <abbr title="Card country → merchant country" className="no-underline">
                  Card → merchant
                </abbr>
              </th>
              <th scope="col" className={`${TH} pr-4`}>
                {decided ? 'Decision' : 'Claim'}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {rows.map((row, index) => {
              const isSelected = selected.has(row.id);
              const theirs = row.claim !== null && !row.claim.mine;
              const foreign = row.cardCountry !== row.merchantCountry;
              const highlighted = index === current;
              return (
                <tr
                  key={row.id}
                  data-active={highlighted ? 'true' : undefined}
                  // Clear of the sticky header when j / k scroll the row into view; the ring shows whenever
                  // the row's link has keyboard focus (j / k, or Tab).
                  className={`scroll-mb-4 scroll-mt-20 [&:has(a:focus-visible)]:outline [&:has(a:focus-visible)]:outline-2 [&:has(a:focus-visible)]:-outline-offset-2 [&:has(a:focus-visible)]:outline-blue-600 ${
                    highlighted
                      ? 'bg-blue-50 [&>td:first-child]:shadow-[inset_4px_0_0_0_theme(colors.blue.600)]'
                      : isSelected
                        ? 'bg-blue-50/70'
                        : 'hover:bg-gray-50'
                  }`}
                >
                  {selectable ? (
                    <td className="py-2.5 pl-4 pr-2 align-middle">
                      <input
                        type="checkbox"
                        aria-label={`Select ${row.id}`}
                        title={theirs ? `Claimed by ${row.claim?.holder}: theirs to decide` : undefined}
                        checked={isSelected && !theirs}
                        disabled={pending || theirs}
                        onChange={(e) => toggle(row.id, e.target.checked)}
                        className={CHECKBOX}
                      />
                    </td>
                  ) : null}
                  <td
                    className={`${TD} text-right font-semibold tabular-nums text-gray-900 ${selectable ? '' : 'pl-4'}`}
                  >
                    {formatScore(row.score)}
                  </td>
                  <td className={TD}>
                    <SlaBadge ageMs={row.ageMs} band={row.band} muted={decided} />
                  </td>
                  <td className={`${TD} max-w-[22rem]`}>
                    <Link
                      ref={(el) => {
                        links.current[index] = el;
                      }}
                      href={`/transactions/${encodeURIComponent(row.id)}`}
                      // Prefetching would render every row's detail page (a store read each) per queue view.
                      prefetch={false}
                      onFocus={() => setActive(index)}
                      // The focus ring is drawn around the whole row (its <tr>), not this one line of it.
                      className="block truncate font-medium text-gray-900 hover:text-blue-700 hover:underline focus-visible:outline-none"
                      title={row.merchantName}
                    >
                      {row.merchantName}
                      <OpeningHint />
                    </Link>
                    <span className="block truncate text-xs text-gray-500">
                      <LocalTime iso={row.txTime} format="short" /> ·{' '}
                      <span title={`MCC ${row.mcc}`}>{mccName(row.mcc)}</span> ·{' '}
                      <span className="font-mono">{row.id}</span>
                    </span>
                  </td>
                  <td className={`${TD} whitespace-nowrap text-right tabular-nums text-gray-900`}>
                    {formatMoney(row.amount, row.currency)}
                  </td>
                  <td className={`${TD} whitespace-nowrap text-gray-700`}>{CHANNEL_LABELS[row.channel]}</td>
                  <td className={`${TD} whitespace-nowrap`}>
                    <span className="text-gray-700">{row.cardCountry}</span>
                    <span className="px-1 text-gray-400" aria-hidden="true">
                      →
                    </span>
                    <span className="sr-only"> to </span>
                    <span className={foreign ? 'font-medium text-amber-700' : 'text-gray-700'}>
                      {row.merchantCountry}
                    </span>
                    {foreign ? <span className="sr-only"> (cross-border)</span> : null}
                  </td>
                  <td className={`${TD} whitespace-nowrap pr-4`}>
                    {decided ? <DecisionCell decision={row.decision} /> : <ClaimCell claim={row.claim} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
