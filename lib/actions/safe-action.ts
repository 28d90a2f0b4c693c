// The one wrapper every server action goes through: a server action is a public POST endpoint, so it
// re-checks the session and the role, validates its input with zod, and returns a typed result for
// useActionState instead of throwing (field errors for the form, a message for everything else).
import 'server-only';

import type { z } from 'zod';

import type { Permission } from '@/lib/auth/roles';
import { AuthError, requirePermission, type SessionUser } from '@/lib/auth/session';

export type ActionFailureCode =
  'unauthenticated' | 'forbidden' | 'invalid' | 'conflict' | 'not_found' | 'error';

export type ActionResult<T> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ActionFailureCode; error: string; fieldErrors?: Record<string, string[]> };

/** What useActionState holds: nothing before the first submit. */
export type ActionState<T> = ActionResult<T> | null;

/** FormData as a plain object; keys that repeat (checkbox lists) become arrays. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = values.length > 1 || key.endsWith('[]') ? values : values[0];
  }
  return out;
}

export const fail = (code: ActionFailureCode, error: string): ActionResult<never> => ({
  ok: false,
  code,
  error,
});

export function defineAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  run: (input: z.infer<S>, user: SessionUser) => Promise<ActionResult<T>>,
): (previous: ActionState<T>, input: FormData | Record<string, unknown>) => Promise<ActionResult<T>> {
  return async (_previous, input) => {
    let user: SessionUser;
    try {
      user = await requirePermission(permission);
    } catch (error) {
      if (error instanceof AuthError)
        return fail(error.status === 401 ? 'unauthenticated' : 'forbidden', error.message);
      throw error;
    }
    const parsed = schema.safeParse(input instanceof FormData ? formToObject(input) : input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join('.') || '_';
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, code: 'invalid', error: 'Some fields need attention.', fieldErrors };
    }
    return run(parsed.data, user);
  };
}
