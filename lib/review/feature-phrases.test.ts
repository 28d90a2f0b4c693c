// The phrase module: every feature the definitions know has a phrase (this is the check that fails when
// someone adds a feature and forgets its words), phrases read as intended for typical and edge values,
// and nothing ever prints NaN, undefined or a raw sentinel like -1.
import { describe, expect, it } from 'vitest';

import { FEATURE_SETS, FEATURES } from '@/lib/features/definitions';
import { formatsFor } from '@/lib/format/formats';

import {
  describeFeature,
  featureValues,
  hasPhrase,
  PHRASED_FEATURES,
  type PhraseContext,
} from './feature-phrases';

const names: readonly string[] = FEATURE_SETS.realistic;

/** A card-testing burst as the pipeline stored it (t202611230000794 of the demo data). */
const burst = [
  0.5, 0, 0, 7, 7.432857142857143, 10, 25.262, 11, 34.46272727272728, 2, 0, 2, 0, 2, 0, 0.013206899284186058,
  0, 0, 0, -1, 0.02142857142857143, 1, -1, 0, 0, 1, 0, 3, 0.013888888888888888, 6, 6, 3, 7,
];
const tx: PhraseContext['tx'] = {
  currency: 'EUR',
  channel: 'ecommerce',
  mcc: '5816',
  card_country: 'FR',
  merchant_country: 'FR',
};
const ctxOf = (values: readonly number[], t: PhraseContext['tx'] = tx): PhraseContext => ({
  features: featureValues(names, values),
  formats: formatsFor('en-US'),
  ...(t ? { tx: t } : {}),
});
const phrase = (name: string, values: readonly number[] = burst, t?: PhraseContext['tx']) =>
  describeFeature(name, values[names.indexOf(name)]!, ctxOf(values, t ?? tx));

/** Values that exercise each feature's branches: zeros, sentinels, ratios above and below one. */
const VARIANTS: readonly (readonly number[])[] = [
  burst,
  names.map(() => 0),
  names.map((n) => (n.includes('days_since') || n === 'hours_since_card_prev_tx' ? -1 : 1)),
  names.map((n, i) => (n.startsWith('is_') || n.includes('during') ? 1 : i * 3.7 + 0.25)),
  names.map((n) => (n === 'hours_since_card_prev_tx' ? 720 : n.includes('risk') ? 0.42 : 250)),
];

describe('feature phrases', () => {
  it('has a phrase for every feature in lib/features/definitions.ts', () => {
    const missing = FEATURES.map((f) => f.name).filter((name) => !hasPhrase(name));
    expect(
      missing,
      `features without a phrase in lib/review/feature-phrases.ts: ${missing.join(', ')}`,
    ).toEqual([]);
    expect(PHRASED_FEATURES).toEqual(FEATURES.map((f) => f.name));
  });

  it('never prints NaN, undefined, null, Infinity or an empty phrase', () => {
    for (const values of VARIANTS) {
      for (const t of [tx, undefined]) {
        for (const name of names) {
          const text = describeFeature(name, values[names.indexOf(name)]!, ctxOf(values, t));
          expect(text, name).toMatch(/\S/);
          expect(text, `${name}: ${text}`).not.toMatch(/NaN|undefined|null|Infinity|\[object/);
          // A phrase names what the value means; the bare sentinel -1 never reaches a person.
          expect(text, `${name}: ${text}`).not.toMatch(/(^|\s)-1(\s|$)/);
        }
      }
    }
  });

  it('describes card velocity against the card’s usual rate', () => {
    expect(phrase('customer_id_nb_tx_1day_window')).toBe('7 transactions on this card in 24 h (usual: 0.4)');
    expect(phrase('customer_id_nb_tx_7day_window')).toBe(
      '10 transactions on this card in 7 days (usual: 2.6)',
    );
    expect(phrase('customer_id_nb_tx_30day_window')).toBe('11 transactions on this card in 30 days');
    expect(phrase('card_nb_tx_1hour_window')).toBe(
      '6 transactions on this card in the last hour (usual: under 0.1)',
    );
    expect(phrase('card_nb_small_ecommerce_1hour_window')).toBe(
      '6 online payments under €5 on this card in the last hour',
    );
  });

  it('describes amounts in the transaction’s currency, and ratios as multiples or shares', () => {
    expect(phrase('tx_amount')).toBe('amount of €0.50');
    expect(phrase('customer_id_avg_amount_1day_window')).toBe(
      "card's average amount in 24 h: €7.43 (30-day: €34.46)",
    );
    expect(phrase('amount_over_card_avg_30day')).toBe("amount is 1.3% of the card's 30-day average (€37.86)");
    const big = [...burst];
    big[names.indexOf('tx_amount')] = 315;
    big[names.indexOf('amount_over_card_avg_30day')] = 6.3;
    expect(phrase('amount_over_card_avg_30day', big)).toBe(
      "amount is 6.3× the card's 30-day average (€50.00)",
    );
    expect(phrase('tx_amount', big, { ...tx!, currency: 'GBP' })).toBe('amount of £315.00');
    // Abroad the payment's currency is not the history's: history amounts then carry no symbol.
    const abroad = { ...tx!, currency: 'USD', merchant_country: 'US' };
    expect(phrase('tx_amount', big, abroad)).toBe('amount of $315.00');
    expect(phrase('amount_over_card_avg_30day', big, abroad)).toBe(
      "amount is 6.3× the card's 30-day average (50.00)",
    );
  });

  it('says when a card has no history instead of quoting the neutral ratio 1', () => {
    const fresh = [...burst];
    fresh[names.indexOf('customer_id_nb_tx_30day_window')] = 1;
    fresh[names.indexOf('amount_over_card_avg_30day')] = 1;
    fresh[names.indexOf('hours_since_card_prev_tx')] = -1;
    expect(phrase('amount_over_card_avg_30day', fresh)).toBe(
      'no earlier transaction on this card in 30 days to compare the amount with',
    );
    expect(phrase('hours_since_card_prev_tx', fresh)).toBe('first transaction on this card in 30 days');
  });

  it('describes the terminal behind the label delay with counts', () => {
    const risky = [...burst];
    risky[names.indexOf('terminal_id_nb_tx_30day_window')] = 72;
    risky[names.indexOf('terminal_id_risk_30day_window')] = 3 / 72;
    risky[names.indexOf('terminal_id_nb_fraud_30day_window')] = 3;
    expect(phrase('terminal_id_risk_30day_window', risky)).toBe(
      'terminal fraud rate 4.2% (3 of 72) in the 30 days ending 7 days ago',
    );
    expect(phrase('terminal_id_nb_fraud_30day_window', risky)).toBe(
      '3 frauds at this terminal in the 30 days ending 7 days ago',
    );
    expect(phrase('terminal_id_risk_1day_window')).toBe(
      'terminal fraud rate 0% (0 of 2) in the 24 h ending 7 days ago',
    );
    expect(phrase('terminal_id_days_since_first_known_fraud')).toBe('no known fraud at this terminal');
  });

  it('names countries, channels and merchant categories', () => {
    const abroad = { ...tx!, merchant_country: 'DE', channel: 'swipe' as const };
    const foreign = [...burst];
    foreign[names.indexOf('is_foreign')] = 1;
    foreign[names.indexOf('is_swipe')] = 1;
    expect(phrase('is_foreign', foreign, abroad)).toBe('merchant in Germany, card from France');
    expect(phrase('is_swipe', foreign, abroad)).toBe('magnetic-stripe swipe (no chip)');
    expect(phrase('is_ecommerce')).toBe('online payment (card not present)');
    expect(phrase('mcc_risk_group')).toBe('high-risk merchant category (Digital games, 5816)');
    expect(phrase('hours_since_card_prev_tx')).toBe("50 s after the card's previous transaction");
  });

  it('says a missing value is missing, and falls back for a feature it does not know', () => {
    expect(describeFeature('tx_amount', null, ctxOf(burst))).toBe('tx amount: not available');
    expect(describeFeature('tx_amount', Number.NaN, ctxOf(burst))).toBe('tx amount: not available');
    expect(describeFeature('brand_new_feature', 2.5, ctxOf(burst))).toBe('brand_new_feature = 2.5');
    expect(hasPhrase('brand_new_feature')).toBe(false);
  });
});
