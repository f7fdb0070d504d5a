import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveSocket } from '#app/components/realtime/use-live-socket';
import { unreadEvent } from '#app/components/threads/use-live-thread';

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

  return (
    <header className="relative border-b border-gray-300 bg-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="text-xl font-bold text-brand-800 no-underline">
          Erasmus PTCE
        </Link>
        <nav aria-label={t('layout.mainNavigation')} className="ml-auto hidden md:block">
          <NavItems data={data} layout="bar" unread={unread} />
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
            <NavItems data={data} layout="menu" unread={unread} />
          </nav>
        </details>
      </div>
    </header>
  );
}

/** The navigation entries, as a bar (`md` and up) or as the phone menu's list. */
function NavItems({ data, layout, unread }: { data: SiteHeaderData | undefined; layout: 'bar' | 'menu'; unread: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  const bar = layout === 'bar';
  const entry = bar ? 'rounded px-1.5 py-1' : 'block rounded px-3 py-2';
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `${entry} hover:bg-brand-50 ${isActive ? 'font-semibold text-brand-800 underline' : 'text-gray-900 no-underline'}`;
  return (
    <ul className={bar ? 'flex flex-wrap items-center gap-x-1 gap-y-2 text-[15px]' : 'mx-auto flex max-w-6xl flex-col gap-1 px-4 py-3'}>
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
      <li>
        <NavLink to="/visites" className={navClass}>
          {t('layout.visits')}
        </NavLink>
      </li>
      {data?.user ? (
        <li>
          <NavLink to="/conversations" className={navClass}>
            {t('layout.conversations')}
            {unread > 0 ? (
              <span className="ml-1 rounded-full bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white no-underline">
                <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
                <span className="sr-only">{t('liveThread.header.unread', { count: unread })}</span>
              </span>
            ) : null}
          </NavLink>
        </li>
      ) : null}
      {data?.nav.forum ? (
        <li>
          <NavLink to="/forum" className={navClass}>
            {t('forum.nav')}
          </NavLink>
        </li>
      ) : null}
      {data?.nav.twinnings ? (
        <li>
          <NavLink to="/jumelages" className={navClass}>
            {t('twinnings.nav')}
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
  );
}
