import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { metaCatalogue } from '#app/components/format';
import { HowToJoin } from '#app/components/joining/how-to-join';
import { poleMapLinks } from '#app/components/map/pole-map';
import { Card, Notice } from '#app/components/ui';
import { LiveSeats } from '#app/components/visits/live-seats';
import { VisitFactsList } from '#app/components/visits/visit-page-facts';
import { BookForm, HostBookings, OwnBookings, type VisitReply } from '#app/components/visits/visit-page-forms';
import { VisitAfter } from '#app/components/visits/visit-after';
import { visitDiscussionPath, visitPath } from '#app/domain/paths';
import { bookingRefusal, hasStarted, liveBookingStates, maxParticipants, refusalKeys, type BookingState } from '#app/domain/visits/booking';
import { bookingSchema, cancellationSchema } from '#app/domain/visits/booking-schemas';
import { bookVisit, cancelBooking, confirmBooking, declineBooking, leaveWaitingListWith } from '#app/models/visit-bookings.server';
import { afterVisitLinks } from '#app/models/visit-feedback.server';
import { findVisitForThread } from '#app/models/forum.server';
import { bookingsOfPoles, findBookingRef, findVisitRef, getVisitPage, hostBookings, polesOf, type VisitPage } from '#app/models/visit-page.server';
import { requireSession } from '#app/utils/auth.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { allowed, can, getActor, requirePermission, type Actor } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';

export const links: LinksFunction = () => poleMapLinks;

const bookingId = z.string({ required_error: 'visits.problems.unknownIntent' }).uuid('visits.problems.unknownIntent');

/** Every form of the page, told apart by its `intent`; the fields come from the domain's schemas. */
function actionSchema(seats: number) {
  return z.discriminatedUnion(
    'intent',
    [
      bookingSchema(seats).extend({ intent: z.literal('book') }),
      cancellationSchema.extend({ intent: z.literal('cancelBooking'), bookingId }),
      z.object({ intent: z.literal('leave'), bookingId }),
      z.object({ intent: z.literal('confirm'), bookingId }),
      cancellationSchema.extend({ intent: z.literal('decline'), bookingId }),
    ],
    { errorMap: () => ({ message: 'visits.problems.unknownIntent' }) },
  );
}

async function requireVisit(context: LoaderFunctionArgs['context'], params: LoaderFunctionArgs['params']): Promise<VisitPage> {
  if (!isUuid(params.id)) throw notFound();
  const visit = await getVisitPage(context.db, params.id);
  if (!visit) throw notFound();
  return visit;
}

/** Why booking is closed for everyone (cancelled, past, past its deadline), or null. */
function closedReason(visit: VisitPage, now: Date) {
  const refusal = bookingRefusal({ visit: { ...visit, poleId: visit.host.id }, poleId: '', participants: 0, now });
  return refusal === 'visit-cancelled' || refusal === 'visit-past' || refusal === 'deadline-passed' ? refusal : null;
}

const isLive = (state: BookingState) => (liveBookingStates as readonly BookingState[]).includes(state);

/** The poles the person may book this visit for now (validated, not the host, no live booking yet). */
async function bookablePoles(context: LoaderFunctionArgs['context'], actor: Actor | null, visit: VisitPage, liveOf: ReadonlySet<string>) {
  if (!actor) return [];
  const poles = await polesOf(context.db, [...actor.poleRoles.keys()]);
  return poles.filter((pole) => !liveOf.has(pole.id) && allowed(actor, { action: 'visit:book', fromPole: pole, visit: { poleId: visit.host.id } }));
}

async function mayReadDiscussion(context: LoaderFunctionArgs['context'], actor: Actor, visitId: string) {
  const found = await findVisitForThread(context.db, visitId);
  return found !== null && allowed(actor, { action: 'thread:read', thread: found.access });
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const visit = await requireVisit(context, params);
  // The page is public: a visitor reads the facts and the counts, never a participant's name.
  const actor = await getActor(request, context);
  const hosted = { poleId: visit.host.id };
  const isHost = allowed(actor, { action: 'visit:host', visit: hosted });
  const guestPoleIds = actor ? [...actor.poleRoles.keys()].filter((id) => id !== visit.host.id) : [];
  const own = await bookingsOfPoles(context.db, visit.id, guestPoleIds);
  const now = new Date();
  const closed = closedReason(visit, now);
  const bookable = closed
    ? []
    : await bookablePoles(context, actor, visit, new Set(own.filter((booking) => isLive(booking.state)).map((booking) => booking.pole.id)));
  return {
    visit,
    closed,
    // Once the visit has begun, bookings are no longer cancelled, confirmed or declined: attendance says who came.
    started: hasStarted(visit, now),
    signedIn: actor !== null,
    isHost,
    canEdit: allowed(actor, { action: 'visit:edit', visit: hosted }),
    own,
    hostList: isHost ? await hostBookings(context.db, visit.id) : null,
    bookable: bookable.map((pole) => ({ id: pole.id, name: pole.name })),
    maxParticipants: maxParticipants(visit.seats),
    // Attendance, the printable sheet and feedback: links for the host, feedback readers and poles that came.
    after: await afterVisitLinks(context.db, actor, visit, now),
    // The visit's discussion (issue 11): the host, the booked poles and their region's moderators.
    discussion: actor !== null && (await mayReadDiscussion(context, actor, visit.id)),
  };
}

/** One participant per line (or per field): empty lines are ignored. */
function participantsOf(form: FormData) {
  const names = form
    .getAll('participants')
    .flatMap((value) => (typeof value === 'string' ? value.split(/\r?\n/) : []))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  form.delete('participants');
  for (const name of names) form.append('participants', name);
  return form;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // What the acts need of the visit (its seats and host): the page's facts are read again after the redirect.
  const visit = isUuid(params.id) ? await findVisitRef(context.db, params.id) : null;
  if (!visit) throw notFound();
  await requireSession(request, context);
  const submission = parseWithZod(participantsOf(await readForm(request)), { schema: actionSchema(visit.seats) });
  const { payload } = submission;
  const hosted = { poleId: visit.poleId };

  const replyTo = { intent: String(payload.intent ?? ''), ...(typeof payload.bookingId === 'string' ? { bookingId: payload.bookingId } : {}) };
  // The right each intent needs, read before validation: a refusal is a 404, not a 400. A
  // malformed pole or booking id fails the schema below (a 400), so no success skips a check.
  let actor = await getActor(request, context);
  if (!actor) throw notFound();
  let by: 'guest' | 'host' = 'guest';
  if (payload.intent === 'book' && isUuid(payload.poleId)) {
    const [pole] = await polesOf(context.db, [payload.poleId]);
    if (!pole) throw notFound();
    const decision = can(actor, { action: 'visit:book', fromPole: pole, visit: hosted });
    // The host's members see the visit: they are told why, in French.
    if (!decision.ok && decision.reason === 'own-pole') {
      return data<VisitReply>({ ...replyTo, result: submission.reply(), problem: { key: refusalKeys['own-pole'], values: {} } }, { status: 409 });
    }
    if (!decision.ok) throw notFound();
  } else if (payload.intent !== 'book' && isUuid(payload.bookingId)) {
    const booking = await findBookingRef(context.db, payload.bookingId);
    if (!booking || booking.visitId !== visit.id) throw notFound();
    // Cancelling is for either side; leaving the waiting list for the booking pole only.
    const guestIntent = payload.intent === 'cancelBooking' || payload.intent === 'leave';
    if (!(guestIntent && allowed(actor, { action: 'visit:booking', booking }))) {
      if (payload.intent === 'leave') throw notFound();
      actor = await requirePermission(request, context, { action: 'visit:host', visit: hosted });
      by = 'host';
    }
  }
  if (submission.status !== 'success') return data<VisitReply>({ ...replyTo, result: submission.reply() }, { status: 400 });

  const done = async (notice: string, values: Record<string, string> = {}) => {
    const note = await context.flash.put({ message: `visits.notices.${notice}`, values });
    return redirect(visitPath(visit.id), { headers: { 'Set-Cookie': note } });
  };
  const refused = (key: string, values: Record<string, string | number> = {}) =>
    data<VisitReply>({ ...replyTo, result: submission.reply(), problem: { key, values } }, { status: 409 });

  const input = submission.value;
  const actorId = actor.userId;
  switch (input.intent) {
    case 'book': {
      const outcome = await bookVisit(context, { visitId: visit.id, poleId: input.poleId, actorId, participants: input.participants });
      if (outcome.status === 'not-found') throw notFound();
      if (outcome.status === 'refused') return refused(refusalKeys[outcome.reason]);
      if (outcome.status === 'waiting') return done('waiting', { position: String(outcome.position) });
      return done(outcome.status);
    }
    case 'cancelBooking': {
      const outcome = await cancelBooking(context, { bookingId: input.bookingId, actorId, by, reason: input.reason });
      if (outcome.status === 'not-found') throw notFound();
      if (outcome.status === 'started') return refused('visits.problems.started');
      return outcome.status === 'cancelled' ? done('cancelled') : refused('visits.problems.notLive', { state: outcome.state });
    }
    case 'leave': {
      const outcome = await leaveWaitingListWith(context, { bookingId: input.bookingId });
      if (outcome.status === 'not-found') throw notFound();
      return outcome.status === 'left' ? done('left') : refused('visits.problems.notLive', { state: outcome.state });
    }
    case 'confirm':
    case 'decline': {
      const outcome =
        input.intent === 'confirm'
          ? await confirmBooking(context, { bookingId: input.bookingId, actorId })
          : await declineBooking(context, { bookingId: input.bookingId, actorId, reason: input.reason });
      if (outcome.status === 'not-found') throw notFound();
      if (outcome.status === 'not-pending') return refused('visits.problems.notPending', { state: outcome.state });
      if (outcome.status === 'started') return refused('visits.problems.started');
      return done(outcome.status === 'confirmed' ? 'hostConfirmed' : 'declined');
    }
  }
}

export default function VisitPageRoute() {
  const {
    visit,
    closed,
    started,
    signedIn,
    isHost,
    canEdit,
    own,
    hostList,
    bookable,
    maxParticipants: max,
    after,
    discussion,
  } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const problem = reply?.problem;
  const booked = own.some((booking) => isLive(booking.state));
  const state = typeof problem?.values.state === 'string' ? { state: t(`visits.bookingStates.${problem.values.state}`) } : {};
  return (
    <article className="max-w-4xl space-y-6">
      <p>
        <Link to="/visites" className="text-brand-800 underline">
          <span aria-hidden="true">← </span>
          {t('visits.page.back')}
        </Link>
      </p>
      <h1 className="text-3xl font-bold text-gray-900">{visit.title}</h1>
      {visit.state === 'cancelled' ? (
        <Notice tone="warning">
          <p className="font-semibold">{t('visits.page.cancelled')}</p>
          {visit.cancelReason ? <p>{t('visits.page.cancelledReason', { reason: visit.cancelReason })}</p> : null}
        </Notice>
      ) : null}
      {problem ? (
        <Notice tone="danger" role="alert">
          {t(problem.key, { ...problem.values, ...state })}
        </Notice>
      ) : null}
      {canEdit && !started ? (
        <p>
          <Link to={visitPath(visit.id, 'modifier')} className="text-brand-800 underline">
            {t('visits.page.edit')}
          </Link>
        </p>
      ) : null}
      {discussion ? (
        <p>
          <Link to={visitDiscussionPath(visit.id)} className="font-semibold text-brand-800 underline">
            {t('liveThread.visit.link')}
          </Link>
        </p>
      ) : null}
      {/* Live with JavaScript for a signed-in person; a booking pending or waiting re-reads the page on each change. Once begun, seats no longer matter. */}
      {started ? null : (
        <LiveSeats
          visitId={visit.id}
          availability={visit.availability}
          watch={signedIn}
          followsBooking={own.some((booking) => booking.state === 'waiting' || booking.state === 'pending')}
        />
      )}
      {visit.state === 'scheduled' ? (
        <p>
          {/* A plain link: the .ics file is a download, not a page of the app. */}
          <a href={visitPath(visit.id, 'calendrier')} className="text-brand-800 underline">
            {t('visits.page.calendar')}
          </a>
        </p>
      ) : null}
      {own.length > 0 ? <OwnBookings bookings={own} started={started} reply={reply} /> : null}
      {/* A pole already booked reads its booking above; the booking box is for the others. */}
      {!closed && !signedIn ? (
        // A visitor is told how a pole joins instead of being sent to sign in (issue 12).
        <HowToJoin context="visit" redirectTo={visitPath(visit.id)} />
      ) : closed || bookable.length > 0 || !booked ? (
        <Card as="section" aria-labelledby="book-title" className="space-y-3">
          <h2 id="book-title" className="text-xl font-semibold text-gray-900">
            {closed ? t('visits.closed.title') : t('visits.book.title')}
          </h2>
          {closed ? (
            <p>{t(`visits.closed.${closed}`)}</p>
          ) : bookable.length > 0 ? (
            <BookForm poles={bookable} maxParticipants={max} reply={reply} />
          ) : (
            <p>{isHost ? t('visits.book.ownPole') : t('visits.book.noPole')}</p>
          )}
        </Card>
      ) : null}
      {hostList ? <HostBookings bookings={hostList} started={started} reply={reply} /> : null}
      <VisitAfter visitId={visit.id} links={after} />
      <VisitFactsList visit={visit} />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: `${loaded ? loaded.visit.title : catalogue.visits.metaTitle} — Erasmus PTCE` }];
};
