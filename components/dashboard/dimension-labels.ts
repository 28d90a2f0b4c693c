// Words for the values the breakdowns group by: fraud patterns, channels, countries, merchant
// categories. Unknown values are shown as they are rather than guessed.
import { channelShort } from '@/components/transaction/channel-label';
import type { BreakdownDimension } from '@/lib/analytics/queries';
import { countryName } from '@/lib/format/formats';
import { mccName } from '@/lib/review/mcc-categories';

const NONE = '(none)';

/** `card_testing` → `Card testing`. */
const words = (code: string): string => {
  const text = code.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export function dimensionValueLabel(dimension: BreakdownDimension, key: string): string {
  if (key === NONE) return dimension === 'fraud_scenario' ? 'No pattern (legitimate)' : 'Not recorded';
  switch (dimension) {
    case 'fraud_scenario':
      return words(key);
    case 'channel':
      return channelShort(key);
    case 'merchant_country':
    case 'card_country':
      return `${countryName(key)} (${key})`;
    case 'mcc':
      return `${mccName(key)} (${key})`;
  }
}

/** A label short enough for a chart axis: merchant categories by name alone, cut at 26 characters. */
export function dimensionAxisLabel(dimension: BreakdownDimension, key: string): string {
  const label = dimension === 'mcc' && key !== NONE ? mccName(key) : dimensionValueLabel(dimension, key);
  return label.length > 26 ? `${label.slice(0, 25)}…` : label;
}

export const DIMENSION_TITLES: Record<BreakdownDimension, string> = {
  fraud_scenario: 'Fraud pattern',
  channel: 'Channel',
  merchant_country: 'Merchant country',
  card_country: 'Card country',
  mcc: 'Merchant category',
};
