// Says which two windows the drift figures compare, and why the reference is the one it is.
import type { DriftWindowChoice } from '@/lib/analytics/drift-windows';
import type { DayRange } from '@/lib/analytics/queries';
import { requestFormats } from '@/lib/format/request-locale';

export async function DriftWindowsNote({
  choice,
  training,
}: {
  choice: DriftWindowChoice;
  training: DayRange | null;
}) {
  const { formatLongDay } = await requestFormats();
  const span = (r: DayRange) => `${formatLongDay(r.from)} – ${formatLongDay(r.to)}`;
  return (
    <div className="grid grid-cols-1 gap-3 rounded-xl border border-gray-200 bg-white px-5 py-4 text-[13px] shadow-sm md:grid-cols-2">
      <div>
        <p className="font-medium text-gray-900">Reference window</p>
        <p className="mt-0.5 text-gray-600" data-testid="drift-reference">
          {choice.referenceSource === 'training' ? (
            <>
              The model’s training window, {span(choice.reference)} (from its manifest),{' '}
              {choice.referenceDays} days with data.
            </>
          ) : (
            <>
              The lake’s earliest {choice.referenceDays} days with data, {span(choice.reference)}
              {training
                ? ` — the lake does not hold the model’s training window (${span(training)}) before the recent week.`
                : '.'}{' '}
              A lake’s first days can have rolling windows that have not filled yet (e.g. 30-day counts),
              which shows as drift in those inputs.
            </>
          )}
        </p>
      </div>
      <div>
        <p className="font-medium text-gray-900">Recent window</p>
        <p className="mt-0.5 text-gray-600">
          The last {choice.recentDays} days with data up to the end of the range, {span(choice.recent)}.
        </p>
      </div>
    </div>
  );
}
