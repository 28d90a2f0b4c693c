// Turns one simulated day's raw draws (indices, seconds, cents) into canonical transaction records:
// sorted by time, given run-unique ids and ISO timestamps. Shared by both profiles so their output
// has exactly the same shape.
import { CHANNELS, type Channel, type Transaction } from '@/lib/schema/transaction';

/** Channel codes stored in `RawDay.channel`. */
export const CHANNEL_CODE = Object.fromEntries(CHANNELS.map((c, i) => [c, i])) as Record<Channel, number>;

/**
 * One day's generated transactions before they are dressed as records, stored as columns: a day
 * holds tens of thousands of rows and per-row objects would cost more in GC than the simulation.
 */
export class RawDay {
  length = 0;
  /** Second of the UTC day, 0..86399. */
  sec = new Int32Array(1024);
  card = new Int32Array(1024);
  terminal = new Int32Array(1024);
  /** Amount in cents of the merchant's currency; integers keep ×5 and rounding exact. */
  cents = new Int32Array(1024);
  /** `CHANNEL_CODE` of the entry mode. */
  channel = new Uint8Array(1024);
  /** 0 = legitimate, otherwise 1 + index into `DayCatalog.scenarios`. */
  scenario = new Uint8Array(1024);

  /** Empties the day for reuse; the columns keep their capacity. */
  clear(): void {
    this.length = 0;
  }

  push(sec: number, card: number, terminal: number, cents: number, channel: number, scenario: number): void {
    if (this.length === this.sec.length) this.grow();
    const k = this.length++;
    this.sec[k] = sec;
    this.card[k] = card;
    this.terminal[k] = terminal;
    this.cents[k] = cents;
    this.channel[k] = channel;
    this.scenario[k] = scenario;
  }

  private grow(): void {
    const size = this.sec.length * 2;
    const widen = <A extends Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.sec = widen(this.sec, (n) => new Int32Array(n));
    this.card = widen(this.card, (n) => new Int32Array(n));
    this.terminal = widen(this.terminal, (n) => new Int32Array(n));
    this.cents = widen(this.cents, (n) => new Int32Array(n));
    this.channel = widen(this.channel, (n) => new Uint8Array(n));
    this.scenario = widen(this.scenario, (n) => new Uint8Array(n));
  }
}

export interface TerminalInfo {
  id: string;
  merchantName: string;
  mcc: string;
  country: string;
  currency: string;
}

export interface DayCatalog {
  cardIds: readonly string[];
  cardCountries: readonly string[];
  terminals: readonly TerminalInfo[];
  scenarios: readonly string[];
}

export interface SimulatedDay {
  /** `YYYY-MM-DD`, the UTC day every transaction of the batch falls on. */
  day: string;
  transactions: Transaction[];
}

/** `C00042`-style ids: a letter and at least five digits, wider when the population needs it. */
export function entityId(prefix: string, index: number, population: number): string {
  const width = Math.max(5, String(Math.max(0, population - 1)).length);
  return prefix + String(index).padStart(width, '0');
}

const SECONDS_PER_DAY = 86_400;
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
let clock: string[] | undefined;
/** `HH:mm:ss.000Z` for every second of a day: the tail of `toISOString()`, built once per process. */
function timeOfDay(): string[] {
  if (!clock) {
    clock = new Array<string>(SECONDS_PER_DAY);
    for (let s = 0; s < SECONDS_PER_DAY; s++) {
      clock[s] = `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.000Z`;
    }
  }
  return clock;
}

const sequence: string[] = [];
/** Zero-padded 7-digit sequence numbers, cached because every day reuses the same ones. */
function seq(i: number): string {
  while (sequence.length <= i) sequence.push(String(sequence.length).padStart(7, '0'));
  return sequence[i]!;
}

/** Row order by second, stable (ties keep generation order): a counting sort, O(rows). */
function orderBySecond(raw: RawDay): Int32Array {
  const starts = new Int32Array(SECONDS_PER_DAY + 1);
  for (let k = 0; k < raw.length; k++) starts[raw.sec[k]! + 1]!++;
  for (let s = 0; s < SECONDS_PER_DAY; s++) starts[s + 1]! += starts[s]!;
  const order = new Int32Array(raw.length);
  for (let k = 0; k < raw.length; k++) order[starts[raw.sec[k]!]!++] = k;
  return order;
}

export function materializeDay(day: string, raw: RawDay, catalog: DayCatalog): SimulatedDay {
  const order = orderBySecond(raw);
  const clockTail = timeOfDay();
  const idPrefix = `t${day.slice(0, 4)}${day.slice(5, 7)}${day.slice(8, 10)}`;
  const datePrefix = `${day}T`;
  const out = new Array<Transaction>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const k = order[i]!;
    const sec = raw.sec[k]!;
    if (!(sec >= 0 && sec < SECONDS_PER_DAY)) throw new Error(`second ${sec} is outside the day`);
    const card = raw.card[k]!;
    const term = catalog.terminals[raw.terminal[k]!]!;
    const scenario = raw.scenario[k]!;
    out[i] = {
      transaction_id: idPrefix + seq(i),
      timestamp: datePrefix + clockTail[sec]!,
      card_id: catalog.cardIds[card]!,
      terminal_id: term.id,
      merchant_name: term.merchantName,
      mcc: term.mcc,
      amount: raw.cents[k]! / 100,
      currency: term.currency,
      channel: CHANNELS[raw.channel[k]!]!,
      card_country: catalog.cardCountries[card]!,
      merchant_country: term.country,
      is_fraud: scenario > 0,
      fraud_scenario: scenario > 0 ? catalog.scenarios[scenario - 1] : undefined,
    };
  }
  return { day, transactions: out };
}
