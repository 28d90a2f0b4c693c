// A titled card that frames one chart as a figure, so the chart has an accessible name and caption.
import type { ReactNode } from 'react';

export function LakeChartCard({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  const titleId = `lake-chart-${id}`;
  return (
    <figure aria-labelledby={titleId} className="rounded-xl border border-gray-200 bg-white p-5 shadow-sm">
      <figcaption>
        <h3 id={titleId} className="text-sm font-semibold text-gray-900">
          {title}
        </h3>
        <p className="mt-0.5 text-[13px] text-gray-500">{description}</p>
      </figcaption>
      {children}
    </figure>
  );
}
