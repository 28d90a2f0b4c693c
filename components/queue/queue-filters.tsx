// The queue's filters as a plain GET form: submitting it writes the filters into the URL (so a view
// can be bookmarked, shared and reloaded) and starts again on page 1. Works before any JavaScript loads.
import Link from 'next/link';

import { CHANNEL_LABELS } from '@/components/queue/queue-format';
import { BUTTON_DARK, BUTTON_SECONDARY, CONTROL, CONTROL_LABEL } from '@/components/queue/queue-styles';
import {
  clearFilters,
  DEFAULT_VIEW,
  hasFilters,
  queueHref,
  type QueueView,
} from '@/components/queue/queue-view';
import { MCC_OPTIONS } from '@/lib/review/mcc-categories';
import { CHANNELS } from '@/lib/schema/transaction';

export function QueueFilters({ view }: { view: QueueView }) {
  return (
    <form
      action="/queue"
      method="get"
      role="search"
      aria-label="Filter the queue"
      className="rounded-xl border border-gray-200 bg-white px-4 py-3 shadow-sm"
    >
      {/* Status, claim, order and page size are chosen elsewhere on the page; the form keeps them. */}
      {view.status !== DEFAULT_VIEW.status ? <input type="hidden" name="status" value={view.status} /> : null}
      {view.order !== DEFAULT_VIEW.order ? <input type="hidden" name="order" value={view.order} /> : null}
      {view.size !== DEFAULT_VIEW.size ? <input type="hidden" name="size" value={view.size} /> : null}
      {view.assignee !== undefined ? <input type="hidden" name="assignee" value={view.assignee} /> : null}
      <div className="flex flex-wrap items-end gap-x-3 gap-y-3">
        <fieldset className="flex items-end gap-1.5">
          <legend className={CONTROL_LABEL}>Transaction date (UTC)</legend>
          <label htmlFor="queue-from" className="sr-only">
            From
          </label>
          <input
            id="queue-from"
            name="from"
            type="date"
            defaultValue={view.from}
            className={`${CONTROL} w-[8.25rem]`}
          />
          <span className="pb-1.5 text-sm text-gray-400" aria-hidden="true">
            –
          </span>
          <label htmlFor="queue-to" className="sr-only">
            To
          </label>
          <input
            id="queue-to"
            name="to"
            type="date"
            defaultValue={view.to}
            className={`${CONTROL} w-[8.25rem]`}
          />
        </fieldset>
        <div>
          <label htmlFor="queue-min-score" className={CONTROL_LABEL}>
            Min score %
          </label>
          <input
            id="queue-min-score"
            name="min_score"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            placeholder="50"
            defaultValue={view.minScore}
            className={`${CONTROL} w-20 text-right tabular-nums`}
          />
        </div>
        <fieldset className="flex items-end gap-1.5">
          <legend className={CONTROL_LABEL}>Amount</legend>
          <label htmlFor="queue-min-amount" className="sr-only">
            Minimum amount
          </label>
          <input
            id="queue-min-amount"
            name="min_amount"
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            placeholder="min"
            defaultValue={view.minAmount}
            className={`${CONTROL} w-20 text-right tabular-nums`}
          />
          <span className="pb-1.5 text-sm text-gray-400" aria-hidden="true">
            –
          </span>
          <label htmlFor="queue-max-amount" className="sr-only">
            Maximum amount
          </label>
          <input
            id="queue-max-amount"
            name="max_amount"
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            placeholder="max"
            defaultValue={view.maxAmount}
            className={`${CONTROL} w-20 text-right tabular-nums`}
          />
        </fieldset>
        <div>
          <label htmlFor="queue-channel" className={CONTROL_LABEL}>
            Channel
          </label>
          <select
            id="queue-channel"
            name="channel"
            defaultValue={view.channel ?? ''}
            className={`${CONTROL} w-28`}
          >
            <option value="">Any</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <CountryFilter name="card_country" label="Card country" example="FR" value={view.cardCountry} />
        <CountryFilter
          name="merchant_country"
          label="Merchant country"
          example="DE"
          value={view.merchantCountry}
        />
        <div>
          <label htmlFor="queue-mcc" className={CONTROL_LABEL}>
            MCC
          </label>
          <input
            id="queue-mcc"
            name="mcc"
            inputMode="numeric"
            maxLength={4}
            pattern="[0-9]{4}"
            title="Four-digit merchant category code, e.g. 5411"
            placeholder="5411"
            autoComplete="off"
            defaultValue={view.mcc}
            list="queue-mcc-options"
            className={`${CONTROL} w-20 tabular-nums`}
          />
          <datalist id="queue-mcc-options">
            {MCC_OPTIONS.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </datalist>
        </div>
        <div className="flex items-center gap-2">
          <button type="submit" className={BUTTON_DARK}>
            Apply
          </button>
          {hasFilters(view) ? (
            <Link href={queueHref(clearFilters(view))} className={BUTTON_SECONDARY}>
              Clear filters
            </Link>
          ) : null}
        </div>
      </div>
    </form>
  );
}

/** A two-letter country code filter (card or merchant side). */
function CountryFilter(props: { name: string; label: string; example: string; value: string | undefined }) {
  const id = `queue-${props.name.replace('_', '-')}`;
  return (
    <div>
      <label htmlFor={id} className={CONTROL_LABEL}>
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        maxLength={2}
        pattern="[A-Za-z]{2}"
        title={`Two-letter country code, e.g. ${props.example}`}
        placeholder={props.example}
        autoComplete="off"
        defaultValue={props.value}
        className={`${CONTROL} w-[4.5rem] uppercase`}
      />
    </div>
  );
}
