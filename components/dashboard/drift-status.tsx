// The drift verdict at the top of the page: a visible warning naming the score and every input whose
// PSI is above 0.2, or a calm line saying nothing has moved that far.
import type { ColumnDrift } from '@/lib/analytics/drift';
import { PSI_WARNING } from '@/lib/analytics/psi';
import { requestFormats } from '@/lib/format/request-locale';

import type { Settled } from './settled';
import { WidgetError } from './widget-error';

export async function DriftStatus({ drift }: { drift: Promise<Settled<ColumnDrift[]>> }) {
  const { formatCell } = await requestFormats();
  const result = await drift;
  if (!result.ok)
    return (
      <WidgetError
        id="drift-status"
        title="Drift"
        what="the population stability indexes from the lake"
        failure={result}
      />
    );
  const shifted = result.value
    .filter((d) => d.psi !== null && d.psi > PSI_WARNING)
    .sort((a, b) => b.psi! - a.psi!);
  const score = result.value.find((d) => d.column === 'score');
  if (shifted.length === 0)
    return (
      <p
        role="status"
        className="rounded-xl bg-emerald-50 px-5 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-600/20"
      >
        No drift above PSI {PSI_WARNING}: the score (PSI {formatCell(score?.psi, 'psi')}) and every model
        input are distributed about as in the reference window.
      </p>
    );
  const scoreShifted = shifted.some((d) => d.column === 'score');
  const features = shifted.filter((d) => d.column !== 'score');
  return (
    <div
      role="alert"
      className="rounded-xl border border-amber-300 bg-amber-50 px-5 py-4 text-sm text-amber-950"
    >
      <p className="font-semibold">
        Drift warning: {scoreShifted ? `the score (PSI ${formatCell(score?.psi, 'psi')})` : ''}
        {scoreShifted && features.length > 0 ? ' and ' : ''}
        {features.length > 0 ? `${features.length} model input${features.length === 1 ? '' : 's'}` : ''} moved
        beyond PSI {PSI_WARNING}.
      </p>
      {features.length > 0 ? (
        <p className="mt-1">
          {features
            .slice(0, 8)
            .map((d) => `${d.column} (${formatCell(d.psi, 'psi')})`)
            .join(', ')}
          {features.length > 8 ? ` and ${features.length - 8} more` : ''}.
        </p>
      ) : null}
      <p className="mt-1 text-[13px] text-amber-900">
        Traffic no longer looks like the reference window: check the inputs below before trusting the
        threshold’s trade-offs, and consider retraining.
      </p>
    </div>
  );
}
