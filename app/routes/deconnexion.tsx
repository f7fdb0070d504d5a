import { redirect, type ActionFunctionArgs } from '@remix-run/node';

/** Signing out is a POST (a link or prefetch must not end a session); the session row and its sockets go too. */
export async function action({ request, context }: ActionFunctionArgs) {
  const session = await context.auth.getSession(request);
  if (session) {
    await context.auth.invalidateSession(session.id);
    await context.realtime.disconnect({ session: session.id });
  }
  const note = await context.flash.put({ message: 'account.notices.signedOut' });
  return redirect('/', {
    headers: [
      ['Set-Cookie', context.auth.blankCookie()],
      ['Set-Cookie', note],
    ],
  });
}

export function loader() {
  return redirect('/');
}
