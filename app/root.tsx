import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import { ErrorPage, errorTitle } from './components/error-page';
import { useNonce } from './components/nonce';
import { SiteFooter, SiteHeader } from './components/site-header';
import { LiveNotices } from './components/threads/live-notices';
import { i18nConfig } from './i18n';
import { i18next } from './i18next.server';
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
  const payload = {
    locale,
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

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const { t } = useTranslation();
  const nonce = useNonce();
  const locale = data?.locale ?? 'fr';
  return (
    <html lang={locale} dir="ltr" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
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
            <p role="status" className="mb-6 rounded border border-brand-600 bg-brand-50 p-3 text-brand-800 print:hidden">
              {t(data.flash.message, data.flash.values)}
            </p>
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
  const catalogue = i18nConfig.resources[data?.locale === 'en' ? 'en' : 'fr'].translation;
  if (!error) return [{ title: catalogue.meta.title }, { name: 'description', content: catalogue.meta.description }];
  return [{ title: `${errorTitle(error, catalogue.errors)} — ${catalogue.meta.title}` }];
};

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}
