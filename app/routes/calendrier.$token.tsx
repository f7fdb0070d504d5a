import type { LoaderFunctionArgs } from '@remix-run/node';
import { calendarFeed } from '#app/models/visit-calendar.server';
import { notFound } from '#app/utils/http';

// The private feed: the token in the address is the only key (calendar apps send no cookie).
export async function loader({ params, context }: LoaderFunctionArgs) {
  const body = await calendarFeed(context.db, params.token ?? '', context.env.appUrl);
  if (body === null) throw notFound();
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="visites-erasmus-ptce.ics"',
      'Cache-Control': 'private, no-store',
      // The address is a secret: never sent on to another site, never indexed.
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    },
  });
}
