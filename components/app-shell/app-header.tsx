// The top bar on every page: product identity on the left, the account entry point on the right.
import Link from 'next/link';

import { BrandMark } from '@/components/app-shell/brand-mark';
import { SignInEntry } from '@/components/app-shell/sign-in-entry';

export function AppHeader() {
  return (
    <header className="sticky top-0 z-20 border-b border-gray-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-console items-center justify-between px-6 lg:px-8">
        <Link
          href="/"
          className="flex items-center gap-2.5 rounded-md text-[15px] font-semibold tracking-tight text-gray-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-blue-600"
        >
          <BrandMark />
          Fraud Review Console
        </Link>
        <SignInEntry />
      </div>
    </header>
  );
}
