// A review item's status as a coloured pill; the words carry the meaning, the colour only repeats it.
import type { ReviewStatus } from '@/lib/store/schema';

const STYLES: Record<ReviewStatus, { label: string; className: string }> = {
  open: { label: 'Open', className: 'bg-blue-50 text-blue-700 ring-blue-600/20' },
  escalated: { label: 'Escalated', className: 'bg-amber-50 text-amber-800 ring-amber-600/20' },
  fraud: { label: 'Fraud', className: 'bg-rose-50 text-rose-700 ring-rose-600/20' },
  legitimate: { label: 'Legitimate', className: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20' },
};

export function StatusBadge({ status }: { status: ReviewStatus }) {
  const style = STYLES[status];
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
    >
      {style.label}
    </span>
  );
}
