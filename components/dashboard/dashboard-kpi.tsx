// One headline figure: a labelled group, so assistive technology (and the e2e tests) find each value by
// its label. `tone` marks a figure that needs attention.
export function DashboardKpi({
  id,
  label,
  value,
  detail,
  tone = 'default',
}: {
  id: string;
  label: string;
  value: string;
  detail?: string;
  tone?: 'default' | 'warning';
}) {
  const labelId = `kpi-${id}`;
  return (
    <div
      role="group"
      aria-labelledby={labelId}
      className={`min-w-0 rounded-lg px-4 py-3 ring-1 ring-inset ${tone === 'warning' ? 'bg-amber-50 ring-amber-300' : 'bg-gray-50 ring-gray-200'}`}
    >
      <p id={labelId} className="truncate text-[13px] font-medium text-gray-500">
        {label}
      </p>
      <p className="mt-1 text-2xl font-semibold tracking-tight text-gray-900 tabular-nums">{value}</p>
      {detail ? (
        <p className="mt-0.5 truncate text-xs text-gray-500" title={detail}>
          {detail}
        </p>
      ) : null}
    </div>
  );
}
