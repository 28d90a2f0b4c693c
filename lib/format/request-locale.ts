// The locale of the request being rendered (server components and server actions), negotiated once
// per request from Accept-Language.
import 'server-only';

import { headers } from 'next/headers';
import { cache } from 'react';

import { formatsFor, type Formats } from './formats';
import { negotiateLocale } from './locale';

export const requestLocale = cache(async (): Promise<string> =>
  negotiateLocale((await headers()).get('accept-language')),
);

/** The formats of the request's locale. */
export const requestFormats = async (): Promise<Formats> => formatsFor(await requestLocale());
