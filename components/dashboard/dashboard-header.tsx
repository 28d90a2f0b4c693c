// The top of every risk page: eyebrow, title, one line on what the page answers, and the view tabs.
import type { ReactNode } from 'react';

import { DashboardTabs, type DashboardSection } from './dashboard-tabs';

export function DashboardHeader({
  section,
  title,
  description,
  query,
  aside,
}: {
  section: DashboardSection;
  title: string;
  description: string;
  /** The range parameters to carry between views. */
  query: string;
  aside?: ReactNode;
}) {
  return (
    <header>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-3xl">
          <p className="text-sm font-medium text-blue-600">Risk management</p>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight text-gray-900">{title}</h1>
          <p className="mt-2 text-base leading-7 text-gray-600">{description}</p>
        </div>
        {aside}
      </div>
      <div className="mt-6">
        <DashboardTabs current={section} query={query} />
      </div>
    </header>
  );
}
