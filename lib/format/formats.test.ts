// Locale negotiation from Accept-Language and the formats built for a locale: en-US keeps the console's
// established text; other locales change separators, symbol placement and day order, never the meaning.
import { describe, expect, it } from 'vitest';

import { formatsFor } from './formats';
import { DEFAULT_LOCALE, negotiateLocale } from './locale';

describe('negotiateLocale', () => {
  it.each([
    [null, 'en-US'],
    ['', 'en-US'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de-DE'],
    ['en;q=0.5, fr-FR', 'fr-FR'],
    ['de-de', 'de-DE'],
    ['*', 'en-US'],
    ['fr;q=0, en-GB;q=0.3', 'en-GB'],
    ['not a tag!!, de-CH;q=0.7', 'de-CH'],
    ['x-klingon', 'en-US'],
    ['de-DE-u-nu-arab', 'de-DE'],
  ])('%j → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('keeps the header order among equal q-values', () => {
    expect(negotiateLocale('fr-FR;q=0.8, de-DE;q=0.8')).toBe('fr-FR');
  });

  it('bounds the work on an absurd header', () => {
    expect(negotiateLocale(`${'zz-ZZ-invalid-!,'.repeat(10_000)}de-DE`)).toBe(DEFAULT_LOCALE);
  });
});

describe('formatsFor', () => {
  const en = formatsFor('en-US');
  const de = formatsFor('de-DE');

  it('en-US writes what the console always wrote', () => {
    expect(en.formatCount(1234567)).toBe('1,234,567');
    expect(en.formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
    expect(en.formatMoney(12, 'EURO')).toBe('12.00 EURO');
    expect(en.formatMoney(3)).toBe('3.00');
    expect(en.formatScore(0.0361)).toBe('3.6%');
    expect(en.formatScore(0.0042)).toBe('0.42%');
    expect(en.formatLogOdds(0.481)).toBe('+0.48');
    expect(en.formatLogOdds(-1.2)).toBe('−1.20');
    expect(en.formatLogOdds(0.001)).toBe('0.00');
    expect(en.formatRatio(6.34)).toBe('6.3×');
    expect(en.formatRatio(0.012)).toBe('0.01×');
    expect(en.formatRate(0.01234)).toBe('1.23%');
    expect(en.formatRate(null)).toBe('—');
    expect(en.formatInputValue(0.013206899)).toBe('0.01321');
    expect(en.formatHours(0.75)).toBe('45 min');
    expect(en.plural(1, 'transaction')).toBe('1 transaction');
    expect(en.plural(1200, 'transaction')).toBe('1,200 transactions');
    expect(en.formatShortDay('2024-05-01')).toBe('May 1');
    expect(en.formatLongDay('2024-05-01')).toBe('May 1, 2024');
    expect(en.formatCell(null, 'count')).toBe('—');
    expect(en.chart.psi(0.1234)).toBe('0.123');
  });

  it('de-DE uses its own separators, symbol placement and day order', () => {
    const nbsp = /\u00a0|\u202f/g;
    expect(de.formatCount(1234567)).toBe('1.234.567');
    expect(de.formatMoney(1234.5, 'EUR').replace(nbsp, ' ')).toBe('1.234,50 €');
    expect(de.formatScore(0.0361).replace(nbsp, ' ')).toBe('3,6 %');
    expect(de.formatLogOdds(-1.2)).toBe('−1,20');
    expect(de.formatRatio(6.34)).toBe('6,3×');
    expect(de.formatLongDay('2024-05-01')).toBe('1. Mai 2024');
    expect(de.chart.psi(0.1234)).toBe('0,123');
  });

  it('reads UTC days as UTC whatever the process time zone', () => {
    expect(en.formatShortDay('2024-12-31')).toBe('Dec 31');
  });

  it('builds one set of formats per locale', () => {
    expect(formatsFor('de-DE')).toBe(de);
  });
});
