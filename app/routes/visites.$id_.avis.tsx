import { parseWithZod } from '@conform-to/zod';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { metaCatalogue } from '#app/components/format';
import { Card, Notice } from '#app/components/ui';
import { AfterVisitHeader } from '#app/components/visits/visit-after';
import { FeedbackForm, FeedbackList, FeedbackView, type FeedbackReply } from '#app/components/visits/visit-feedback';
import { visitPath } from '#app/domain/paths';
import { afterVisitRefusalKeys, feedbackSchema } from '#app/domain/visits/attendance';
import { afterVisitHeading, type AfterVisitHeading } from '#app/models/visit-attendance.server';
import { feedbackOfVisit, giveFeedback, ownFeedbackBookings, type OwnBooking } from '#app/models/visit-feedback.server';
import { findBookingRef } from '#app/models/visit-page.server';
import { requireSession } from '#app/utils/auth.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { redirectWithNote } from '#app/utils/market-routes.server';
import { allowed, getActor, type Actor } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';

/**
 * /visites/<id>/avis. A member of a pole that came (`visit:booking`, the host having marked one of
 * its participants present) gives the pole's feedback, once; the host pole's members and the
 * region's coordinators (`visit:read-feedback`) read every feedback with the average. A booked
 * pole not (yet) marked present is told why it cannot; anyone else gets the 404 of a missing visit.
 */

async function requireVisit({ request, context, params }: LoaderFunctionArgs | ActionFunctionArgs): Promise<{ visit: AfterVisitHeading; actor: Actor }> {
  const visit = isUuid(params.id) ? await afterVisitHeading(context.db, params.id) : null;
  if (!visit) throw notFound();
  await requireSession(request, context);
  const actor = await getActor(request, context);
  if (!actor) throw notFound();
  return { visit, actor };
}

export async function loader(args: LoaderFunctionArgs) {
  const { visit, actor } = await requireVisit(args);
  const { db } = args.context;
  const reads = allowed(actor, { action: 'visit:read-feedback', visit: { poleId: visit.host.id, regionCode: visit.host.regionCode } });
  // The viewer's own poles' bookings (a pole never books its own visit).
  const guestPoles = [...actor.poleRoles.keys()].filter(
    (poleId) => poleId !== visit.host.id && allowed(actor, { action: 'visit:booking', booking: { poleId } }),
  );
  const own = await ownFeedbackBookings(db, visit, guestPoles, new Date());
  if (!reads && own.length === 0) throw notFound();
  return { visit, own, feedback: reads ? await feedbackOfVisit(db, visit.id) : null };
}

const schema = feedbackSchema.extend({
  bookingId: z.string({ required_error: 'visits.problems.unknownIntent' }).uuid('visits.problems.unknownIntent'),
});

export async function action(args: ActionFunctionArgs) {
  const { visit, actor } = await requireVisit(args);
  const submission = parseWithZod(await readForm(args.request), { schema });
  const bookingId = typeof submission.payload.bookingId === 'string' ? submission.payload.bookingId : '';
  // The right first, so a refusal is a 404 whatever the rest of the form holds.
  if (isUuid(bookingId)) {
    const booking = await findBookingRef(args.context.db, bookingId);
    if (!booking || booking.visitId !== visit.id || !allowed(actor, { action: 'visit:booking', booking })) throw notFound();
  }
  if (submission.status !== 'success') return data<FeedbackReply>({ bookingId, result: submission.reply() }, { status: 400 });
  const { bookingId: _bookingId, ...feedback } = submission.value;
  const outcome = await giveFeedback(args.context, { visitId: visit.id, bookingId, actorId: actor.userId, feedback });
  if (outcome.status === 'not-found') throw notFound();
  if (outcome.status === 'refused') {
    return data<FeedbackReply>({ bookingId, result: submission.reply(), problem: afterVisitRefusalKeys[outcome.reason] }, { status: 409 });
  }
  return redirectWithNote(args.context, visitPath(visit.id, 'avis'), 'visitAfter.notices.feedbackGiven', visit.title);
}

function OwnFeedback({ booking, reply }: { booking: OwnBooking; reply: FeedbackReply | undefined }) {
  const { t } = useTranslation();
  const problem = reply?.bookingId === booking.id ? reply.problem : undefined;
  const headingId = `own-${booking.id}`;
  let body;
  if (booking.feedback) body = <FeedbackView entry={booking.feedback} heading="h3" />;
  else if (booking.refusal === 'not-came' && booking.attendance === 'unmarked') body = <p>{t('visitAfter.feedback.unmarked')}</p>;
  else if (booking.refusal) body = <p>{t(afterVisitRefusalKeys[booking.refusal])}</p>;
  else
    body = (
      <>
        <p className="text-gray-700">{t('visitAfter.feedback.formIntro')}</p>
        <FeedbackForm bookingId={booking.id} reply={reply} />
      </>
    );
  return (
    <Card as="section" tone="brand" aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-xl font-semibold text-gray-900">
        {t('visitAfter.feedback.mine', { pole: booking.pole.name })}
      </h2>
      {problem ? (
        <Notice tone="danger" role="alert">
          {t(problem)}
        </Notice>
      ) : null}
      {body}
    </Card>
  );
}

export default function FeedbackPage() {
  const { visit, own, feedback } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <article className="max-w-4xl space-y-6">
      <AfterVisitHeader visit={visit} title={t('visitAfter.feedback.title', { title: visit.title })} />
      {own.map((booking) => (
        <OwnFeedback key={booking.id} booking={booking} reply={reply} />
      ))}
      {feedback ? <FeedbackList entries={feedback.entries} summary={feedback.summary} /> : null}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: `${catalogue.visitAfter.feedback.metaTitle}${loaded ? ` — ${loaded.visit.title}` : ''} — Erasmus PTCE` }];
};
