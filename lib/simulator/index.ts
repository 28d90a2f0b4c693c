// The simulator's programmatic entry point: one generator of daily transaction batches for either
// profile, used by the CLI writer, the tests and the demo bootstrap.
import type { SimulatedDay } from './day';
import { simulateHandbook } from './handbook';
import { checkOptions, type SimulateOptions } from './options';
import { simulateRealistic } from './realistic/generate';

export type { SimulatedDay } from './day';
export * from './options';

/**
 * Yields one batch per simulated day, in calendar order, each sorted by timestamp. Throws on invalid
 * options (call `checkOptions` first for friendly messages). Deterministic for the same options.
 */
export function simulate(options: SimulateOptions): Generator<SimulatedDay> {
  const checked = checkOptions(options);
  if (!checked.ok) throw new Error(`invalid simulation options: ${checked.errors.join('; ')}`);
  return checked.options.profile === 'handbook'
    ? simulateHandbook(checked.options)
    : simulateRealistic(checked.options);
}
