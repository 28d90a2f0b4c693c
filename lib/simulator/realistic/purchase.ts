// The small decisions every realistic purchase makes, legitimate or not: which till, how much in
// which currency, which entry mode, and at what UTC second for a given local-time habit.
import type { Channel } from '@/lib/schema/transaction';

import { Categorical, type Rng } from '../random';
import { CONTACTLESS_LIMIT, COUNTRIES, HOURS, MCCS, PER_EURO, type HourProfile, type Mcc } from './catalog';
import type { Merchant, World } from './world';

const hourPickers = Object.fromEntries(
  Object.entries(HOURS).map(([name, weights]) => [name, new Categorical(weights)]),
) as Record<HourProfile, Categorical>;

/** MCC indices by code, for the fraud patterns that target specific categories. */
export const MCC_INDEX: Record<string, number> = Object.fromEntries(MCCS.map((m, i) => [m.code, i]));

/** A till of the merchant; online merchants have exactly one (virtual) terminal. */
export function terminalOf(rng: Rng, merchant: Merchant): number {
  return merchant.tills === 1 ? merchant.firstTerminal : merchant.firstTerminal + rng.int(merchant.tills);
}

export function pickMerchant(rng: Rng, world: World, pool: Int32Array): Merchant {
  return world.merchants[pool[rng.int(pool.length)]!]!;
}

/** An in-person shop of category `mcc` in (or near) the city. */
export const shopIn = (rng: Rng, world: World, city: number, mcc: number): Merchant =>
  pickMerchant(rng, world, world.shopPool[city * MCCS.length + mcc]!);

/** An online merchant of category `mcc` registered in `country`, or anywhere when country is -1. */
export const webShop = (rng: Rng, world: World, country: number, mcc: number): Merchant =>
  pickMerchant(rng, world, world.webPool[(country < 0 ? COUNTRIES.length : country) * MCCS.length + mcc]!);

/** Converts euros to whole cents of `currency`; never below one cent. */
export function toCents(euros: number, currency: string): number {
  return Math.max(1, Math.round(euros * (PER_EURO[currency] ?? 1) * 100));
}

/** A usual amount for the category, scaled by the cardholder's spending level. */
export function usualEuros(rng: Rng, mcc: Mcc, spend: number): number {
  if (mcc.prices) return mcc.prices[rng.int(mcc.prices.length)]!;
  return spend * rng.lognormal(mcc.median, mcc.sigma);
}

/**
 * Entry mode of a card-present purchase: contactless only up to the no-PIN limit, and magnetic
 * stripe far more common at US terminals than in Europe's chip-and-PIN world.
 */
export function presentChannel(rng: Rng, mcc: Mcc, cents: number, countryCode: string): Channel {
  const [chip, contactless, swipe] = mcc.present;
  const swipeW = countryCode === 'US' ? swipe * 6 : swipe;
  const u = rng.float() * (chip + contactless + swipeW);
  if (u < swipeW) return 'swipe';
  if (u < swipeW + contactless && cents <= CONTACTLESS_LIMIT * 100) return 'contactless';
  return 'chip';
}

/** A UTC second of the day for an activity with local-time habit `hours` at UTC offset `offset`. */
export function utcSecond(rng: Rng, hours: HourProfile, offset: number): number {
  return toUtcSecond(hourPickers[hours].sample(rng) * 3600 + rng.int(3600), offset);
}

/**
 * Local second of day → UTC second of the same file day. Wrapping keeps a local 00:30 in Paris on
 * this UTC day (23:30) instead of moving it to the previous file; over many days the mix is the same.
 */
export function toUtcSecond(localSecond: number, offset: number): number {
  const s = (localSecond - offset * 3600) % 86_400;
  return s < 0 ? s + 86_400 : s;
}
