// Fraud patterns of the realistic profile, each labelled with its scenario: compromised (skimmed)
// terminals and the later misuse of the skimmed cards, card testing, account takeover, compromised
// card-not-present cards and lost/stolen cards. Rates scale with the population so the fraud rate
// does not depend on the run's size.
import type { Channel } from '@/lib/schema/transaction';

import { CHANNEL_CODE, type RawDay } from '../day';
import { REALISTIC_SCENARIOS, type SimulateOptions } from '../options';
import { Categorical, type Rng } from '../random';
import { COUNTRIES, MCCS, WEEKDAY } from './catalog';
import {
  MCC_INDEX,
  shopIn,
  terminalOf,
  toCents,
  toUtcSecond,
  usualEuros,
  utcSecond,
  webShop,
} from './purchase';
import { abroad } from './traffic';
import { SKIM_TILT_MAX, type Merchant, type World } from './world';

const S = Object.fromEntries(REALISTIC_SCENARIOS.map((name, i) => [name, i + 1])) as Record<
  (typeof REALISTIC_SCENARIOS)[number],
  number
>;

/** Expected new episodes per day, for 5,000 cardholders (terminals: per 2,000 terminals). */
export const EPISODES_PER_DAY = {
  compromisedTerminal: 0.2,
  cardTesting: 1.5,
  accountTakeover: 2.0,
  compromisedCard: 0.9,
  lostStolenCard: 1.2,
} as const;

const TERMINAL_WINDOW: readonly [number, number] = [10, 21];
/** Chance that a card used at a skimmed terminal is cloned, and when the clone is used. */
const SKIM_CHANCE = 0.2;
const MISUSE_DELAY: readonly [number, number] = [3, 12];
const CARD_WINDOW_DAYS = 14;
/** Handbook scenario 3: a third of the card's transactions are fraud, i.e. half as many again. */
const COMPROMISED_EXTRA = 0.5;

const weightsByCode = (w: Record<string, number>) => new Categorical(MCCS.map((m) => w[m.code] ?? 0));
const skimmedMcc = weightsByCode({ '5732': 3, '5944': 1.5, '5311': 2, '5411': 1, '5541': 1, '5651': 1.5 });
const cashOutMcc = weightsByCode({ '5732': 3, '5944': 2, '4829': 2, '4511': 1, '5311': 1 });
const takeoverMcc = weightsByCode({ '4829': 3, '5732': 2.5, '5944': 1.5, '4511': 1, '5816': 1 });
const tapMcc = weightsByCode({ '5411': 2, '5541': 1, '5814': 1, '5912': 1, '5999': 1, '5651': 1 });
const pinMcc = weightsByCode({ '5732': 3, '5944': 2, '5651': 1, '5311': 1 });
const onlineMcc = new Categorical(MCCS.map((m) => m.weight * m.online));
const webCountry = new Categorical(COUNTRIES.map((c) => c.online));
const TEST_EUROS = [0.5, 1, 1, 1, 0.99, 1.99, 2, 0.01] as const;

export class FraudPatterns {
  /** Last day (inclusive) each terminal is skimmed; -1 = never. */
  private readonly terminalUntil: Int32Array;
  private readonly cloned: Uint8Array;
  /** Day index → cards whose skimmed clone is used that day. */
  private readonly misuse = new Map<number, number[]>();
  /** Card → last day (inclusive) of its card-not-present compromise. */
  private readonly compromised = new Map<number, number>();
  private readonly cardScale: number;
  private readonly terminalScale: number;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    o: SimulateOptions,
  ) {
    this.terminalUntil = new Int32Array(o.terminals).fill(-1);
    this.cloned = new Uint8Array(o.customers);
    this.cardScale = o.customers / 5000;
    // Skimmers pick busy tills, so compromises scale with the tills that see traffic: all of them in
    // a normal run, but only about as many as the cards keep busy when terminals vastly outnumber cards.
    this.terminalScale = Math.min(o.terminals / 2000, this.cardScale);
  }

  /** Opens today's new card compromises. */
  beginDay(d: number): void {
    const { rng } = this;
    const newCards = rng.poisson(EPISODES_PER_DAY.compromisedCard * this.cardScale);
    for (let k = 0; k < newCards; k++) this.compromised.set(this.randomCard(), d + CARD_WINDOW_DAYS - 1);
  }

  /**
   * Labels legitimate card-present purchases at a skimmed terminal as fraud (as the Handbook labels
   * a compromised terminal's transactions) and schedules the later use of some of the cloned cards.
   */
  labelSkimmedTerminals(raw: RawDay, d: number): void {
    const { rng, world } = this;
    // Skimmers go where the cards are: pick today's new victims among busy in-person tills, by traffic.
    const newTerminals = rng.poisson(EPISODES_PER_DAY.compromisedTerminal * this.terminalScale);
    for (let k = 0, tries = 0; k < newTerminals && raw.length > 0 && tries < 1000; tries++) {
      const t = raw.terminal[rng.int(raw.length)]!;
      if (rng.float() * SKIM_TILT_MAX >= world.skimmable[t]!) continue;
      this.terminalUntil[t] = Math.max(
        this.terminalUntil[t]!,
        d + rng.intBetween(TERMINAL_WINDOW[0], TERMINAL_WINDOW[1]) - 1,
      );
      k++;
    }
    const online = CHANNEL_CODE.ecommerce;
    for (let k = 0; k < raw.length; k++) {
      if (raw.scenario[k] !== 0 || raw.channel[k] === online || this.terminalUntil[raw.terminal[k]!]! < d)
        continue;
      raw.scenario[k] = S.compromised_terminal;
      const card = raw.card[k]!;
      if (this.cloned[card] === 0 && rng.chance(SKIM_CHANCE)) {
        this.cloned[card] = 1;
        const day = d + rng.intBetween(MISUSE_DELAY[0], MISUSE_DELAY[1]);
        const list = this.misuse.get(day) ?? [];
        list.push(card);
        this.misuse.set(day, list);
      }
    }
  }

  /** Appends the day's injected fraudulent transactions to `raw`. */
  inject(raw: RawDay, d: number, weekday: number): void {
    const { rng } = this;
    for (const card of this.misuse.get(d) ?? []) this.skimmedCard(raw, card);
    this.misuse.delete(d);
    for (const [card, until] of this.compromised) {
      if (until < d) this.compromised.delete(card);
      else this.compromisedCard(raw, card, weekday);
    }
    const episodes = EPISODES_PER_DAY;
    for (let k = rng.poisson(episodes.cardTesting * this.cardScale); k > 0; k--) this.cardTesting(raw);
    for (let k = rng.poisson(episodes.accountTakeover * this.cardScale); k > 0; k--)
      this.accountTakeover(raw);
    for (let k = rng.poisson(episodes.lostStolenCard * this.cardScale); k > 0; k--) this.lostStolenCard(raw);
  }

  private randomCard(): number {
    return this.rng.int(this.world.customers.rate.length);
  }

  private push(
    raw: RawDay,
    sec: number,
    card: number,
    merchant: Merchant,
    cents: number,
    channel: Channel,
    scenario: number,
  ): void {
    raw.push(sec, card, terminalOf(this.rng, merchant), cents, CHANNEL_CODE[channel], scenario);
  }

  /** A magstripe clone used in person a few days after skimming, abroad or in another city. */
  private skimmedCard(raw: RawDay, card: number): void {
    const { rng, world } = this;
    const home = world.customers.country[card]!;
    const homeCity = world.customers.city[card]!;
    const country = rng.chance(0.7) ? abroad(rng, home) : home;
    let city = homeCity;
    const cities = world.countryCities[country]!;
    for (let tries = 0; tries < 8 && city === homeCity; tries++)
      city = cities[world.cityPicker[country]!.sample(rng)]!;
    const where = COUNTRIES[country]!;
    let local = rng.intBetween(10 * 3600, 18 * 3600);
    for (let k = rng.intBetween(2, 5); k > 0; k--) {
      const merchant = shopIn(rng, world, city, skimmedMcc.sample(rng));
      const mcc = MCCS[merchant.mcc]!;
      const cents = toCents(
        Math.max(mcc.median * 3, 80) * rng.lognormal(1, 0.5),
        COUNTRIES[merchant.country]!.currency,
      );
      this.push(
        raw,
        toUtcSecond(local, where.utcOffset),
        card,
        merchant,
        cents,
        rng.chance(0.85) ? 'swipe' : 'chip',
        S.skimmed_card,
      );
      local += rng.intBetween(300, 2700);
    }
  }

  /** A bot checks a stolen card number with tiny online payments, then cashes out once. */
  private cardTesting(raw: RawDay): void {
    const { rng, world } = this;
    const card = this.randomCard();
    const digital = MCC_INDEX['5816']!;
    const testers = [webShop(rng, world, -1, digital), webShop(rng, world, -1, digital)];
    let sec = rng.int(86_400 - 2 * 3600);
    for (let k = rng.intBetween(3, 8); k > 0; k--) {
      const merchant = testers[rng.chance(0.7) ? 0 : 1]!;
      const euros = rng.chance(0.6) ? TEST_EUROS[rng.int(TEST_EUROS.length)]! : rng.uniform(0.5, 3);
      this.push(
        raw,
        sec,
        card,
        merchant,
        toCents(euros, COUNTRIES[merchant.country]!.currency),
        'ecommerce',
        S.card_testing,
      );
      sec += rng.intBetween(8, 90);
    }
    if (!rng.chance(0.75)) return;
    sec += rng.intBetween(300, 3600);
    const merchant = webShop(rng, world, -1, cashOutMcc.sample(rng));
    const cents = toCents(rng.lognormal(450, 0.6), COUNTRIES[merchant.country]!.currency);
    this.push(raw, sec, card, merchant, cents, 'ecommerce', S.card_testing);
  }

  /** Someone else logs into the cardholder's accounts: at night, abroad, far above the usual amounts. */
  private accountTakeover(raw: RawDay): void {
    const { rng, world } = this;
    const card = this.randomCard();
    const home = world.customers.country[card]!;
    const typical = world.customers.spend[card]! * 30;
    let local = rng.chance(0.7) ? rng.int(5 * 3600) : rng.int(86_400);
    for (let k = rng.intBetween(1, 4); k > 0; k--) {
      let country = home;
      for (let tries = 0; tries < 16 && country === home; tries++) country = webCountry.sample(rng);
      const merchant = webShop(rng, world, rng.chance(0.85) ? country : home, takeoverMcc.sample(rng));
      const euros = Math.min(9000, typical * rng.uniform(8, 25));
      const cents = toCents(euros, COUNTRIES[merchant.country]!.currency);
      this.push(
        raw,
        toUtcSecond(local, COUNTRIES[home]!.utcOffset),
        card,
        merchant,
        cents,
        'ecommerce',
        S.account_takeover,
      );
      local += rng.intBetween(120, 1500);
    }
  }

  /** Handbook scenario 3 adapted: for 14 days, extra online purchases at five times the usual amount. */
  private compromisedCard(raw: RawDay, card: number, weekday: number): void {
    const { rng, world } = this;
    const { customers } = world;
    const n = rng.poisson(customers.rate[card]! * (WEEKDAY[weekday] ?? 1) * COMPROMISED_EXTRA);
    const offset = COUNTRIES[customers.country[card]!]!.utcOffset;
    for (let k = 0; k < n; k++) {
      const merchant = webShop(rng, world, -1, onlineMcc.sample(rng));
      const euros = 5 * usualEuros(rng, MCCS[merchant.mcc]!, customers.spend[card]!);
      const cents = toCents(euros, COUNTRIES[merchant.country]!.currency);
      this.push(
        raw,
        utcSecond(rng, 'online', offset),
        card,
        merchant,
        cents,
        'ecommerce',
        S.compromised_card,
      );
    }
  }

  /**
   * Handbook scenario 1 adapted (amount is the signal, relative to the card instead of a fixed 220):
   * a stolen card used in person in its home city within hours, either tapped repeatedly just under
   * the contactless limit or, with the PIN, for a few big-ticket purchases.
   */
  private lostStolenCard(raw: RawDay): void {
    const { rng, world } = this;
    const card = this.randomCard();
    const city = world.customers.city[card]!;
    const offset = COUNTRIES[world.customers.country[card]!]!.utcOffset;
    const tapOnly = rng.chance(0.6);
    let local = rng.intBetween(9 * 3600, 20 * 3600);
    for (let k = rng.intBetween(2, 6); k > 0; k--) {
      const merchant = shopIn(rng, world, city, (tapOnly ? tapMcc : pinMcc).sample(rng));
      const mcc = MCCS[merchant.mcc]!;
      const cents = tapOnly
        ? Math.round(rng.uniform(20, 50) * 100)
        : toCents(mcc.median * 2.5 * rng.lognormal(1, 0.5), COUNTRIES[merchant.country]!.currency);
      this.push(
        raw,
        toUtcSecond(local, offset),
        card,
        merchant,
        cents,
        tapOnly ? 'contactless' : 'chip',
        S.lost_stolen_card,
      );
      local += rng.intBetween(300, 2400);
    }
  }
}
