// One headline number of the lake summary. The card is a labelled group, so assistive technology (and
// the e2e tests) find each value by its label rather than by position.
export function LakeKpiCard({
  id,
  label,
  value,
  detail,
}: {
  id: string;
  label: string;
  value: string;
  detail: string;
}) {
  const labelId = `lake-kpi-${id}`;
  return (
    <div
      role="group"
      aria-labelledby={labelId}
      className="rounded-xl border border-gray-200 bg-white px-5 py-4 shadow-sm"
    >
      <p id={labelId} className="text-sm font-medium text-gray-500">
        {label}
      </p>
      <p className="mt-1.5 text-[28px] font-semibold leading-9 tracking-tight text-gray-900 tabular-nums">
        {value}
      </p>
      <p className="mt-1 truncate text-[13px] text-gray-500" title={detail}>
        {detail}
      </p>
    </div>
  );
}
