// The header's right side: who is signed in, with which role, and sign-out; a sign-in link otherwise.
import Link from 'next/link';

import { SignOutButton } from '@/components/app-shell/sign-out-button';
import { ROLE_LABELS } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';

export function UserMenu({ user }: { user: SessionUser | null }) {
  if (!user) {
    return (
      <Link
        href="/signin"
        className="inline-flex h-8 items-center rounded-md bg-gray-900 px-3 text-sm font-medium text-white hover:bg-gray-700"
      >
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-3">
      <div className="text-right leading-tight">
        <p className="text-sm font-medium text-gray-900">{user.name}</p>
        <p className="text-xs text-gray-500">
          {ROLE_LABELS[user.role]}
          {user.provider === 'local' ? ' · local demo' : ''}
        </p>
      </div>
      <SignOutButton />
    </div>
  );
}
