import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import { useNonce } from './components/nonce';
import { i18nConfig } from './i18n';
import { i18next } from './i18next.server';
import stylesheet from './tailwind.css?url';
import { can, getActor } from './utils/permissions.server';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, session, actor, { flash, setCookie }] = await Promise.all([
    i18next.getLocale(request),
    context.auth.getSession(request),
    getActor(request, context),
    context.flash.take(request),
  ]);
  const payload = {
    locale,
    flash,
    user: session ? { name: session.user.name } : null,
    nav: {
      coordination: can(actor, { action: 'coordination:access' }),
      administration: can(actor, { action: 'admin:access' }),
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
      <body className="flex min-h-full flex-col bg-white text-gray-900">
        <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
          {t('layout.skipToContent')}
        </a>
        <SiteHeader data={data} />
        <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {data?.flash ? (
            <p role="status" className="mb-6 rounded border border-brand-600 bg-brand-50 p-3 text-brand-800">
              {t(data.flash.message, data.flash.values)}
            </p>
          ) : null}
          {children}
        </main>
        <footer className="border-t border-gray-300 bg-gray-50">
          <p className="mx-auto max-w-6xl px-4 py-6 text-sm text-gray-700">{t('layout.footer')}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader({ data }: { data: ReturnType<typeof useRouteLoaderData<typeof loader>> }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded px-2 py-1 no-underline hover:bg-brand-50 ${isActive ? 'font-semibold text-brand-800 underline' : 'text-gray-900'}`;
  return (
    <header className="border-b border-gray-300 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link to="/" className="text-xl font-bold text-brand-800 no-underline">
          Erasmus PTCE
        </Link>
        <nav aria-label={t('layout.mainNavigation')}>
          <ul className="flex flex-wrap items-center gap-2">
            <li>
              <NavLink to="/poles" className={navClass}>
                {t('layout.directory')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/offres" className={navClass}>
                {t('layout.offers')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/demandes" className={navClass}>
                {t('layout.requests')}
              </NavLink>
            </li>
            {data?.user ? (
              <li>
                <NavLink to="/conversations" className={navClass}>
                  {t('layout.conversations')}
                </NavLink>
              </li>
            ) : null}
            {data?.nav.coordination ? (
              <li>
                <NavLink to="/coordination" className={navClass}>
                  {t('layout.coordination')}
                </NavLink>
              </li>
            ) : null}
            {data?.nav.administration ? (
              <li>
                <NavLink to="/admin" className={navClass}>
                  {t('layout.administration')}
                </NavLink>
              </li>
            ) : null}
            {data?.nav.devOutbox ? (
              <li>
                <NavLink to="/dev/outbox" className={navClass}>
                  {t('layout.devOutbox')}
                </NavLink>
              </li>
            ) : null}
            {data?.user ? (
              <>
                <li>
                  <NavLink to="/compte" className={navClass}>
                    {t('layout.account')}
                  </NavLink>
                </li>
                <li>
                  <Form method="post" action="/deconnexion">
                    <button type="submit" className="rounded px-2 py-1 text-gray-900 underline hover:bg-brand-50">
                      {t('layout.signOut')}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <li>
                <NavLink to="/connexion" className={navClass}>
                  {t('layout.signIn')}
                </NavLink>
              </li>
            )}
            <li>
              <Form method="post" action="/langue">
                <input type="hidden" name="redirectTo" value={here} />
                <input type="hidden" name="lng" value={data?.locale === 'en' ? 'fr' : 'en'} />
                <button
                  type="submit"
                  lang={data?.locale === 'en' ? 'fr' : 'en'}
                  aria-label={t('layout.switchToLabel')}
                  className="rounded border border-gray-500 px-2 py-1 text-sm text-gray-900 hover:bg-brand-50"
                >
                  {t('layout.switchTo')}
                </button>
              </Form>
            </li>
          </ul>
        </nav>
      </div>
    </header>
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
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? catalogue.errors.notFoundTitle : status === 403 ? catalogue.errors.forbiddenTitle : catalogue.errors.serverTitle;
  return [{ title: `${title} — ${catalogue.meta.title}` }];
};

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}

/** French (or English) error page for any status; never the error's details. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 404
      ? [t('errors.notFoundTitle'), t('errors.notFoundText')]
      : status === 403
        ? [t('errors.forbiddenTitle'), t('errors.forbiddenText')]
        : [t('errors.serverTitle'), t('errors.serverText')];
  return (
    <section aria-labelledby="error-title" className="max-w-2xl">
      <p className="text-sm font-semibold text-gray-700">{status === 404 || status === 403 ? `Erreur ${status}` : 'Erreur 500'}</p>
      <h1 id="error-title" className="mt-2 text-3xl font-bold">
        {title}
      </h1>
      <p className="mt-4 text-lg">{text}</p>
      <p className="mt-6">
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </section>
  );
}
