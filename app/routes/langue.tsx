import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { isLanguage } from '#app/i18n';
import { languageCookie } from '#app/i18next.server';
import { safeRedirectPath } from '#app/utils/redirect';

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = form.get('lng');
  const target = safeRedirectPath(form.get('redirectTo'));
  if (!isLanguage(language)) return redirect(target);
  return redirect(target, { headers: { 'Set-Cookie': await languageCookie.serialize(language) } });
}

export function loader() {
  return redirect('/');
}
