'use client';

// A rescoring's outcome next to the stored one: both scores against the threshold, what was edited,
// and the attribution diff (old vs new contribution per feature, biggest change first), with the new
// waterfall one click away.
import { useFormats } from '@/components/app-shell/locale-provider';
import { AttributionDiffTable } from '@/components/transaction/attribution-diff-table';
import { AttributionWaterfall } from '@/components/transaction/attribution-waterfall';
import { CHANNEL_SHORT } from '@/components/transaction/channel-label';
import type { Formats } from '@/lib/format/formats';
import { mccName } from '@/lib/review/mcc-categories';
import type { EditableField } from '@/lib/review/rescore-edits';
import type { RescoreResult } from '@/lib/review/rescore-item';
import type { Channel } from '@/lib/schema/transaction';

const FIELD_LABELS: Record<EditableField, string> = {
  amount: 'Amount',
  timestamp: 'Time',
  mcc: 'Category',
  merchant_country: 'Merchant country',
  card_country: 'Card country',
  channel: 'Channel',
};

function show(
  field: EditableField,
  value: string | number,
  currency: string,
  formatMoney: Formats['formatMoney'],
): string {
  if (field === 'amount' && typeof value === 'number') return formatMoney(value, currency);
  if (field === 'timestamp') return `${String(value).slice(0, 10)} ${String(value).slice(11, 19)} UTC`;
  if (field === 'mcc') return `${mccName(String(value))} (${value})`;
  if (field === 'channel') return CHANNEL_SHORT[value as Channel] ?? String(value);
  return String(value);
}

function ScoreCard({
  label,
  score,
  threshold,
  emphasis,
}: {
  label: string;
  score: number;
  threshold: number;
  emphasis?: boolean;
}) {
  const { formatScore } = useFormats();
  const above = score >= threshold;
  return (
    <div
      role="group"
      aria-label={`${label} score`}
      className={`rounded-lg px-4 py-3 ring-1 ring-inset ${emphasis ? 'bg-white ring-gray-300' : 'bg-gray-50 ring-gray-200'}`}
    >
      <p className="text-xs font-medium text-gray-500">{label}</p>
      <p
        className={`mt-0.5 text-2xl font-semibold tabular-nums ${above ? 'text-rose-600' : 'text-gray-900'}`}
      >
        {formatScore(score)}
      </p>
      <p className="text-xs text-gray-500">
        {above ? 'At or above the threshold: flagged' : 'Below the threshold: not flagged'}
      </p>
    </div>
  );
}

export function RescoreResultView({ result, storedScore }: { result: RescoreResult; storedScore: number }) {
  const { formatMoney } = useFormats();
  const changes = Object.entries(result.changes) as [
    EditableField,
    { from: string | number; to: string | number },
  ][];
  const delta = (result.after.score - storedScore) * 100;
  return (
    <section aria-label="Rescoring result" className="space-y-4">
      <div className="grid grid-cols-1 items-start gap-x-8 gap-y-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="grid grid-cols-1 items-stretch gap-3 sm:grid-cols-[1fr_auto_1fr]">
          <ScoreCard label="Stored" score={storedScore} threshold={result.threshold} />
          <div className="flex items-center justify-center text-center text-sm text-gray-600">
            <p>
              <span aria-hidden="true" className="block text-lg text-gray-400">
                →
              </span>
              <span className="tabular-nums font-medium text-gray-900">
                {delta >= 0 ? '+' : '−'}
                {Math.abs(delta).toFixed(Math.abs(delta) < 1 ? 2 : 1)} pts
              </span>
            </p>
          </div>
          <ScoreCard label="Rescored" score={result.after.score} threshold={result.threshold} emphasis />
        </div>

        <div className="text-[13px] text-gray-700">
          <p className="font-medium text-gray-900">Edits</p>
          {changes.length === 0 ? (
            <p className="text-gray-600">None: the stored transaction, rescored from its stored history.</p>
          ) : (
            <ul className="mt-0.5 list-inside list-disc text-gray-700">
              {changes.map(([field, c]) => (
                <li key={field}>
                  {FIELD_LABELS[field]}: {show(field, c.from, result.tx.currency, formatMoney)} →{' '}
                  <strong className="font-semibold">
                    {show(field, c.to, result.tx.currency, formatMoney)}
                  </strong>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      {!result.sameModel ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-900 ring-1 ring-inset ring-amber-600/20">
          The item was scored by model <code>{result.before.modelVersion}</code>; the served model is{' '}
          <code>{result.after.modelVersion}</code>. The new score includes the model change, and no
          per-feature diff is shown.
        </p>
      ) : null}

      {result.diff ? <AttributionDiffTable diff={result.diff} /> : null}

      <details className="border-t border-gray-100 pt-3">
        <summary className="cursor-pointer select-none text-[13px] font-medium text-blue-600 hover:text-blue-700">
          Rescored attributions as a waterfall
        </summary>
        <div className="mt-3">
          <AttributionWaterfall
            rows={result.rows}
            bias={result.after.bias}
            threshold={result.threshold}
            score={result.after.score}
            label="Contributions to the rescored score"
          />
        </div>
      </details>
    </section>
  );
}
