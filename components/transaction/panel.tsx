// A titled section of the transaction page: a white card whose heading names the region, so assistive
// technology (and the e2e tests) can find each panel by its title.
import type { ReactNode } from 'react';

export function Panel({
  id,
  title,
  description,
  actions,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `panel-${id}`;
  return (
    <section
      aria-labelledby={headingId}
      // Off-screen panels are laid out and painted only when scrolled to, so the next item's page shows
      // sooner; the browser remembers each panel's last size, so scrolling does not jump.
      className="rounded-xl border border-gray-200 bg-white shadow-sm [contain-intrinsic-size:auto_320px] [content-visibility:auto]"
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-gray-100 px-5 py-3.5">
        <div className="min-w-0">
          <h2 id={headingId} className="text-sm font-semibold text-gray-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-[13px] text-gray-500">{description}</p> : null}
        </div>
        {actions ? <div className="shrink-0">{actions}</div> : null}
      </div>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
