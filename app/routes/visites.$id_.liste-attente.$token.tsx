import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SubmitButton } from '#app/components/forms';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { leaveWaitingListPath, visitPath } from '#app/domain/paths';
import { leaveWaitingList } from '#app/models/visit-bookings.server';
import { waitingBookingOfToken } from '#app/models/visit-page.server';
import { hashToken } from '#app/utils/crypto.server';
import { notFound } from '#app/utils/http';
import { isUuid } from '#app/utils/uuid';

/**
 * The « leave the waiting list » link of the waiting list's mails. The token is the key (no
 * account needed). A GET only shows what will happen; the button POSTs. An unknown or used
 * token is a 404 page, never an error.
 */

/** A token is a URL-safe random string: anything else is not worth a query. */
const tokenPattern = /^[A-Za-z0-9_-]{16,128}$/;

async function requireLink(context: LoaderFunctionArgs['context'], params: LoaderFunctionArgs['params']) {
  const { id, token } = params;
  if (!isUuid(id) || typeof token !== 'string' || !tokenPattern.test(token)) throw notFound();
  const found = await waitingBookingOfToken(context.db, hashToken(token));
  if (!found || found.visitId !== id) throw notFound();
  return { found, token };
}

export async function loader({ context, params }: LoaderFunctionArgs) {
  const { found } = await requireLink(context, params);
  return {
    visit: { id: found.visitId, title: found.visitTitle, startsAt: found.startsAt },
    pole: found.poleName,
    state: found.state,
    position: found.waitingPosition,
  };
}

export async function action({ context, params }: ActionFunctionArgs) {
  const { found, token } = await requireLink(context, params);
  const outcome = await leaveWaitingList(context, { token });
  if (outcome.status === 'not-found') throw notFound();
  if (outcome.status === 'left') {
    const note = await context.flash.put({ message: 'visits.notices.left' });
    return redirect(visitPath(found.visitId), { headers: { 'Set-Cookie': note } });
  }
  // No longer waiting (promoted or cancelled meanwhile): the page says so.
  return redirect(leaveWaitingListPath(found.visitId, token));
}

export default function LeaveWaitingList() {
  const { visit, pole, state, position } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  return (
    <article className="max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold text-gray-900">{t('visits.leave.title')}</h1>
      {state === 'waiting' ? (
        <>
          <p>{t('visits.leave.explain', { pole, position: position ?? '', visit: visit.title, date: dateTime(visit.startsAt) })}</p>
          <Form method="post">
            <SubmitButton>{t('visits.leave.submit')}</SubmitButton>
          </Form>
        </>
      ) : (
        <p role="status">{t('visits.leave.notWaiting', { state: t(`visits.bookingStates.${state}`) })}</p>
      )}
      <p>
        <Link to={visitPath(visit.id)} className="text-brand-800 underline">
          {t('visits.leave.see')}
        </Link>
      </p>
    </article>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaCatalogue(matches).visits.leave.title} — Erasmus PTCE` }];
