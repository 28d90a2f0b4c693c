// next-auth's options for the deployment: the Cognito (OIDC) provider with roles from the ID token's
// `cognito:groups`, or, only when Cognito is not configured, local sign-in for the demo users. Sessions
// are signed JWT cookies carrying the user's id, name and roles; nothing else about the user is stored.
import type { NextAuthOptions } from 'next-auth';
import CognitoProvider from 'next-auth/providers/cognito';
import CredentialsProvider from 'next-auth/providers/credentials';

import { authConfigFromEnv, type AuthConfig } from './config';
import { verifyLocalUser } from './local-users';
import { isRole, rolesFromGroups, type Role } from './roles';
import { authSecret } from './secret';

/** Eight hours: one analyst shift. */
const SESSION_SECONDS = 8 * 60 * 60;

function providers(config: AuthConfig): NextAuthOptions['providers'] {
  if (config.mode === 'cognito') {
    return [
      CognitoProvider({
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        issuer: config.issuer,
        checks: ['pkce', 'state', 'nonce'],
        profile(profile: Record<string, unknown>) {
          return {
            id: String(profile.sub),
            name: String(profile.name ?? profile['cognito:username'] ?? profile.email ?? profile.sub),
            email: typeof profile.email === 'string' ? profile.email : null,
            roles: rolesFromGroups(profile['cognito:groups']),
            provider: 'cognito' as const,
          };
        },
      }),
    ];
  }
  const usersFile = config.usersFile;
  return [
    CredentialsProvider({
      id: 'local',
      name: 'Local demo sign-in',
      credentials: {
        username: { label: 'Username', type: 'text' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials) {
        if (!credentials?.username || !credentials.password) return null;
        const user = await verifyLocalUser(usersFile, credentials.username, credentials.password);
        if (!user) return null;
        return {
          id: `local:${user.username}`,
          name: user.name,
          email: null,
          roles: [user.role],
          provider: 'local' as const,
        };
      },
    }),
  ];
}

export function buildAuthOptions(config: AuthConfig = authConfigFromEnv()): NextAuthOptions {
  return {
    providers: providers(config),
    secret: authSecret(config),
    session: { strategy: 'jwt', maxAge: SESSION_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      signIn({ user }) {
        // An identity holding none of the console's roles (a Cognito user outside the analyst, manager and
        // admin groups) gets no session: next-auth sends it to /signin?error=AccessDenied, which says so.
        // Otherwise every page would send the role-less session back to sign-in, in an endless loop.
        return Array.isArray(user.roles) && user.roles.some(isRole);
      },
      jwt({ token, user }) {
        // `user` is present only on sign-in: copy what the session needs into the token once.
        if (user) {
          token.roles = user.roles;
          token.provider = user.provider;
        }
        return token;
      },
      session({ session, token }) {
        const roles: Role[] = Array.isArray(token.roles) ? token.roles.filter(isRole) : [];
        session.user = {
          id: token.sub ?? '',
          name: token.name ?? token.sub ?? 'unknown',
          email: token.email ?? null,
          roles,
          provider: token.provider === 'cognito' ? 'cognito' : 'local',
        };
        return session;
      },
    },
  };
}

let options: NextAuthOptions | null = null;

/** The process's options, built on first use (the environment does not change while it runs). */
export function authOptions(): NextAuthOptions {
  options ??= buildAuthOptions();
  return options;
}
