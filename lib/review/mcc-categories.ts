// Readable names for merchant category codes (ISO 18245), for the codes the simulator and the feature
// risk groups use plus a few common neighbours, and the risk group the feature code assigns each one.
// Unknown codes are shown as "MCC 1234" rather than guessed.
import { mccRiskGroup } from '@/lib/features/definitions';

// prettier-ignore
const MCC_NAMES: Readonly<Record<string, string>> = {
  '4111': 'Commuter transport',
  '4121': 'Taxis and ride-hailing',
  '4511': 'Airlines',
  '4722': 'Travel agencies',
  '4814': 'Telecom services',
  '4829': 'Money transfers',
  '4900': 'Utilities',
  '5045': 'Computers and software',
  '5311': 'Department stores',
  '5331': 'Variety stores',
  '5411': 'Grocery stores and supermarkets',
  '5462': 'Bakeries',
  '5499': 'Food stores',
  '5541': 'Fuel stations',
  '5651': 'Clothing stores',
  '5691': "Men's and women's clothing",
  '5732': 'Electronics stores',
  '5812': 'Restaurants',
  '5814': 'Fast food',
  '5816': 'Digital games',
  '5912': 'Pharmacies',
  '5942': 'Book stores',
  '5944': 'Jewellery and watches',
  '5964': 'Mail-order catalogues',
  '5967': 'Direct marketing',
  '5999': 'Miscellaneous retail',
  '6011': 'Cash withdrawals',
  '6012': 'Financial institutions',
  '6051': 'Quasi-cash and crypto',
  '7011': 'Hotels and lodging',
  '7832': 'Cinemas',
  '7995': 'Gambling',
};

export const RISK_GROUP_LABELS: Readonly<Record<number, string>> = {
  0: 'unknown risk',
  1: 'low risk',
  2: 'medium risk',
  3: 'high risk',
};

/** `5816` → `Digital games`; an unknown code → `MCC 1234`. */
export const mccName = (code: string): string => MCC_NAMES[code] ?? `MCC ${code}`;

/** Whether the console has a name for the code (the rescoring form offers these). */
export const isKnownMcc = (code: string): boolean => Object.hasOwn(MCC_NAMES, code);

/** Every named code with its name, by code, for pickers. */
export const MCC_OPTIONS: readonly { code: string; name: string }[] = Object.entries(MCC_NAMES)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.code.localeCompare(b.code));

/** The feature code's risk group of a category, as words: `high risk`. */
export const mccRiskLabel = (code: string): string => RISK_GROUP_LABELS[mccRiskGroup(code)] ?? 'unknown risk';
