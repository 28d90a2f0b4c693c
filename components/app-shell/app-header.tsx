// The top bar on every page: product identity, the sections the user's role may open, and the account.
import Link from 'next/link';

import { BrandMark } from '@/components/app-shell/brand-mark';
import { NAV_ITEMS } from '@/components/app-shell/nav-items';
import { NavLinks } from '@/components/app-shell/nav-links';
import { ShortcutSheet } from '@/components/app-shell/shortcut-sheet';
import { UserMenu } from '@/components/app-shell/user-menu';
import { can } from '@/lib/auth/roles';
import { currentUser } from '@/lib/auth/session';

export async function AppHeader() {
  const user = await currentUser();
  const items = user ? NAV_ITEMS.filter((item) => can(user.roles, item.permission)) : [];
  return (
    <header className="sticky top-0 z-20 border-b border-gray-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-console items-center justify-between gap-6 px-6 lg:px-8">
        <div className="flex items-center gap-8">
          <Link
            href="/"
            className="flex items-center gap-2.5 rounded-md text-[15px] font-semibold tracking-tight text-gray-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-blue-600"
          >
            <BrandMark />
            Fraud Review Console
          </Link>
          {items.length > 0 && <NavLinks items={items.map(({ href, label }) => ({ href, label }))} />}
        </div>
        <div className="flex items-center gap-3">
          {user ? <ShortcutSheet /> : null}
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
