// Shared pieces of the zod schemas that read settings from the environment: every module that turns
// FRAUD_* variables into settings (files, store, auth, analytics, alerts, scoring) treats a blank value
// as unset and reports problems in one format.
import { z } from 'zod';

/** A trimmed string; blank counts as unset (shells and container definitions often pass ""). */
export const optionalEnv = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** `name: message; name: message` for an error thrown at start-up. */
export const envIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
