import type { LoaderFunctionArgs } from '@remix-run/node';
import { visitCalendar } from '#app/models/visit-calendar.server';
import { notFound } from '#app/utils/http';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Public, like the visit's page: one visit as an .ics file in Europe/Paris time.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = params.id ?? '';
  if (!uuidPattern.test(id)) throw notFound();
  const calendar = await visitCalendar(context.db, id, context.env.appUrl);
  if (!calendar) throw notFound();
  return new Response(calendar.body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${calendar.fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
}
