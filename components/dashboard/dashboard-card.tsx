// One widget of the risk pages: a titled figure (so a chart has an accessible name and caption), an
// optional note beside the title, and the body.
import type { ReactNode } from 'react';

export function DashboardCard({
  id,
  title,
  description,
  aside,
  children,
  className = '',
}: {
  id: string;
  title: string;
  description?: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const titleId = `widget-${id}`;
  return (
    <figure
      aria-labelledby={titleId}
      className={`min-w-0 rounded-xl border border-gray-200 bg-white p-5 shadow-sm ${className}`}
    >
      <figcaption className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <div className="min-w-0">
          <h2 id={titleId} className="text-sm font-semibold text-gray-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-[13px] text-gray-500">{description}</p> : null}
        </div>
        {aside ? <div className="shrink-0 text-[13px] text-gray-500">{aside}</div> : null}
      </figcaption>
      {children}
    </figure>
  );
}
