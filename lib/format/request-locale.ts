// The locale of the request being rendered (server components and server actions), negotiated once
// per request from Accept-Language; the default locale outside a request (a script, a test).
import 'server-only';

import { headers } from 'next/headers';
import { cache } from 'react';

import { formatsFor, type Formats } from './formats';
import { DEFAULT_LOCALE, negotiateLocale } from './locale';

export const requestLocale = cache(async (): Promise<string> => {
  let header: string | null;
  try {
    header = (await headers()).get('accept-language');
  } catch {
    // headers() throws outside a request scope: there is no reader to ask.
    return DEFAULT_LOCALE;
  }
  return negotiateLocale(header);
});

/** The formats of the request's locale. */
export const requestFormats = async (): Promise<Formats> => formatsFor(await requestLocale());
