import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { isLanguage } from '#app/i18n';
import { serializeLanguageCookie } from '#app/i18next.server';
import { setAccountLanguage } from '#app/models/accounts.server';
import { safeRedirectPath } from '#app/utils/redirect';
import { readForm } from '#app/utils/form.server';

/**
 * The language switch: a plain form post, so it works without JavaScript. A signed-in person's
 * choice is also saved on the account: their mails follow it, and so do their pages on the next sign-in.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const language = form.get('lng');
  const target = safeRedirectPath(form.get('redirectTo'));
  if (!isLanguage(language)) return redirect(target);
  const session = await context.auth.getSession(request);
  if (session) await setAccountLanguage(context.db, session.user.id, language);
  return redirect(target, { headers: { 'Set-Cookie': await serializeLanguageCookie(language, { secure: context.env.secureCookies }) } });
}

export function loader() {
  return redirect('/');
}
