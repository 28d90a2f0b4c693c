// Static reference data for the realistic profile: countries, merchant categories with their
// amount, channel and hour-of-day habits, cardholder segments and invented merchant names.
// Numbers are plausible European card-market shapes, not statistics of any real issuer.

export type Language = 'fr' | 'de' | 'en' | 'es' | 'it' | 'nl' | 'pt';

export interface City {
  name: string;
  language: Language;
}

export interface Country {
  code: string;
  currency: string;
  /** Standard-time offset from UTC in hours; summer time is ignored (see docs/SIMULATOR.md). */
  utcOffset: number;
  /** Share of cardholders living there (sums to 1). */
  home: number;
  /** Where cardholders travel to. */
  travel: number;
  /** Where online merchants are registered. */
  online: number;
  /** Largest first: customers and shops favour the first cities. */
  cities: City[];
}

const c = (language: Language, ...names: string[]): City[] => names.map((name) => ({ name, language }));

export const COUNTRIES: Country[] = [
  {
    code: 'FR',
    currency: 'EUR',
    utcOffset: 1,
    home: 0.72,
    travel: 0.1,
    online: 0.34,
    cities: c('fr', 'Paris', 'Lyon', 'Marseille', 'Toulouse', 'Bordeaux', 'Lille', 'Nantes', 'Strasbourg'),
  },
  {
    code: 'DE',
    currency: 'EUR',
    utcOffset: 1,
    home: 0.08,
    travel: 0.07,
    online: 0.08,
    cities: c('de', 'Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt', 'Stuttgart'),
  },
  {
    code: 'GB',
    currency: 'GBP',
    utcOffset: 0,
    home: 0.06,
    travel: 0.1,
    online: 0.08,
    cities: c('en', 'London', 'Manchester', 'Birmingham', 'Leeds', 'Glasgow', 'Bristol'),
  },
  {
    code: 'ES',
    currency: 'EUR',
    utcOffset: 1,
    home: 0.05,
    travel: 0.2,
    online: 0,
    cities: c('es', 'Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Málaga', 'Bilbao'),
  },
  {
    code: 'IT',
    currency: 'EUR',
    utcOffset: 1,
    home: 0.04,
    travel: 0.14,
    online: 0,
    cities: c('it', 'Roma', 'Milano', 'Napoli', 'Torino', 'Firenze', 'Bologna'),
  },
  {
    code: 'NL',
    currency: 'EUR',
    utcOffset: 1,
    home: 0.03,
    travel: 0.05,
    online: 0.1,
    cities: c('nl', 'Amsterdam', 'Rotterdam', 'Utrecht', 'Den Haag', 'Eindhoven'),
  },
  {
    code: 'US',
    currency: 'USD',
    utcOffset: -5,
    home: 0.02,
    travel: 0.08,
    online: 0.14,
    cities: c('en', 'New York', 'Chicago', 'Boston', 'Miami', 'San Francisco'),
  },
  {
    code: 'BE',
    currency: 'EUR',
    utcOffset: 1,
    home: 0,
    travel: 0.06,
    online: 0,
    cities: [...c('fr', 'Bruxelles', 'Liège'), ...c('nl', 'Antwerpen', 'Gent')],
  },
  {
    code: 'PT',
    currency: 'EUR',
    utcOffset: 0,
    home: 0,
    travel: 0.1,
    online: 0,
    cities: c('pt', 'Lisboa', 'Porto', 'Faro'),
  },
  {
    code: 'CH',
    currency: 'CHF',
    utcOffset: 1,
    home: 0,
    travel: 0.07,
    online: 0,
    cities: [...c('de', 'Zürich', 'Basel'), ...c('fr', 'Genève', 'Lausanne')],
  },
  {
    code: 'IE',
    currency: 'EUR',
    utcOffset: 0,
    home: 0,
    travel: 0.03,
    online: 0.16,
    cities: c('en', 'Dublin', 'Cork'),
  },
  {
    code: 'LU',
    currency: 'EUR',
    utcOffset: 1,
    home: 0,
    travel: 0,
    online: 0.1,
    cities: c('fr', 'Luxembourg'),
  },
];

/** Units of each currency per euro (fixed: the simulator has no exchange-rate history). */
export const PER_EURO: Record<string, number> = { EUR: 1, GBP: 0.85, USD: 1.08, CHF: 0.95 };

/** Most European issuers cap a contactless payment without PIN at 50 in local currency. */
export const CONTACTLESS_LIMIT = 50;

/** Relative activity by local hour 0..23. */
export const HOURS = {
  shop: [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 1, 2, 3.5, 5, 6, 6.5, 5.5, 5, 5, 5.5, 6.5, 7, 6, 4, 2, 1, 0.5],
  meal: [
    0.5, 0.3, 0.1, 0.05, 0.05, 0.1, 0.3, 1, 1.5, 1.5, 2, 4, 9, 9, 4, 1.5, 1.5, 2, 3.5, 7, 8.5, 6, 3, 1.2,
  ],
  morning: [0, 0, 0, 0, 0, 0.1, 1.5, 6, 8, 6, 4, 3, 4, 3, 1.5, 1, 2, 4, 5, 3, 0.8, 0.2, 0.05, 0],
  commute: [
    0.3, 0.2, 0.1, 0.1, 0.2, 0.8, 2.5, 5, 5.5, 4, 3.5, 3.5, 4, 3.5, 3.5, 4, 5, 6, 6.5, 5, 3, 2, 1.2, 0.6,
  ],
  online: [
    1.5, 0.9, 0.5, 0.3, 0.3, 0.4, 0.8, 1.5, 2.5, 3, 3.5, 3.8, 4, 4, 3.8, 3.8, 4, 4.2, 4.8, 5.8, 6.5, 6.5, 5,
    3,
  ],
  night: [3, 2.5, 2, 1.2, 0.6, 0.5, 1.5, 3, 3.5, 2.5, 2, 2, 2.5, 2, 2, 2, 2.5, 3.5, 4, 4, 4, 4.5, 4.5, 4],
  hotel: [0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 1.5, 4, 6, 6, 4.5, 3, 2, 2, 2.5, 3, 3.5, 3.5, 3, 2.5, 2, 1.5, 1, 0.5],
} as const;
export type HourProfile = keyof typeof HOURS;

/** Relative number of purchases by UTC weekday, Sunday first: shops close Sundays, Fridays peak. */
export const WEEKDAY = [0.72, 0.95, 0.98, 1, 1.04, 1.18, 1.13] as const;

export interface Mcc {
  code: string;
  /** Share of an average cardholder's purchases. */
  weight: number;
  /** Share of the category's purchases made online (0: shops only, 1: online only). */
  online: number;
  /** Median amount in euros and the spread (sigma of the log) of a lognormal. */
  median: number;
  sigma: number;
  /** Card-present entry mode weights: chip, contactless, swipe. */
  present: readonly [number, number, number];
  hours: HourProfile;
  /** Terminals of one shop, min..max. */
  tills: readonly [number, number];
  /** Fixed price points instead of a lognormal (app stores, games, subscriptions). */
  prices?: readonly number[];
  /** Invented shop names by language; `any` is used where a language has none. */
  shops: Partial<Record<Language | 'any', readonly string[]>>;
  webShops: readonly string[];
}

export const MCCS: Mcc[] = [
  {
    code: '5411',
    weight: 0.22,
    online: 0.04,
    median: 28,
    sigma: 0.8,
    present: [0.35, 0.6, 0.05],
    hours: 'shop',
    tills: [2, 5],
    shops: {
      fr: [
        'Marché Frais',
        'Épicerie du Coin',
        'Supermarché Belle Rive',
        'Halles Gourmandes',
        'Marché des Quatre Saisons',
        'Épicerie Bio Racines',
      ],
      de: [
        'Frischmarkt',
        'Markthalle Sonnenberg',
        'Bio-Laden Grünzeug',
        'Feinkost Weber',
        'Stadtmarkt Lindenhof',
      ],
      en: ['Corner Grocer', 'Fresh Fields Market', 'Greenway Foods', 'Daily Basket', 'Harvest Lane Grocery'],
      es: ['Supermercado La Plaza', 'Mercado Central', 'Ultramarinos Ribera', 'Alimentación Luna'],
      it: ['Alimentari Da Gino', 'Supermercato Il Girasole', 'Mercato Fresco', 'Bottega del Gusto'],
      nl: ['Versmarkt', 'Buurtsuper De Hoek', 'Groenteboer Jansen', 'Biowinkel De Akker'],
      pt: ['Mercearia Lusitana', 'Supermercado Atlântico', 'Mercado da Ribeira'],
    },
    webShops: ['FreshDrop Delivery', 'Groceria Online', 'BasketRun'],
  },
  {
    code: '5462',
    weight: 0.05,
    online: 0,
    median: 6,
    sigma: 0.5,
    present: [0.1, 0.88, 0.02],
    hours: 'morning',
    tills: [1, 1],
    shops: {
      fr: [
        'Boulangerie Maison Dupont',
        'Au Pain Doré',
        'Boulangerie du Marché',
        'La Fournée',
        'Pâtisserie Saint-Honoré',
      ],
      de: ['Bäckerei Müller', 'Backhaus Schmidt', 'Bäckerei Sonnenschein'],
      en: ['Crumbs Bakery', 'The Bread Oven', 'Golden Crust'],
      es: ['Panadería La Espiga', 'Horno San José'],
      it: ['Forno Antico', 'Panificio Rossi'],
      nl: ['Bakkerij Van Dijk', 'Warme Bakker De Graaf'],
      pt: ['Padaria Nova', 'Pastelaria Aurora'],
    },
    webShops: [],
  },
  {
    code: '5812',
    weight: 0.11,
    online: 0.05,
    median: 32,
    sigma: 0.55,
    present: [0.5, 0.47, 0.03],
    hours: 'meal',
    tills: [1, 2],
    shops: {
      fr: [
        'Brasserie du Port',
        'Le Bistrot des Amis',
        'Café de la Place',
        'La Table de Marie',
        'Le Comptoir',
        'Restaurant Le Jardin',
      ],
      de: ['Gasthaus zum Löwen', 'Wirtshaus am Markt', 'Brauhaus Alt', 'Café Central', 'Ristorante Da Marco'],
      en: ['The Red Lion', 'The Kings Arms', 'Olive & Thyme', 'Noodle House', 'Blue Door Kitchen'],
      es: ['Taberna El Patio', 'Restaurante Casa Pepe', 'Bar La Esquina', 'Asador Los Olivos'],
      it: ['Trattoria da Luigi', 'Osteria del Ponte', 'Pizzeria Bella Napoli', 'Ristorante Il Faro'],
      nl: ['Eetcafé De Gouden Leeuw', 'Brasserie Het Plein', 'Restaurant De Molen'],
      pt: ['Tasca do Zé', 'Restaurante O Marinheiro', 'Churrasqueira Central'],
    },
    webShops: ['FoodDash', 'Dinnr Delivery'],
  },
  {
    code: '5814',
    weight: 0.09,
    online: 0.15,
    median: 12,
    sigma: 0.45,
    present: [0.15, 0.83, 0.02],
    hours: 'meal',
    tills: [1, 3],
    shops: {
      any: [
        'Burger Station',
        'Wrap & Roll',
        'Quick Noodle',
        'Kebab Palace',
        'Slice Point Pizza',
        'Sushi Go',
        'Crispy Chicken Co',
      ],
    },
    webShops: ['QuickBite', 'FoodDash', 'Dinnr Delivery', 'Takeaway Express', 'Yumbox'],
  },
  {
    code: '5541',
    weight: 0.07,
    online: 0,
    median: 58,
    sigma: 0.35,
    present: [0.7, 0.25, 0.05],
    hours: 'commute',
    tills: [2, 6],
    shops: {
      any: ['Relais Carburant', 'AutoFuel', 'Express Fuel', 'Fuel Stop', 'PetroLine', 'Route 9 Services'],
    },
    webShops: [],
  },
  {
    code: '5912',
    weight: 0.05,
    online: 0.1,
    median: 17,
    sigma: 0.7,
    present: [0.4, 0.57, 0.03],
    hours: 'shop',
    tills: [1, 2],
    shops: {
      fr: ['Pharmacie du Centre', 'Pharmacie de la Gare', 'Pharmacie des Halles', 'Grande Pharmacie'],
      de: ['Apotheke am Markt', 'Stern-Apotheke', 'Rathaus-Apotheke', 'Löwen-Apotheke'],
      en: ['Wellbeing Pharmacy', 'High Street Chemist', 'CareWell Pharmacy'],
      es: ['Farmacia Central', 'Farmacia San Antonio', 'Farmacia del Mar'],
      it: ['Farmacia Centrale', 'Farmacia San Marco', 'Farmacia Comunale'],
      nl: ['Apotheek Centrum', 'Apotheek De Linde'],
      pt: ['Farmácia Central', 'Farmácia Estrela'],
    },
    webShops: ['PharmaDirect', 'MediShop Online'],
  },
  {
    code: '5311',
    weight: 0.04,
    online: 0.35,
    median: 60,
    sigma: 0.8,
    present: [0.55, 0.42, 0.03],
    hours: 'shop',
    tills: [2, 4],
    shops: { any: ['Galeries Centrales', 'Grand Magasin Lumière', 'City Department Store', 'Maison Royale'] },
    webShops: ['ShopHub', 'Bazaar Online', 'Marketo'],
  },
  {
    code: '5651',
    weight: 0.06,
    online: 0.4,
    median: 55,
    sigma: 0.65,
    present: [0.6, 0.37, 0.03],
    hours: 'shop',
    tills: [1, 2],
    shops: {
      any: [
        'Atelier Mode',
        'Urban Threads',
        'Denim District',
        'Maison Élise',
        'Boutique Nova',
        'Stride Sportswear',
      ],
    },
    webShops: ['Wardrobe', 'StyleCart', 'Fitwell Online', 'Sneakerhub', 'Moda Lane', 'Outdoor Gear Co'],
  },
  {
    code: '5732',
    weight: 0.025,
    online: 0.55,
    median: 120,
    sigma: 1.0,
    present: [0.8, 0.17, 0.03],
    hours: 'shop',
    tills: [1, 3],
    shops: { any: ['TechCorner', 'Digital Planet', 'Electro Max', 'Gadget Hub', 'Pixel & Volt'] },
    webShops: ['ElectroDirect', 'Voltshop Online', 'ByteBazaar'],
  },
  {
    code: '5944',
    weight: 0.004,
    online: 0.2,
    median: 240,
    sigma: 0.8,
    present: [0.9, 0.07, 0.03],
    hours: 'shop',
    tills: [1, 1],
    shops: { any: ['Bijouterie Lumière', 'Goldsmith & Sons', 'Joaillerie Étoile', 'Diamond Lane'] },
    webShops: ['Gemstore Online', 'Carat Boutique'],
  },
  {
    code: '4511',
    weight: 0.01,
    online: 1,
    median: 210,
    sigma: 0.65,
    present: [1, 0, 0],
    hours: 'online',
    tills: [1, 1],
    shops: {},
    webShops: ['Air Lumière', 'Nordic Skyways', 'Sol Airways', 'BlueJet', 'Alpine Air', 'Atlantic Wings'],
  },
  {
    code: '7011',
    weight: 0.012,
    online: 0.6,
    median: 120,
    sigma: 0.55,
    present: [0.85, 0.12, 0.03],
    hours: 'hotel',
    tills: [1, 2],
    shops: {
      any: ['Hôtel du Parc', 'Grand Hotel Central', 'Hotel Miramar', 'Residence Bellevue', 'City Inn'],
    },
    webShops: ['StayFinder', 'RoomNest', 'BookMyStay'],
  },
  {
    code: '5816',
    weight: 0.07,
    online: 1,
    median: 8,
    sigma: 0.9,
    present: [1, 0, 0],
    hours: 'online',
    tills: [1, 1],
    prices: [0.99, 0.99, 1.99, 2.99, 4.99, 4.99, 5.99, 7.99, 9.99, 9.99, 12.99, 14.99, 19.99, 29.99, 59.99],
    shops: {},
    webShops: [
      'PixelVault Games',
      'StreamBox',
      'AppHarbor',
      'TuneCloud',
      'Cineflix Plus',
      'PlayOrbit',
      'GiftCode Store',
      'CloudDrive Pro',
      'Lumen Video',
      'Questforge',
      'PodNest',
      'Snapframe Photos',
      'Readwell Ebooks',
      'VPN Harbor',
      'Mindspark Learning',
      'Arcadia Play',
    ],
  },
  {
    code: '4829',
    weight: 0.008,
    online: 1,
    median: 150,
    sigma: 0.9,
    present: [1, 0, 0],
    hours: 'online',
    tills: [1, 1],
    shops: {},
    webShops: ['SwiftRemit', 'GlobeSend', 'Moneta Transfer', 'KiwiPay Transfer', 'Rapid Wire'],
  },
  {
    code: '4121',
    weight: 0.04,
    online: 0.65,
    median: 17,
    sigma: 0.5,
    present: [0.4, 0.55, 0.05],
    hours: 'night',
    tills: [1, 1],
    shops: { any: ['Taxi Central', 'City Cabs', 'Radio Taxi'] },
    webShops: ['RideNow', 'Zipcab', 'Hopla Ride', 'Cabby', 'Movo Rides'],
  },
  {
    code: '5999',
    weight: 0.05,
    online: 0.5,
    median: 25,
    sigma: 0.85,
    present: [0.45, 0.5, 0.05],
    hours: 'shop',
    tills: [1, 2],
    shops: {
      any: [
        'Maison & Déco',
        'Home Essentials',
        'Pet Paradise',
        'Garden Corner',
        'Toy Kingdom',
        'Papeterie Moderne',
      ],
    },
    webShops: ['MegaMart Online', 'DealBox', 'eBuy Market', 'Handyhome', 'Petsupply Direct', 'Gizmo Outlet'],
  },
  {
    code: '5942',
    weight: 0.015,
    online: 0.4,
    median: 18,
    sigma: 0.5,
    present: [0.4, 0.57, 0.03],
    hours: 'shop',
    tills: [1, 1],
    shops: { any: ['Librairie du Quartier', 'Pageturner Books', 'Book Nook', 'Libreria Dante'] },
    webShops: ['Readly Books', 'Bookwise'],
  },
];

export const mccIndex = (code: string): number => {
  const i = MCCS.findIndex((m) => m.code === code);
  if (i < 0) throw new Error(`unknown MCC ${code}`);
  return i;
};

export interface Segment {
  name: 'student' | 'mass' | 'affluent' | 'business';
  share: number;
  /** Mean purchases per day before personal variation. */
  rate: number;
  /** Multiplier on category median amounts. */
  spend: number;
  /** Chance per day of leaving on a trip abroad. */
  travel: number;
  /** Multipliers on category weights, by MCC code. */
  tilt: Record<string, number>;
}

export const SEGMENTS: Segment[] = [
  {
    name: 'student',
    share: 0.15,
    rate: 1.3,
    spend: 0.55,
    travel: 0.003,
    tilt: {
      '5814': 2,
      '5816': 2,
      '4121': 1.3,
      '5944': 0.2,
      '4511': 0.6,
      '7011': 0.4,
      '5541': 0.4,
      '5411': 0.8,
    },
  },
  { name: 'mass', share: 0.6, rate: 1.7, spend: 1, travel: 0.004, tilt: {} },
  {
    name: 'affluent',
    share: 0.18,
    rate: 2.2,
    spend: 1.9,
    travel: 0.009,
    tilt: { '5812': 1.4, '7011': 2, '4511': 2, '5944': 2.5, '5814': 0.6, '5651': 1.3 },
  },
  {
    name: 'business',
    share: 0.07,
    rate: 2.8,
    spend: 1.5,
    travel: 0.02,
    tilt: { '4511': 3.5, '7011': 3.5, '4121': 2.5, '5812': 1.5, '5411': 0.6, '5462': 0.7 },
  },
];

/** What a traveller buys in person abroad, by MCC code. */
export const TRAVEL_TILT: Record<string, number> = {
  '5812': 2.5,
  '5814': 1.5,
  '7011': 6,
  '4121': 2,
  '5411': 0.6,
  '5462': 1,
  '5541': 0.4,
  '5311': 1,
  '5651': 1,
  '5999': 1,
  '5912': 0.5,
};

/** Shops a cardholder keeps returning to, by MCC code. */
export const FAVOURITE_TILT: Record<string, number> = {
  '5411': 4,
  '5462': 2,
  '5812': 1.5,
  '5814': 1.5,
  '5541': 1.5,
  '5912': 1,
};
