// The model's verdict at a glance: the score against the alert threshold on one meter, the model that
// produced it, the item's status and who holds it.
import { LocalTime } from '@/components/app-shell/local-time';
import { StatusBadge } from '@/components/transaction/status-badge';
import { requestFormats } from '@/lib/format/request-locale';
import type { ReviewStatus } from '@/lib/store/schema';

export async function ScoreSummary({
  score,
  threshold,
  modelVersion,
  status,
  assignee,
  claimExpiresAt,
  claimActive,
}: {
  score: number;
  threshold: number;
  modelVersion: string;
  status: ReviewStatus;
  assignee?: string;
  claimExpiresAt?: string;
  claimActive: boolean;
}) {
  const { formatRatio, formatScore } = await requestFormats();
  const above = score >= threshold;
  return (
    <div>
      <div className="flex items-end justify-between gap-4">
        <div>
          <p className="text-xs font-medium text-gray-500">Fraud score</p>
          <p
            className={`mt-0.5 text-[32px] font-semibold leading-9 tracking-tight tabular-nums ${above ? 'text-rose-600' : 'text-gray-900'}`}
          >
            {formatScore(score)}
          </p>
        </div>
        <div className="pb-1 text-right text-[13px] text-gray-600">
          <p>
            Threshold <span className="font-medium tabular-nums text-gray-900">{formatScore(threshold)}</span>
          </p>
          <p className="text-gray-500">
            {above ? `${formatRatio(score / threshold)} the threshold` : 'below the threshold'}
          </p>
        </div>
      </div>
      <div
        role="meter"
        aria-label="Fraud score"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(score * 1000) / 10}
        aria-valuetext={`${formatScore(score)}, threshold ${formatScore(threshold)}`}
        className="relative mt-3 h-2 rounded-full bg-gray-100"
      >
        <div
          className={`h-2 rounded-full ${above ? 'bg-rose-500' : 'bg-blue-500'}`}
          style={{ width: `${Math.max(score * 100, 0.8)}%` }}
        />
        <div
          className="absolute -top-1 h-4 w-0.5 rounded bg-gray-900"
          style={{ left: `${threshold * 100}%` }}
          title={`Threshold ${formatScore(threshold)}`}
        />
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
        <div>
          <dt className="text-xs font-medium text-gray-500">Status</dt>
          <dd className="mt-1">
            <StatusBadge status={status} />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-gray-500">Model version</dt>
          <dd className="mt-1 font-mono text-[13px] text-gray-900">{modelVersion}</dd>
        </div>
        <div className="col-span-2">
          <dt className="text-xs font-medium text-gray-500">Assignee</dt>
          <dd className="mt-0.5 text-gray-900">
            {assignee && claimActive && claimExpiresAt ? (
              <>
                {assignee}{' '}
                <span className="text-gray-500">
                  · claim until <LocalTime iso={claimExpiresAt} format="time" />
                </span>
              </>
            ) : assignee ? (
              <span className="text-gray-500">Unassigned ({assignee}&apos;s claim has lapsed)</span>
            ) : (
              <span className="text-gray-500">Unassigned</span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
