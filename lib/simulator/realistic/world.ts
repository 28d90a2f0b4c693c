// Builds the realistic profile's fixed population from a seed: merchants and their terminals,
// cardholders with a home, a segment and favourite shops, and lookup pools that make each
// purchase's "which shop?" a single array index.
import { entityId, type DayCatalog, type TerminalInfo } from '../day';
import { REALISTIC_SCENARIOS, type SimulateOptions } from '../options';
import { Categorical, Rng } from '../random';
import { COUNTRIES, FAVOURITE_TILT, MCCS, SEGMENTS, TRAVEL_TILT, type Language } from './catalog';

export interface Merchant {
  name: string;
  mcc: number;
  country: number;
  /** Global city index; -1 for an online merchant. */
  city: number;
  online: boolean;
  firstTerminal: number;
  tills: number;
}

export interface WorldCity {
  name: string;
  language: Language;
  country: number;
}

export interface Customers {
  country: Uint8Array;
  city: Int32Array;
  segment: Uint8Array;
  /** Expected purchases per day. */
  rate: Float64Array;
  /** Multiplier on category median amounts. */
  spend: Float64Array;
  /** Merchant indices of the shops the cardholder keeps returning to. */
  favourites: Int32Array[];
}

export interface World {
  catalog: DayCatalog;
  merchants: Merchant[];
  cities: WorldCity[];
  /** Global city indices per country, largest first. */
  countryCities: number[][];
  cityPicker: Categorical[];
  customers: Customers;
  /** Merchants per (city × MCC), falling back to the country, then to anywhere. */
  shopPool: Int32Array[];
  /** Online merchants per (country × MCC); row `COUNTRIES.length` holds every country. */
  webPool: Int32Array[];
  /** MCC choice per segment for everyday purchases. */
  segmentMcc: Categorical[];
  /** MCC choice for in-person purchases abroad. */
  travelMcc: Categorical;
  /** Per terminal, how attractive it is to a skimmer, 0..SKIM_TILT_MAX (fuel pumps first). */
  skimmable: Uint8Array;
}

const NM = MCCS.length;
const NC = COUNTRIES.length;
/** Share of merchants (beyond the minimum set) that only sell online. */
const ONLINE_MERCHANT_SHARE = 0.12;
/** Top-level domains by country code, for online merchants' web-address-style names. */
const TLD: Record<string, string> = { GB: 'co.uk', US: 'com' };

/** `Carat Boutique` registered in FR → `caratboutique.fr`, the way online shops appear on statements. */
function webName(stem: string, countryCode: string): string {
  const host = stem
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
  return `${host}.${TLD[countryCode] ?? countryCode.toLowerCase()}`;
}
const SKIMMABLE_TILT: Record<string, number> = {
  '5541': 3,
  '5411': 2,
  '5812': 1,
  '5814': 1,
  '5311': 1,
  '5999': 1,
};
export const SKIM_TILT_MAX = 3;

const byCode = (tilt: Record<string, number>, fallback: number): number[] =>
  MCCS.map((m) => tilt[m.code] ?? fallback);

export function buildWorld(o: SimulateOptions): World {
  const rng = new Rng(o.seed, 'realistic/world');

  const cities: WorldCity[] = [];
  const countryCities: number[][] = COUNTRIES.map((country, ci) =>
    country.cities.map((city) => cities.push({ name: city.name, language: city.language, country: ci }) - 1),
  );
  // Bigger cities first: weight 1/rank roughly follows city-size distributions.
  const cityPicker = countryCities.map((list) => new Categorical(list.map((_, k) => 1 / (k + 1))));
  const pickCity = (country: number): number => countryCities[country]![cityPicker[country]!.sample(rng)]!;

  const homeCountry = new Categorical(COUNTRIES.map((c) => c.home));
  const shopCountry = new Categorical(COUNTRIES.map((c) => 0.8 * c.home + 0.2 * c.travel));
  const webCountry = new Categorical(COUNTRIES.map((c) => c.online));
  const shopMcc = new Categorical(MCCS.map((m) => m.weight * (1 - m.online)));
  const webMcc = new Categorical(MCCS.map((m) => m.weight * m.online));

  const merchants: Merchant[] = [];
  const terminals: TerminalInfo[] = [];
  const usedNames = new Set<string>();
  const uniqueName = (base: string): string => {
    let name = base;
    for (let k = 2; usedNames.has(name); k++) name = `${base} #${k}`;
    usedNames.add(name);
    return name;
  };

  const addMerchant = (online: boolean, mcc: number, country: number, singleTill: boolean): void => {
    const m = MCCS[mcc]!;
    const room = o.terminals - terminals.length;
    const tills = Math.min(room, online || singleTill ? 1 : rng.intBetween(m.tills[0], m.tills[1]));
    if (tills <= 0) return;
    const city = online ? -1 : pickCity(country);
    let name: string;
    if (online) {
      // Another brand before a numbered duplicate: `streambox.ie #2` reads like a data error.
      const code = COUNTRIES[country]!.code;
      let base = webName(rng.pick(m.webShops), code);
      for (let tries = 0; tries < 12 && usedNames.has(base); tries++)
        base = webName(rng.pick(m.webShops), code);
      name = uniqueName(base);
    } else {
      const place = cities[city]!;
      const stems = m.shops[place.language] ?? m.shops.any ?? [];
      name = uniqueName(`${rng.pick(stems)} ${place.name}`);
    }
    merchants.push({ name, mcc, country, city, online, firstTerminal: terminals.length, tills });
    const countryInfo = COUNTRIES[country]!;
    for (let k = 0; k < tills; k++) {
      terminals.push({
        id: entityId('T', terminals.length, o.terminals),
        merchantName: name,
        mcc: m.code,
        country: countryInfo.code,
        currency: countryInfo.currency,
      });
    }
  };

  // Every category exists at least once, online and in the main home country, before random fill.
  const mainCountry = COUNTRIES.reduce((best, c, i) => (c.home > COUNTRIES[best]!.home ? i : best), 0);
  MCCS.forEach((m, i) => {
    if (m.online > 0) addMerchant(true, i, webCountry.sample(rng), true);
    if (m.online < 1) addMerchant(false, i, mainCountry, true);
  });
  while (terminals.length < o.terminals) {
    if (rng.chance(ONLINE_MERCHANT_SHARE))
      addMerchant(true, webMcc.sample(rng), webCountry.sample(rng), false);
    else addMerchant(false, shopMcc.sample(rng), shopCountry.sample(rng), false);
  }

  const shopPool = buildShopPool(merchants, cities, countryCities);
  const webPool = buildWebPool(merchants);

  const n = o.customers;
  const segmentOf = new Categorical(SEGMENTS.map((s) => s.share));
  const favouriteMcc = new Categorical(byCode(FAVOURITE_TILT, 0));
  const customers: Customers = {
    country: new Uint8Array(n),
    city: new Int32Array(n),
    segment: new Uint8Array(n),
    rate: new Float64Array(n),
    spend: new Float64Array(n),
    favourites: new Array<Int32Array>(n),
  };
  for (let i = 0; i < n; i++) {
    const country = homeCountry.sample(rng);
    const city = pickCity(country);
    const segment = segmentOf.sample(rng);
    const seg = SEGMENTS[segment]!;
    customers.country[i] = country;
    customers.city[i] = city;
    customers.segment[i] = segment;
    customers.rate[i] = seg.rate * rng.lognormal(1, 0.35);
    customers.spend[i] = seg.spend * rng.lognormal(1, 0.3);
    const favourites = new Int32Array(rng.intBetween(2, 5));
    for (let k = 0; k < favourites.length; k++) {
      favourites[k] = rng.pick(shopPool[city * NM + favouriteMcc.sample(rng)]!);
    }
    customers.favourites[i] = favourites;
  }

  const skimmable = new Uint8Array(terminals.length);
  merchants.forEach((m) => {
    const tilt = SKIMMABLE_TILT[MCCS[m.mcc]!.code];
    if (m.online || tilt === undefined) return;
    skimmable.fill(tilt, m.firstTerminal, m.firstTerminal + m.tills);
  });

  return {
    catalog: {
      cardIds: Array.from({ length: n }, (_, i) => entityId('C', i, n)),
      cardCountries: Array.from(customers.country, (ci) => COUNTRIES[ci]!.code),
      terminals,
      scenarios: REALISTIC_SCENARIOS,
    },
    merchants,
    cities,
    countryCities,
    cityPicker,
    customers,
    shopPool,
    webPool,
    segmentMcc: SEGMENTS.map((s) => new Categorical(MCCS.map((m) => m.weight * (s.tilt[m.code] ?? 1)))),
    travelMcc: new Categorical(
      MCCS.map((m) => (m.online < 1 ? m.weight * (1 - m.online) * (TRAVEL_TILT[m.code] ?? 0.3) : 0)),
    ),
    skimmable,
  };
}

function buildShopPool(merchants: Merchant[], cities: WorldCity[], countryCities: number[][]): Int32Array[] {
  const byCity: number[][] = Array.from({ length: cities.length * NM }, () => []);
  const inCity: number[][] = Array.from({ length: cities.length }, () => []);
  const byCountry: number[][] = Array.from({ length: NC * NM }, () => []);
  const anywhere: number[][] = Array.from({ length: NM }, () => []);
  merchants.forEach((m, i) => {
    if (m.online) return;
    byCity[m.city * NM + m.mcc]!.push(i);
    inCity[m.city]!.push(i);
    byCountry[m.country * NM + m.mcc]!.push(i);
    anywhere[m.mcc]!.push(i);
  });
  // A small town lacking the category: people use another local shop before driving to another
  // city, and only leave the country when it has no such shop at all (tiny populations).
  const pool = new Array<Int32Array>(cities.length * NM);
  countryCities.forEach((list, country) => {
    for (const city of list) {
      for (let mcc = 0; mcc < NM; mcc++) {
        const choices = [
          byCity[city * NM + mcc]!,
          inCity[city]!,
          byCountry[country * NM + mcc]!,
          anywhere[mcc]!,
        ];
        pool[city * NM + mcc] = Int32Array.from(choices.find((c) => c.length > 0) ?? []);
      }
    }
  });
  return pool;
}

function buildWebPool(merchants: Merchant[]): Int32Array[] {
  const rows: number[][] = Array.from({ length: (NC + 1) * NM }, () => []);
  merchants.forEach((m, i) => {
    if (!m.online) return;
    rows[m.country * NM + m.mcc]!.push(i);
    rows[NC * NM + m.mcc]!.push(i);
  });
  return rows.map((row, k) => Int32Array.from(row.length > 0 ? row : rows[NC * NM + (k % NM)]!));
}
