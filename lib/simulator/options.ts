// What a simulation run is: profile, calendar window, population sizes and seed, with each profile's
// defaults and the checks that turn bad values into messages a person can act on.
import { z } from 'zod';

export const PROFILES = ['handbook', 'realistic'] as const;
export type Profile = (typeof PROFILES)[number];

export interface SimulateOptions {
  profile: Profile;
  /** First simulated day, `YYYY-MM-DD` (UTC). */
  start: string;
  days: number;
  customers: number;
  terminals: number;
  /** Any integer in [0, 2^32); the same options and seed always give the same transactions. */
  seed: number;
}

/** Fraud scenario names written to `fraud_scenario`, per profile. */
export const HANDBOOK_SCENARIOS = ['amount_over_220', 'compromised_terminal', 'compromised_card'] as const;
export const REALISTIC_SCENARIOS = [
  'compromised_terminal',
  'skimmed_card',
  'card_testing',
  'account_takeover',
  'compromised_card',
  'lost_stolen_card',
] as const;
export type FraudScenario = (typeof HANDBOOK_SCENARIOS)[number] | (typeof REALISTIC_SCENARIOS)[number];

const DAY_MS = 86_400_000;

/** The Handbook's own run (chapter 3): 5,000 customers, 10,000 terminals, 183 days from 2018-04-01. */
export const HANDBOOK_DEFAULTS = {
  start: '2018-04-01',
  days: 183,
  customers: 5000,
  terminals: 10_000,
  seed: 0,
} as const;

export const REALISTIC_DEFAULTS = {
  days: 90,
  customers: 5000,
  terminals: 2000,
  seed: 0,
} as const;

/** Limits that keep one run within minutes and one day's file within memory. */
export const LIMITS = {
  days: 3660,
  customers: 2_000_000,
  terminals: 1_000_000,
  realisticMinTerminals: 60,
} as const;

/** The realistic profile ends yesterday by default, so a fresh demo shows current data. */
export function defaultStart(profile: Profile, days: number, now: Date = new Date()): string {
  if (profile === 'handbook') return HANDBOOK_DEFAULTS.start;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - days * DAY_MS).toISOString().slice(0, 10);
}

export function defaultOptions(profile: Profile, now: Date = new Date()): SimulateOptions {
  const base = profile === 'handbook' ? HANDBOOK_DEFAULTS : REALISTIC_DEFAULTS;
  return {
    profile,
    start: defaultStart(profile, base.days, now),
    days: base.days,
    customers: base.customers,
    terminals: base.terminals,
    seed: base.seed,
  };
}

// One message per bad value: the first check that fails explains it.
const isoDay = z.string({ error: 'start must be a date written YYYY-MM-DD' }).superRefine((s, ctx) => {
  const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return fail('start must be a date written YYYY-MM-DD');
  const ms = Date.parse(`${s}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== s)
    return fail('start is not a real calendar date');
  if (s < '2000-01-01') fail('start must be 2000-01-01 or later');
});

const count = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max.toLocaleString('en-US')}`);

export const simulateOptionsSchema = z
  .object({
    profile: z.enum(PROFILES, { error: `profile must be one of ${PROFILES.join(', ')}` }),
    start: isoDay,
    days: count('days', 1, LIMITS.days),
    customers: count('customers', 1, LIMITS.customers),
    terminals: count('terminals', 1, LIMITS.terminals),
    seed: count('seed', 0, 2 ** 32 - 1),
  })
  .superRefine((o, ctx) => {
    if (o.profile === 'realistic' && o.terminals < LIMITS.realisticMinTerminals) {
      ctx.addIssue({
        code: 'custom',
        path: ['terminals'],
        message: `terminals must be at least ${LIMITS.realisticMinTerminals} for the realistic profile, so every kind of merchant has one`,
      });
    }
    const endMs = Date.parse(`${o.start}T00:00:00Z`) + o.days * DAY_MS;
    if (endMs > Date.UTC(2100, 0, 1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['days'],
        message: `days from ${o.start} would run past 2099-12-31`,
      });
    }
  });

/** Validates options, returning them or the list of problems (each message starts with the field name). */
export function checkOptions(
  o: SimulateOptions,
): { ok: true; options: SimulateOptions } | { ok: false; errors: string[] } {
  const r = simulateOptionsSchema.safeParse(o);
  if (r.success) return { ok: true, options: r.data };
  return { ok: false, errors: r.error.issues.map((i) => i.message) };
}

/** The UTC day `index` days after `start`, as `YYYY-MM-DD`. */
export function dayAfter(start: string, index: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + index * DAY_MS).toISOString().slice(0, 10);
}

export const startMs = (start: string): number => Date.parse(`${start}T00:00:00Z`);
export { DAY_MS };
