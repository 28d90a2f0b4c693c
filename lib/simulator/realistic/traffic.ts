// Legitimate card activity of the realistic profile: each cardholder's purchases of one day, with
// favourite shops, segment habits, online shopping, trips abroad and weekday rhythm.
import { CHANNEL_CODE, type RawDay } from '../day';
import { Categorical, type Rng } from '../random';
import { COUNTRIES, MCCS, SEGMENTS, WEEKDAY } from './catalog';
import { presentChannel, shopIn, terminalOf, toCents, usualEuros, utcSecond, webShop } from './purchase';
import type { Merchant, World } from './world';

/** Share of purchases at a favourite shop when at home. */
const FAVOURITE_SHARE = 0.4;
/** Share of purchases made in person at the destination while travelling. */
const TRAVEL_IN_PERSON = 0.8;
/** Share of online purchases made at a merchant of the cardholder's own country. */
const DOMESTIC_ONLINE = 0.6;
const TRIP_DAYS: readonly [number, number] = [2, 9];

const travelDestination = new Categorical(COUNTRIES.map((c) => c.travel));

/** A country other than `home`, by travel popularity. */
export function abroad(rng: Rng, home: number): number {
  for (let tries = 0; tries < 16; tries++) {
    const c = travelDestination.sample(rng);
    if (c !== home) return c;
  }
  return (home + 1) % COUNTRIES.length;
}

export class Traffic {
  private readonly tripLeft: Int16Array;
  private readonly tripCity: Int32Array;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {
    const n = world.customers.rate.length;
    this.tripLeft = new Int16Array(n);
    this.tripCity = new Int32Array(n);
  }

  /** Appends every cardholder's legitimate purchases of the day (weekday 0 = Sunday) to `raw`. */
  day(raw: RawDay, weekday: number): void {
    const { world, rng } = this;
    const { customers, cities } = world;
    const dayFactor = WEEKDAY[weekday] ?? 1;
    for (let i = 0; i < customers.rate.length; i++) {
      const home = customers.country[i]!;
      const seg = SEGMENTS[customers.segment[i]!]!;
      if (this.tripLeft[i] === 0 && rng.chance(seg.travel)) {
        const dest = abroad(rng, home);
        const list = world.countryCities[dest]!;
        this.tripCity[i] = list[world.cityPicker[dest]!.sample(rng)]!;
        this.tripLeft[i] = rng.intBetween(TRIP_DAYS[0], TRIP_DAYS[1]);
      }
      const travelling = this.tripLeft[i]! > 0;
      const city = travelling ? this.tripCity[i]! : customers.city[i]!;
      const here = cities[city]!.country;
      const spend = customers.spend[i]!;
      const n = rng.poisson(customers.rate[i]! * dayFactor);
      for (let k = 0; k < n; k++) {
        let merchant: Merchant;
        if (travelling && rng.chance(TRAVEL_IN_PERSON)) {
          merchant = shopIn(rng, world, city, world.travelMcc.sample(rng));
        } else if (!travelling && rng.chance(FAVOURITE_SHARE)) {
          const favs = customers.favourites[i]!;
          merchant = world.merchants[favs[rng.int(favs.length)]!]!;
        } else {
          const mcc = world.segmentMcc[customers.segment[i]!]!.sample(rng);
          merchant = rng.chance(MCCS[mcc]!.online)
            ? webShop(rng, world, rng.chance(DOMESTIC_ONLINE) ? home : -1, mcc)
            : shopIn(rng, world, city, mcc);
        }
        const mcc = MCCS[merchant.mcc]!;
        const where = COUNTRIES[merchant.country]!;
        const cents = toCents(usualEuros(rng, mcc, spend), where.currency);
        // Online purchases follow the cardholder's clock, shop purchases the shop's.
        const offset = merchant.online ? COUNTRIES[here]!.utcOffset : where.utcOffset;
        raw.push(
          utcSecond(rng, merchant.online ? 'online' : mcc.hours, offset),
          i,
          terminalOf(rng, merchant),
          cents,
          CHANNEL_CODE[merchant.online ? 'ecommerce' : presentChannel(rng, mcc, cents, where.code)],
          0,
        );
      }
      if (travelling) this.tripLeft[i]!--;
    }
  }
}
