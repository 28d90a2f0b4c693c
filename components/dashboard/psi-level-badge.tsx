// A PSI verdict as a small coloured badge: stable, moderate shift, shifted.
import { psiLevel, type PsiLevel } from '@/lib/analytics/psi';

export const LEVEL_TEXT: Record<PsiLevel, string> = {
  stable: 'Stable',
  moderate: 'Moderate shift',
  shifted: 'Shifted',
};

const LEVEL_STYLE: Record<PsiLevel, string> = {
  stable: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  moderate: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  shifted: 'bg-red-50 text-red-800 ring-red-600/30',
};

export function PsiLevelBadge({ psi }: { psi: number | null }) {
  if (psi === null) return <span className="text-gray-400">no data</span>;
  const level = psiLevel(psi);
  return (
    <span
      className={`inline-flex rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${LEVEL_STYLE[level]}`}
    >
      {LEVEL_TEXT[level]}
    </span>
  );
}
