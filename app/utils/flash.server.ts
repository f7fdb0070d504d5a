import { createCookieSessionStorage } from '@remix-run/node';

/** A one-time note shown on the next page after a redirect ("Vous êtes déconnecté·e."). */
export type Flash = { message: string; values?: Record<string, string> };
export type FlashMessages = ReturnType<typeof createFlashMessages>;

/**
 * Kept in a short-lived cookie signed with SESSION_SECRET, so it needs no database and works
 * without JavaScript. `message` is a catalogue key; the root layout translates and shows it.
 */
export function createFlashMessages(options: { secret: string; secure: boolean }) {
  const storage = createCookieSessionStorage<Record<string, never>, { flash: Flash }>({
    cookie: {
      name: options.secure ? '__Host-ptce_flash' : 'ptce_flash',
      secrets: [options.secret],
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: '/',
      maxAge: 60,
    },
  });
  return {
    /** The Set-Cookie header that carries the note to the next page. */
    async put(flash: Flash): Promise<string> {
      const session = await storage.getSession();
      session.flash('flash', flash);
      return storage.commitSession(session);
    },
    /** The pending note, and the Set-Cookie header that consumes it. */
    async take(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
      const session = await storage.getSession(request.headers.get('Cookie'));
      const flash = session.get('flash') ?? null;
      return { flash, setCookie: flash ? await storage.destroySession(session) : null };
    },
  };
}
