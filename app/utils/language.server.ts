import { serializeLanguageCookie } from '#app/i18next.server';
import { getAccountLanguage } from '#app/models/accounts.server';
import type { Database } from '#db/client';

/**
 * At sign-in the pages switch to the account's language by setting the `lng` cookie from it, so
 * everything that reads the page's language (the root, the server render, actions' messages) keeps
 * reading that one cookie and never needs the session.
 */
export async function accountLanguageCookie(context: { db: Database; env: { secureCookies: boolean } }, userId: string): Promise<string> {
  return serializeLanguageCookie(await getAccountLanguage(context.db, userId), { secure: context.env.secureCookies });
}
