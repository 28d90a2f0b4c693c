// The outcome of a form's server action: a green confirmation, or a red alert with an optional action
// (e.g. "Reload" for a stale form). Announced to assistive technology when it appears.
import type { ReactNode } from 'react';

export function FormMessage({
  tone,
  children,
  action,
}: {
  tone: 'success' | 'error';
  children: ReactNode;
  action?: ReactNode;
}) {
  const styles =
    tone === 'success'
      ? 'bg-emerald-50 text-emerald-800 ring-emerald-600/20'
      : 'bg-red-50 text-red-800 ring-red-600/20';
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-md px-3 py-2 text-[13px] ring-1 ring-inset ${styles}`}
    >
      <p>{children}</p>
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
