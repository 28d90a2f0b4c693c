// What this app puts into next-auth's user, session and JWT (see lib/auth/options.ts).
import 'next-auth';
import 'next-auth/jwt';

import type { Role } from './roles';

declare module 'next-auth' {
  interface User {
    roles: Role[];
    provider: 'cognito' | 'local';
  }
  interface Session {
    user: {
      id: string;
      name: string;
      email: string | null;
      roles: Role[];
      provider: 'cognito' | 'local';
    };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    roles?: Role[];
    provider?: 'cognito' | 'local';
  }
}
