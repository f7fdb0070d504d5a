import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import type { ClientLoaderFunctionArgs } from '@remix-run/react';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from '@remix-run/react';
import { useState, type ReactNode } from 'react';
import i18nextBrowser from 'i18next';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import { ErrorPage, errorTitle } from './components/error-page';
import { useNonce } from './components/nonce';
import { SiteFooter, SiteHeader } from './components/site-header';
import { LiveNotices } from './components/threads/live-notices';
import { Notice } from './components/ui';
import { isLanguage } from './i18n';
import { i18next } from './i18next.server';
import { textsAddress } from './locales/catalogues.server';
import { loadTexts, textsOf } from './locales/texts';
import stylesheet from './tailwind.css?url';
import { followsTwinnings } from './models/twinnings.server';
import { unreadTotal } from './models/thread-reads.server';
import { allowed, getActor } from './utils/permissions.server';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // A request refused at the edge (server/request-guard.ts) is rendered as its error page here.
  if (context.refusedStatus) throw new Response(null, { status: context.refusedStatus });
  const [locale, session, actor, { flash, setCookie }] = await Promise.all([
    i18next.getLocale(request),
    context.auth.getSession(request),
    getActor(request, context),
    context.flash.take(request),
  ]);
  const language = isLanguage(locale) ? locale : 'fr';
  const payload = {
    locale: language,
    // Where the browser finds this language's texts (`routes/textes.$lng.ts`).
    texts: textsAddress(language),
    flash,
    user: session ? { id: session.user.id, name: session.user.name } : null,
    // Unread messages of the threads the person follows (live on the pages with JavaScript).
    unread: session ? await unreadTotal(context.db, session.user.id) : 0,
    nav: {
      forum: session !== null,
      coordination: allowed(actor, { action: 'coordination:access' }),
      twinnings: followsTwinnings(actor),
      administration: allowed(actor, { action: 'admin:access' }),
      devOutbox: context.env.nodeEnv !== 'production',
    },
  };
  return setCookie ? data(payload, { headers: { 'Set-Cookie': setCookie } }) : payload;
}

/**
 * In the browser, after a sign-in or a language switch the pages may need the other language's
 * texts: they are fetched before the new page renders.
 */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const payload = await serverLoader<typeof loader>();
  await loadTexts(i18nextBrowser, payload.locale, payload.texts);
  return payload;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const { t } = useTranslation();
  const nonce = useNonce();
  // Preloaded for the document's own start only: later pages' texts come through `clientLoader`.
  const [preloadTexts] = useState(data?.texts);
  const locale = data?.locale ?? 'fr';
  return (
    <html lang={locale} dir="ltr" className="h-full" data-texts={data?.texts}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {preloadTexts ? <link rel="preload" href={preloadTexts} as="fetch" crossOrigin="anonymous" /> : null}
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col bg-canvas font-sans text-gray-900">
        <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
          {t('layout.skipToContent')}
        </a>
        <SiteHeader data={data} />
        {data?.user ? <LiveNotices userId={data.user.id} /> : null}
        <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 print:max-w-none print:p-0">
          {data?.flash ? (
            <Notice tone="success" role="status" className="mb-6 print:hidden">
              <p>{t(data.flash.message, data.flash.values)}</p>
            </Notice>
          ) : null}
          {children}
        </main>
        <SiteFooter signedIn={Boolean(data?.user)} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>('root');
  useChangeLanguage(data?.locale ?? 'fr');
  return <Outlet />;
}

/** Pages set their own titles; this one serves the error pages and anything without a title. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const catalogue = textsOf(data?.locale);
  if (!error) return [{ title: catalogue.meta.title }, { name: 'description', content: catalogue.meta.description }];
  return [{ title: `${errorTitle(error, catalogue.errors)} — ${catalogue.meta.title}` }];
};

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}
