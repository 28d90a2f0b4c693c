'use client';

// The header's section links, with the section the user is in marked (aria-current and a darker
// tab), so after hours of switching between the queue and items it is clear where one is. A client
// component because the root layout, which renders the header, does not re-render on navigation.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

import type { NavItem } from '@/components/app-shell/nav-items';

/** The nav item a path belongs to: the longest matching href (item pages belong to the queue). */
function currentHref(pathname: string, items: readonly Pick<NavItem, 'href'>[]): string | null {
  const path = pathname.startsWith('/transactions/') ? '/queue' : pathname;
  let best: string | null = null;
  for (const { href } of items) {
    const matches = href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
    if (matches && (best === null || href.length > best.length)) best = href;
  }
  return best;
}

export function NavLinks({ items }: { items: readonly Pick<NavItem, 'href' | 'label'>[] }) {
  const pathname = usePathname();
  const current = currentHref(pathname, items);
  return (
    <nav aria-label="Sections" className="flex items-center gap-1">
      {items.map((item) => {
        const active = item.href === current;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-2.5 py-1.5 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600 ${
              active ? 'bg-gray-100 text-gray-900' : 'text-gray-600 hover:bg-gray-100 hover:text-gray-900'
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
