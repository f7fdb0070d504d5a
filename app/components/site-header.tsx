import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveSocket } from '#app/components/realtime/use-live-socket';
import { unreadEvent } from '#app/components/threads/use-live-thread';
import { buttonClass } from '#app/components/ui';

/** What the header needs from the root loader. */
export type SiteHeaderData = {
  locale: string;
  user: { id: string; name: string } | null;
  /** Unread messages in the threads the person follows. */
  unread: number;
  nav: { forum: boolean; coordination: boolean; twinnings: boolean; administration: boolean; devOutbox: boolean };
};

/**
 * The unread count, kept current with JavaScript: a `message:new` for a thread not on screen adds
 * one; a thread page that marks messages read gives the new total (`unreadEvent`). The loader's
 * count wins each time the root loader runs again.
 */
function useUnread(data: SiteHeaderData | undefined): number {
  const loaded = data?.unread ?? 0;
  const [unread, setUnread] = useState(loaded);
  const [loadedBefore, setLoadedBefore] = useState(loaded);
  if (loaded !== loadedBefore) {
    setLoadedBefore(loaded);
    setUnread(loaded);
  }
  const userId = data?.user?.id ?? null;
  const { socket } = useLiveSocket(userId !== null);
  useEffect(() => {
    if (!socket) return;
    const onNew = (payload: { threadId: string; authorId: string }) => {
      if (payload.authorId === userId) return;
      // The page showing that thread marks it read and reports the total itself.
      if (document.querySelector(`[data-live-thread="${payload.threadId}"]`)) return;
      setUnread((count) => count + 1);
    };
    socket.on('message:new', onNew);
    return () => {
      socket.off('message:new', onNew);
    };
  }, [socket, userId]);
  useEffect(() => {
    const onTotal = (event: Event) => setUnread((event as CustomEvent<number>).detail);
    window.addEventListener(unreadEvent, onTotal);
    return () => window.removeEventListener(unreadEvent, onTotal);
  }, []);
  return unread;
}

/**
 * The site's header. From the `md` breakpoint the navigation is one horizontal bar; below it, a
 * « Menu » disclosure holds the same entries one per line, so a phone's header stays one line.
 * The disclosure is a <details>: it opens and closes without JavaScript, and browsers expose its
 * summary as a button with its expanded state.
 */
export function SiteHeader({ data }: { data: SiteHeaderData | undefined }) {
  const { t } = useTranslation();
  const unread = useUnread(data);
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  const shownKey = useRef(location.key);

  // A client-side navigation keeps the header in place: close the menu once one of its entries has
  // been followed (a full page load, without JavaScript, starts closed anyway).
  useEffect(() => {
    if (shownKey.current === location.key) return;
    shownKey.current = location.key;
    if (menu.current) menu.current.open = false;
  }, [location.key]);

  // The open menu lies over the page: a pointer or the focus going elsewhere closes it, so it never
  // hides what is being used (WCAG 2.4.11); Escape closes it and gives the focus back to « Menu ».
  useEffect(() => {
    function closeFromOutside(event: PointerEvent) {
      const details = menu.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    }
    document.addEventListener('pointerdown', closeFromOutside);
    return () => document.removeEventListener('pointerdown', closeFromOutside);
  }, []);

  function closeWhenFocusLeaves(event: FocusEvent<HTMLDetailsElement>) {
    const details = menu.current;
    if (details?.open && event.relatedTarget && !details.contains(event.relatedTarget as Node)) details.open = false;
  }

  function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
    if (event.key !== 'Escape' || !menu.current?.open) return;
    menu.current.open = false;
    menu.current.querySelector('summary')?.focus();
  }

  const signedIn = Boolean(data?.user);
  return (
    <header className="relative border-b border-brand-100 bg-white shadow-sm print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="flex items-center gap-2 text-xl font-bold text-brand-900 no-underline hover:text-brand-900">
          <BrandMark />
          <span>
            Erasmus <span className="text-accent-700">PTCE</span>
          </span>
        </Link>
        {/* Signed out, the few entries fit beside the name; signed in, the places get a bar of their own below. */}
        <nav aria-label={signedIn ? t('layout.toolsNavigation') : t('layout.mainNavigation')} className="ml-auto hidden md:block">
          <ul className="flex flex-wrap items-center gap-x-1 gap-y-2 text-[15px]">
            {signedIn ? null : <Places data={data} layout="bar" unread={unread} />}
            <Tools data={data} layout="bar" />
          </ul>
        </nav>
        <details ref={menu} onKeyDown={closeOnEscape} onBlur={closeWhenFocusLeaves} className="group md:hidden">
          <summary className="flex cursor-pointer list-none items-center gap-2 rounded border border-gray-500 px-3 py-1.5 font-medium text-gray-900 hover:bg-brand-50 group-open:bg-brand-50 [&::-webkit-details-marker]:hidden">
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 fill-none stroke-current stroke-2" focusable="false">
              <path className="group-open:hidden" strokeLinecap="round" d="M3 5h14M3 10h14M3 15h14" />
              <path className="hidden group-open:block" strokeLinecap="round" d="M5 5l10 10M15 5L5 15" />
            </svg>
            {t('layout.menu')}
          </summary>
          <nav aria-label={t('layout.mainNavigation')} className="absolute inset-x-0 top-full z-40 border-b border-gray-300 bg-white shadow-lg">
            <ul className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-3">
              <Places data={data} layout="menu" unread={unread} />
              <Tools data={data} layout="menu" />
            </ul>
          </nav>
        </details>
      </div>
      {signedIn ? (
        <nav aria-label={t('layout.mainNavigation')} className="hidden border-t border-brand-100 bg-brand-50/60 md:block">
          <ul className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-1 gap-y-1 px-3 py-1.5 text-[15px]">
            <Places data={data} layout="bar" unread={unread} />
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

/** Two poles passing know-how to each other: the site's mark, decoration only (the name follows it). */
function BrandMark() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 32 32" className="h-8 w-8 shrink-0">
      <circle cx="12" cy="16" r="9" className="fill-brand-700" />
      <circle cx="21" cy="16" r="9" className="fill-accent-600 opacity-90" />
      <path d="M16.5 8.2a9 9 0 0 1 0 15.6 9 9 0 0 1 0-15.6z" className="fill-brand-900" />
    </svg>
  );
}

type Layout = 'bar' | 'menu';

function entryClasses(layout: Layout) {
  const entry = layout === 'bar' ? 'rounded px-1.5 py-1' : 'block rounded px-3 py-2';
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `${entry} hover:bg-brand-50 ${isActive ? 'bg-brand-50 font-semibold text-brand-800 underline' : 'text-gray-900 no-underline'}`;
  return { entry, navClass };
}

/** The places of the site (lists, the person's desks), as a bar (`md` and up) or in the phone menu. */
function Places({ data, layout, unread }: { data: SiteHeaderData | undefined; layout: Layout; unread: number }) {
  const { t } = useTranslation();
  const { navClass } = entryClasses(layout);
  const entries: Array<[string, string, ReactNode?]> = [];
  if (data?.user) entries.push(['/tableau-de-bord', t('dashboard.nav')]);
  entries.push(['/poles', t('layout.directory')], ['/offres', t('layout.offers')], ['/demandes', t('layout.requests')], ['/visites', t('layout.visits')]);
  if (data?.user) {
    const badge =
      unread > 0 ? (
        <span className="ml-1 rounded-full bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white no-underline">
          <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
          <span className="sr-only">{t('liveThread.header.unread', { count: unread })}</span>
        </span>
      ) : null;
    entries.push(['/conversations', t('layout.conversations'), badge]);
  }
  if (data?.nav.forum) entries.push(['/forum', t('forum.nav')]);
  if (data?.nav.twinnings) entries.push(['/jumelages', t('twinnings.nav')]);
  if (data?.nav.coordination) entries.push(['/coordination', t('layout.coordination')]);
  if (data?.nav.administration) entries.push(['/admin', t('layout.administration')]);
  if (data?.nav.devOutbox) entries.push(['/dev/outbox', t('layout.devOutbox')]);
  return (
    <>
      {entries.map(([to, label, extra]) => (
        <li key={to}>
          <NavLink to={to} className={navClass}>
            {label}
            {extra}
          </NavLink>
        </li>
      ))}
    </>
  );
}

/** The person's own tools: the account, signing in or out, the language. */
function Tools({ data, layout }: { data: SiteHeaderData | undefined; layout: Layout }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  const { entry, navClass } = entryClasses(layout);
  const bar = layout === 'bar';
  return (
    <>
      {data?.user ? (
        <>
          <li>
            <NavLink to="/compte" className={navClass}>
              {t('layout.account')}
            </NavLink>
          </li>
          <li>
            <Form method="post" action="/deconnexion">
              <button type="submit" className={`${entry} ${bar ? '' : 'w-full text-left'} text-gray-900 underline hover:bg-brand-50`}>
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
      <li className={bar ? undefined : 'mt-2 border-t border-gray-300 px-3 pt-3'}>
        <Form method="post" action="/langue">
          <input type="hidden" name="redirectTo" value={here} />
          <input type="hidden" name="lng" value={data?.locale === 'en' ? 'fr' : 'en'} />
          <button type="submit" lang={data?.locale === 'en' ? 'fr' : 'en'} aria-label={t('layout.switchToLabel')} className={buttonClass('secondary', 'sm')}>
            {t('layout.switchTo')}
          </button>
        </Form>
      </li>
    </>
  );
}

/** The footer: where to go next (the lists, the regional bodies, the way in) and where the programme comes from. */
export function SiteFooter({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const links: Array<[string, string]> = [
    ['/offres', t('layout.offers')],
    ['/demandes', t('layout.requests')],
    ['/visites', t('layout.visits')],
    ['/poles', t('layout.directory')],
    ['/coordinations', t('layout.regionalBodies')],
  ];
  if (!signedIn) links.push(['/inscrire-mon-pole', t('layout.joinPole')]);
  return (
    <footer className="mt-12 border-t border-brand-100 bg-brand-900 text-brand-50 print:hidden">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 sm:grid-cols-3">
        <div className="space-y-2 sm:col-span-2">
          <p className="flex items-center gap-2 text-lg font-bold text-white">
            <BrandMark />
            Erasmus PTCE
          </p>
          <p className="text-sm">{t('layout.footer')}</p>
        </div>
        <nav aria-label={t('layout.footerNavigation')}>
          <ul className="space-y-1 text-sm">
            {links.map(([to, label]) => (
              <li key={to}>
                <Link to={to} className="text-white underline hover:text-brand-100 focus-visible:outline-white">
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
