import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { secondaryButtonClass } from '#app/components/forms';
import { metaCatalogue } from '#app/components/format';
import { AfterVisitHeader } from '#app/components/visits/visit-after';
import { afterVisitHeading, attendanceSheet } from '#app/models/visit-attendance.server';
import { notFound } from '#app/utils/http';
import { requirePermission } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';

/**
 * /visites/<id>/emargement: the attendance sheet the host prints for the day (participants of the
 * confirmed bookings, by pole, with a column to sign). Host pole members only (`visit:host`), like
 * every page with participants' names; the site's header and footer are hidden in print.
 */

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const visit = isUuid(params.id) ? await afterVisitHeading(context.db, params.id) : null;
  if (!visit) throw notFound();
  await requirePermission(request, context, { action: 'visit:host', visit: { poleId: visit.host.id } });
  return { visit, bookings: await attendanceSheet(context.db, visit.id) };
}

/** « Imprimer » needs JavaScript (window.print): it appears once the page is live; the sentence says what to do without. */
function PrintButton() {
  const { t } = useTranslation();
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  return (
    <div className="space-y-2 print:hidden">
      {live ? (
        <button type="button" onClick={() => window.print()} className={secondaryButtonClass}>
          {t('visitAfter.sheet.print')}
        </button>
      ) : null}
      <p className="text-sm text-gray-700">{t('visitAfter.sheet.howToPrint')}</p>
    </div>
  );
}

export default function AttendanceSheetPage() {
  const { visit, bookings } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const cell = 'border border-gray-500 px-3 py-2 text-left align-top';
  return (
    <article className="max-w-4xl space-y-6 print:max-w-none">
      <AfterVisitHeader visit={visit} title={t('visitAfter.sheet.title', { title: visit.title })}>
        {visit.state === 'cancelled' ? <p className="font-semibold text-red-800">{t('visitAfter.sheet.cancelled')}</p> : null}
        <PrintButton />
      </AfterVisitHeader>
      {bookings.length === 0 ? (
        <p>{t('visitAfter.sheet.none')}</p>
      ) : (
        <table className="w-full border-collapse">
          <caption className="mb-2 text-left font-semibold">{t('visitAfter.sheet.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className={`${cell} w-1/4`}>
                {t('visitAfter.sheet.pole')}
              </th>
              <th scope="col" className={`${cell} w-1/3`}>
                {t('visitAfter.sheet.participant')}
              </th>
              <th scope="col" className={cell}>
                {t('visitAfter.sheet.signature')}
              </th>
            </tr>
          </thead>
          <tbody>
            {bookings.flatMap((booking) =>
              booking.participants.map((participant) => (
                <tr key={participant.id} className="h-14 break-inside-avoid">
                  <td className={cell}>{booking.pole.name}</td>
                  <th scope="row" className={`${cell} font-normal`}>
                    {participant.name}
                  </th>
                  <td className={cell} />
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: `${catalogue.visitAfter.sheet.metaTitle}${loaded ? ` — ${loaded.visit.title}` : ''} — Erasmus PTCE` }];
};
