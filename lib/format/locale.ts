// Which locale the console formats numbers, money and dates in: the analyst's, as the browser states it
// in Accept-Language (RFC 9110 §12.5.4: tags in order of q-value), or en-US when none is usable. The
// server negotiates it once per request and hands it to the client (LocaleProvider), so the server
// HTML and the hydrated page format with the same locale. The interface's words stay English.

export const DEFAULT_LOCALE = 'en-US';

/** At most this many tags are considered; a header listing hundreds is not worth parsing. */
const MAX_TAGS = 16;

/**
 * The first locale of `header`, by q-value then order, that Intl can format in, canonicalised
 * (`de-de` → `de-DE`, extensions dropped); `*`, malformed tags and q=0 are skipped. `DEFAULT_LOCALE` when none is left.
 */
export function negotiateLocale(header: string | null | undefined): string {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .slice(0, MAX_TAGS)
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((t) => t.q > 0 && t.tag !== '' && t.tag !== '*')
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranked) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

function supported(tag: string): string | null {
  try {
    // Language, script and region only: extensions (`-u-nu-…`) would let a header pick the digits or
    // multiply the locales the server builds formatters for.
    const canonical = new Intl.Locale(tag).baseName;
    // supportedLocalesOf answers with the tag itself when Intl has data for it or for its language.
    return Intl.NumberFormat.supportedLocalesOf(canonical).length > 0 ? canonical : null;
  } catch {
    return null; // not a well-formed BCP 47 tag
  }
}
