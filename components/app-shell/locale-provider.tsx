'use client';

// Hands the locale the server negotiated for this request (lib/format/request-locale) to client
// components, so their first render formats exactly as the server HTML did.
import { createContext, useContext, type ReactNode } from 'react';

import { formatsFor, type Formats } from '@/lib/format/formats';
import { DEFAULT_LOCALE } from '@/lib/format/locale';

const LocaleContext = createContext<string>(DEFAULT_LOCALE);

export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export const useLocale = (): string => useContext(LocaleContext);

export const useFormats = (): Formats => formatsFor(useLocale());
