// The `handbook` profile: the transaction generator of Le Borgne et al., "Reproducible Machine
// Learning for Credit Card Fraud Detection — Practical Handbook", chapter 3, reproduced in
// distribution (same profiles, draws and three fraud scenarios), streamed one day at a time.
import {
  CHANNEL_CODE,
  entityId,
  materializeDay,
  RawDay,
  type DayCatalog,
  type SimulatedDay,
  type TerminalInfo,
} from './day';
import { dayAfter, HANDBOOK_SCENARIOS, type SimulateOptions } from './options';
import { Rng } from './random';

const GRID = 100;
/** A customer uses the terminals strictly closer than this (Euclidean, grid units). */
const RADIUS = 5;
const AMOUNT_FRAUD_CENTS = 220_00;
const TERMINALS_PER_DAY = 2;
const TERMINAL_WINDOW_DAYS = 28;
const CARDS_PER_DAY = 3;
const CARD_WINDOW_DAYS = 14;
/** Neutral constants for the fields the Handbook's data does not have. */
export const HANDBOOK_CONSTANTS = { mcc: '5999', currency: 'EUR', country: 'BE', channel: 'chip' } as const;

const SCENARIO = { amount: 1, terminal: 2, card: 3 } as const;

interface Population {
  meanAmount: Float64Array;
  rate: Float64Array;
  /** Terminal indices within RADIUS of each customer. */
  nearby: Int32Array[];
}

/** Customer and terminal profiles, drawn in the Handbook's order: customers first, then terminals. */
function buildPopulation(o: SimulateOptions): Population {
  const rng = new Rng(o.seed, 'handbook/world');
  const n = o.customers;
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const meanAmount = new Float64Array(n);
  const rate = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cx[i] = rng.uniform(0, GRID);
    cy[i] = rng.uniform(0, GRID);
    meanAmount[i] = rng.uniform(5, 100);
    rate[i] = rng.uniform(0, 4);
  }
  // Bucket terminals into RADIUS-sized cells so each customer checks 9 cells, not every terminal.
  const cells = Math.ceil(GRID / RADIUS);
  const buckets: number[][] = Array.from({ length: cells * cells }, () => []);
  const tx = new Float64Array(o.terminals);
  const ty = new Float64Array(o.terminals);
  const cellOf = (v: number) => Math.min(cells - 1, Math.floor(v / RADIUS));
  for (let j = 0; j < o.terminals; j++) {
    tx[j] = rng.uniform(0, GRID);
    ty[j] = rng.uniform(0, GRID);
    buckets[cellOf(ty[j]!) * cells + cellOf(tx[j]!)]!.push(j);
  }
  const nearby: Int32Array[] = new Array<Int32Array>(n);
  const found: number[] = [];
  for (let i = 0; i < n; i++) {
    found.length = 0;
    const gx = cellOf(cx[i]!);
    const gy = cellOf(cy[i]!);
    for (let y = Math.max(0, gy - 1); y <= Math.min(cells - 1, gy + 1); y++) {
      for (let x = Math.max(0, gx - 1); x <= Math.min(cells - 1, gx + 1); x++) {
        for (const j of buckets[y * cells + x]!) {
          const dx = tx[j]! - cx[i]!;
          const dy = ty[j]! - cy[i]!;
          if (dx * dx + dy * dy < RADIUS * RADIUS) found.push(j);
        }
      }
    }
    // Bucket order is spatial; sorting restores the Handbook's "terminal index" order.
    nearby[i] = Int32Array.from(found).sort();
  }
  return { meanAmount, rate, nearby };
}

function catalogFor(o: SimulateOptions): DayCatalog {
  const terminals: TerminalInfo[] = [];
  for (let j = 0; j < o.terminals; j++) {
    const id = entityId('T', j, o.terminals);
    terminals.push({
      id,
      merchantName: `Terminal ${id}`,
      mcc: HANDBOOK_CONSTANTS.mcc,
      country: HANDBOOK_CONSTANTS.country,
      currency: HANDBOOK_CONSTANTS.currency,
    });
  }
  return {
    cardIds: Array.from({ length: o.customers }, (_, i) => entityId('C', i, o.customers)),
    cardCountries: new Array<string>(o.customers).fill(HANDBOOK_CONSTANTS.country),
    terminals,
    scenarios: HANDBOOK_SCENARIOS,
  };
}

export function* simulateHandbook(o: SimulateOptions): Generator<SimulatedDay> {
  const pop = buildPopulation(o);
  const catalog = catalogFor(o);
  const traffic = new Rng(o.seed, 'handbook/traffic');
  const fraud = new Rng(o.seed, 'handbook/fraud');
  // Last day (inclusive) each terminal stays compromised; -1 = never.
  const terminalUntil = new Int32Array(o.terminals).fill(-1);
  // Open compromise windows per customer, as their last day; overlapping windows each draw (see docs).
  const cardWindows = new Map<number, number[]>();
  const raw = new RawDay();
  const chip = CHANNEL_CODE[HANDBOOK_CONSTANTS.channel];

  for (let d = 0; d < o.days; d++) {
    for (const j of fraud.sample(o.terminals, TERMINALS_PER_DAY)) {
      terminalUntil[j] = Math.max(terminalUntil[j]!, d + TERMINAL_WINDOW_DAYS - 1);
    }
    for (const i of fraud.sample(o.customers, CARDS_PER_DAY)) {
      const ends = cardWindows.get(i) ?? [];
      ends.push(d + CARD_WINDOW_DAYS - 1);
      cardWindows.set(i, ends);
    }
    const openWindows = new Map<number, number>();
    for (const [i, ends] of cardWindows) {
      const open = ends.filter((e) => e >= d);
      if (open.length === 0) cardWindows.delete(i);
      else {
        cardWindows.set(i, open);
        openWindows.set(i, open.length);
      }
    }

    raw.clear();
    for (let i = 0; i < o.customers; i++) {
      const near = pop.nearby[i]!;
      if (near.length === 0) continue;
      const n = traffic.poisson(pop.rate[i]!);
      const mean = pop.meanAmount[i]!;
      const windows = openWindows.get(i) ?? 0;
      for (let k = 0; k < n; k++) {
        // As in the Handbook: int() of the draw, and a draw outside the day drops the transaction.
        const sec = Math.trunc(traffic.gaussian(43_200, 20_000));
        if (sec <= 0 || sec >= 86_400) continue;
        let amount = traffic.gaussian(mean, mean / 2);
        if (amount < 0) amount = traffic.uniform(0, 2 * mean);
        let cents = Math.round(amount * 100);
        const terminal = near[traffic.int(near.length)]!;
        // Later scenarios override earlier ones, as the Handbook applies them in order.
        let scenario = 0;
        if (cents > AMOUNT_FRAUD_CENTS) scenario = SCENARIO.amount;
        if (terminalUntil[terminal]! >= d) scenario = SCENARIO.terminal;
        for (let w = 0; w < windows; w++) {
          if (fraud.float() < 1 / 3) {
            cents *= 5;
            scenario = SCENARIO.card;
          }
        }
        raw.push(sec, i, terminal, cents, chip, scenario);
      }
    }
    yield materializeDay(dayAfter(o.start, d), raw, catalog);
  }
}
