// How long an item has waited, coloured by its SLA band (thresholds in sla.ts). The band is
// also spelled out for screen readers and in the title, so colour is never the only signal.
import { formatAge, SLA_BAND_LABELS, type SlaBand } from '@/components/queue/sla';

const TONE: Record<SlaBand, string> = {
  normal: 'bg-gray-100 text-gray-700 ring-gray-500/20',
  warning: 'bg-amber-50 text-amber-800 ring-amber-600/30',
  breach: 'bg-red-50 text-red-700 ring-red-600/30',
};

export function SlaBadge({ ageMs, band, muted = false }: { ageMs: number; band: SlaBand; muted?: boolean }) {
  // Decided items show how long the decision took, without alarm colours: nothing is waiting any more.
  const tone = muted ? TONE.normal : TONE[band];
  return (
    <span
      title={muted ? 'Time from flag to decision' : SLA_BAND_LABELS[band]}
      className={`inline-flex items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium tabular-nums ring-1 ring-inset ${tone}`}
    >
      {formatAge(ageMs)}
      {muted ? null : <span className="sr-only"> ({SLA_BAND_LABELS[band]})</span>}
    </span>
  );
}
