// Where a signed-in user lands when their role does not include a page: says which permission was
// missing and where they can go instead.
import type { Metadata } from 'next';
import Link from 'next/link';

import { PERMISSIONS, ROLE_LABELS, type Permission } from '@/lib/auth/roles';
import { currentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'No access' };

export default async function ForbiddenPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { need } = await searchParams;
  const user = await currentUser();
  const permission = typeof need === 'string' && need in PERMISSIONS ? (need as Permission) : null;
  return (
    <main className="mx-auto max-w-xl px-6 pb-16 pt-16">
      <h1 className="text-2xl font-semibold tracking-tight text-gray-900">
        You don’t have access to that page
      </h1>
      <p className="mt-3 text-sm leading-6 text-gray-600">
        {permission
          ? `It needs the ${ROLE_LABELS[PERMISSIONS[permission]]} role or higher`
          : 'Your role does not include it'}
        {user ? `; you are signed in as ${user.name} (${ROLE_LABELS[user.role]}).` : '.'} Ask an admin to add
        you to the right group if you need it.
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-blue-700 hover:underline">
        Back to the start page
      </Link>
    </main>
  );
}
