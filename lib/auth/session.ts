// The signed-in user on the server, and the checks every page, route handler and server action runs
// itself (the proxy's redirect is a convenience, never the only guard).
import 'server-only';

import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';

import { authOptions } from './options';
import { can, highestRole, type Permission, type Role } from './roles';

export interface SessionUser {
  id: string;
  name: string;
  email: string | null;
  roles: Role[];
  /** The highest role, for display. */
  role: Role;
  provider: 'cognito' | 'local';
  /** The name decisions and audit events are recorded under. */
  actor: string;
}

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** The signed-in user, or null (also null for a signed-in identity holding none of our roles). */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id) return null;
  const role = highestRole(user.roles);
  if (role === null) return null;
  const actor =
    user.provider === 'local' ? `${user.id.replace(/^local:/, '')} (local)` : (user.email ?? user.name);
  return { ...user, role, actor: actor.slice(0, 128) };
}

/**
 * For pages: the user when they may `permission`; otherwise a redirect to sign-in (signed out) or to
 * the access-denied page (signed in without the role). `path` is where to come back after sign-in.
 */
export async function requirePage(permission: Permission, path: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (!can(user.roles, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return user;
}

/** For route handlers and server actions: the user, or an AuthError (401 signed out, 403 no role). */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AuthError(401, 'Your session has ended. Sign in again.');
  if (!can(user.roles, permission)) throw new AuthError(403, 'Your role does not allow this.');
  return user;
}
