// Root layout: document shell, global styles, the app header shared by every page, and the request's
// formatting locale for client components (the interface's words are English: lang stays `en`).
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';

import { AppHeader } from '@/components/app-shell/app-header';
import { LocaleProvider } from '@/components/app-shell/locale-provider';
import { requestLocale } from '@/lib/format/request-locale';

import './globals.css';

export const metadata: Metadata = {
  title: {
    default: 'Fraud Review Console',
    template: '%s · Fraud Review Console',
  },
  description:
    'Card-fraud review console: triage flagged card transactions, see why the model scored them, and record decisions with an audit trail.',
  applicationName: 'Fraud Review Console',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  themeColor: '#ffffff',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <LocaleProvider locale={await requestLocale()}>
          <AppHeader />
          {children}
        </LocaleProvider>
      </body>
    </html>
  );
}
