// The risk pages' own navigation: overview, threshold what-if, drift. Each link keeps the chosen day
// range, so moving between views compares the same days.
import Link from 'next/link';

export type DashboardSection = 'overview' | 'threshold' | 'drift';

const SECTIONS: readonly { key: DashboardSection; href: string; label: string }[] = [
  { key: 'overview', href: '/dashboard', label: 'Overview' },
  { key: 'threshold', href: '/dashboard/threshold', label: 'Threshold what-if' },
  { key: 'drift', href: '/dashboard/drift', label: 'Drift and model health' },
];

export function DashboardTabs({ current, query }: { current: DashboardSection; query: string }) {
  return (
    <nav aria-label="Risk views" className="border-b border-gray-200">
      <ul className="-mb-px flex flex-wrap gap-x-6">
        {SECTIONS.map((s) => {
          const active = s.key === current;
          return (
            <li key={s.key}>
              <Link
                href={query ? `${s.href}?${query}` : s.href}
                aria-current={active ? 'page' : undefined}
                className={`inline-flex h-10 items-center border-b-2 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600 ${
                  active
                    ? 'border-blue-600 text-blue-700'
                    : 'border-transparent text-gray-500 hover:border-gray-300 hover:text-gray-800'
                }`}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
