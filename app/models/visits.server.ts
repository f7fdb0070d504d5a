import { and, eq, inArray, or } from 'drizzle-orm';
import { fillThreshold, liveBookingStates } from '#app/domain/visits/booking';
import { formatInParis, toParisParts } from '#app/domain/visits/time';
import type { VisitFields } from '#app/domain/visits/visit';
import { visitPath } from '#app/domain/paths';
import { catalogueOf } from '#app/locales/catalogues.server';
import { catalogueMail } from '#app/utils/mail.server';
import type { Executor, Transaction } from '#db/client';
import { offerTopics, offers, poles, topics, twinnings, visitBookings, visitTopics, visits } from '#db/schema';
import { recordAudit } from './audit.server';
import { poleAdminsOf, uniqueRecipients } from './pairing-people.server';
import { lockOwningPole } from './marketplace.server';
import { countSeatsTaken, lockVisit, type LockedVisit, type VisitServices } from './visit-booking-mail.server';
import { promoteWaiting, seatsTransaction } from './visit-bookings.server';
import { scheduleVisitJobs, type ReminderServices } from './visit-reminders.server';

/**
 * Hosting a learning visit: creating, editing and cancelling it. Each act is one transaction with
 * its audit event and its mails; edits and cancellations lock the visit's row first (`lockVisit`),
 * as the booking acts do, so seats are counted after every booking committed before them.
 * Whether the person may act for the pole is the caller's check (permissions).
 */

/** A field to fix, with its catalogue key (and values for the message). */
export type FieldRefusal = { status: 'invalid'; field: string; message: string };
export type SaveOutcome = { status: 'saved'; id: string } | FieldRefusal | { status: 'refused' } | { status: 'cancelled' } | { status: 'not-found' };

type Links = { offerId?: string | null; twinningId?: string | null };

/** Checks what the schema cannot: known topics, the pole's own offer, an active twinning of the pole. */
async function checkReferences(tx: Executor, poleId: string, fields: Pick<VisitFields, 'topics'> & Links): Promise<FieldRefusal | null> {
  const known = await tx.select({ slug: topics.slug }).from(topics).where(inArray(topics.slug, fields.topics));
  if (known.length !== new Set(fields.topics).size) return { status: 'invalid', field: 'topics', message: 'visitHosting.errors.topicUnknown' };
  if (fields.offerId) {
    const [offer] = await tx
      .select({ id: offers.id })
      .from(offers)
      .where(and(eq(offers.id, fields.offerId), eq(offers.poleId, poleId)));
    if (!offer) return { status: 'invalid', field: 'offerId', message: 'visitHosting.errors.offerUnknown' };
  }
  if (fields.twinningId) {
    const twinning = await activeTwinningOf(tx, poleId, fields.twinningId);
    if (!twinning) return { status: 'invalid', field: 'twinningId', message: 'visitHosting.errors.twinningUnknown' };
  }
  return null;
}

/** An active twinning the pole is a side of, with both sides' names, or null. */
export async function activeTwinningOf(db: Executor, poleId: string, twinningId: string) {
  const [twinning] = await db
    .select({ id: twinnings.id, mentorPoleId: twinnings.mentorPoleId, menteePoleId: twinnings.menteePoleId })
    .from(twinnings)
    .where(and(eq(twinnings.id, twinningId), eq(twinnings.state, 'active'), or(eq(twinnings.mentorPoleId, poleId), eq(twinnings.menteePoleId, poleId))));
  if (!twinning) return null;
  const names = await db
    .select({ id: poles.id, name: poles.name })
    .from(poles)
    .where(inArray(poles.id, [twinning.mentorPoleId, twinning.menteePoleId]));
  const nameOf = (id: string) => names.find((pole) => pole.id === id)?.name ?? '';
  return { id: twinning.id, mentor: nameOf(twinning.mentorPoleId), mentee: nameOf(twinning.menteePoleId) };
}

/** One of the pole's offers, to pre-fill the form, or null. */
export async function offerOfPole(db: Executor, poleId: string, offerId: string) {
  const [offer] = await db
    .select({ id: offers.id, title: offers.title, description: offers.description })
    .from(offers)
    .where(and(eq(offers.id, offerId), eq(offers.poleId, poleId)));
  if (!offer) return null;
  const tags = await db.select({ slug: offerTopics.topicSlug }).from(offerTopics).where(eq(offerTopics.offerId, offer.id));
  return { ...offer, topics: tags.map((tag) => tag.slug) };
}

function columnsOf(fields: VisitFields, pole: { latitude: number; longitude: number }) {
  return {
    title: fields.title,
    programme: fields.programme,
    startsAt: fields.startsAt,
    durationMinutes: fields.durationMinutes,
    address: fields.address,
    town: fields.town,
    // Left empty, the map shows the host pole.
    latitude: fields.latitude ?? pole.latitude,
    longitude: fields.longitude ?? pole.longitude,
    seats: fields.seats,
    bookingDeadline: fields.bookingDeadline,
    bookingMode: fields.bookingMode,
    accessibility: fields.accessibility,
    practical: fields.practical,
    costs: fields.costs,
    costsNote: fields.costsNote,
  };
}

async function hostPole(tx: Executor, poleId: string) {
  const [pole] = await tx
    .select({ id: poles.id, regionCode: poles.regionCode, latitude: poles.latitude, longitude: poles.longitude })
    .from(poles)
    .where(eq(poles.id, poleId));
  return pole ?? null;
}

// ─── Creating ─────────────────────────────────────────────────────────────

/**
 * A pole admin creates a visit. `mayCreate` is asked again inside the transaction, on the pole's
 * validation as locked there (a validation withdrawn meanwhile refuses the visit). `onCreated`
 * adds to the same transaction (the message of a visit proposed from a conversation).
 */
export async function createVisit(
  services: Pick<ReminderServices, 'db' | 'jobs'>,
  input: {
    poleId: string;
    actorId: string;
    fields: VisitFields;
    mayCreate: (pole: { id: string; verified: boolean }) => boolean;
    onCreated?: (tx: Transaction, visitId: string) => Promise<void>;
    now?: Date;
  },
): Promise<SaveOutcome> {
  return services.db.transaction(async (tx): Promise<SaveOutcome> => {
    const owner = await lockOwningPole(tx, input.poleId);
    const pole = await hostPole(tx, input.poleId);
    if (!owner || !pole) return { status: 'not-found' };
    if (!input.mayCreate(owner)) return { status: 'refused' };
    const refusal = await checkReferences(tx, pole.id, input.fields);
    if (refusal) return refusal;
    const [visit] = await tx
      .insert(visits)
      .values({
        poleId: pole.id,
        offerId: input.fields.offerId ?? null,
        twinningId: input.fields.twinningId ?? null,
        createdById: input.actorId,
        ...columnsOf(input.fields, pole),
      })
      .returning({ id: visits.id });
    // Its reminder and follow-up are asked for in this transaction: a rollback leaves no job, a commit cannot lose them.
    await scheduleVisitJobs(tx, services.jobs, { id: visit!.id, ...input.fields }, input.now);
    await tx.insert(visitTopics).values([...new Set(input.fields.topics)].map((topicSlug) => ({ visitId: visit!.id, topicSlug })));
    await recordAudit(tx, {
      action: 'visit.created',
      actorId: input.actorId,
      subject: { type: 'visit', id: visit!.id },
      regionCode: pole.regionCode,
      data: { poleId: pole.id, startsAt: input.fields.startsAt.toISOString(), seats: input.fields.seats },
    });
    await input.onCreated?.(tx, visit!.id);
    return { status: 'saved', id: visit!.id };
  });
}

// ─── Reading for the form ─────────────────────────────────────────────────

/** The visit as the edit form fills it (Paris dates and times), with its host, or null. */
export async function getVisitForEditing(db: Executor, visitId: string) {
  const [visit] = await db.select().from(visits).where(eq(visits.id, visitId));
  if (!visit) return null;
  const tags = await db.select({ slug: visitTopics.topicSlug }).from(visitTopics).where(eq(visitTopics.visitId, visit.id));
  const start = toParisParts(visit.startsAt);
  const deadline = toParisParts(visit.bookingDeadline);
  return {
    id: visit.id,
    poleId: visit.poleId,
    state: visit.state,
    offerId: visit.offerId,
    twinningId: visit.twinningId,
    form: {
      title: visit.title,
      programme: visit.programme,
      topics: tags.map((tag) => tag.slug),
      date: start.date,
      time: start.time,
      durationMinutes: String(visit.durationMinutes),
      address: visit.address,
      town: visit.town,
      latitude: visit.latitude === null ? '' : String(visit.latitude),
      longitude: visit.longitude === null ? '' : String(visit.longitude),
      seats: String(visit.seats),
      deadlineDate: deadline.date,
      deadlineTime: deadline.time,
      bookingMode: visit.bookingMode,
      accessibility: visit.accessibility,
      practical: visit.practical,
      costs: visit.costs,
      costsNote: visit.costsNote,
      offerId: visit.offerId ?? '',
      twinningId: visit.twinningId ?? '',
    },
  };
}
export type VisitForEditing = NonNullable<Awaited<ReturnType<typeof getVisitForEditing>>>;

// ─── Editing ──────────────────────────────────────────────────────────────

/** The live bookings of a locked visit, locked too, with their poles. */
async function liveBookings(tx: Transaction, visitId: string) {
  return tx
    .select({ id: visitBookings.id, poleId: visitBookings.poleId, poleName: poles.name })
    .from(visitBookings)
    .innerJoin(poles, eq(poles.id, visitBookings.poleId))
    .where(and(eq(visitBookings.visitId, visitId), inArray(visitBookings.state, [...liveBookingStates])))
    .for('update', { of: visitBookings });
}

/**
 * Tells every booked pole's admins, in their language, that the visit moved (`from`: the old start)
 * or was cancelled (`reason`: the host's words).
 */
async function mailBookedPoles(
  tx: Transaction,
  services: VisitServices,
  visit: LockedVisit,
  bookings: Awaited<ReturnType<typeof liveBookings>>,
  change: { kind: 'rescheduled'; from: Date } | { kind: 'cancelled'; reason: string },
) {
  const admins = await poleAdminsOf(
    tx,
    bookings.map((booking) => booking.poleId),
  );
  const url = new URL(visitPath(visit.id), services.env.appUrl.origin).href;
  for (const booking of bookings) {
    for (const recipient of uniqueRecipients(admins.filter((admin) => admin.poleId === booking.poleId))) {
      const mail = catalogueOf(recipient.language).visitHosting.mail;
      const paragraphs = change.kind === 'rescheduled' ? [mail.rescheduled.body] : [mail.cancelled.body, mail.cancelled.reason];
      const values = {
        name: recipient.name,
        visit: visit.title,
        host: visit.hostName,
        pole: booking.poleName,
        date: formatInParis(visit.startsAt, recipient.language),
        from: change.kind === 'rescheduled' ? formatInParis(change.from, recipient.language) : '',
        reason: change.kind === 'cancelled' ? change.reason : '',
      };
      await services.mailer.queue(
        tx,
        catalogueMail(
          recipient.email,
          { subject: mail[change.kind].subject, greeting: mail.greeting, paragraphs, action: mail.action, footer: mail.footer },
          url,
          values,
          recipient.language,
        ),
      );
    }
  }
}

/**
 * The host edits the visit, under the visit's lock: seats may not go below the seats taken;
 * more seats go at once to the waiting list; a moved start tells every booked pole.
 */
export async function updateVisit(
  services: ReminderServices,
  input: { visitId: string; actorId: string; fields: VisitFields; now?: Date },
): Promise<SaveOutcome> {
  const now = input.now ?? new Date();
  return seatsTransaction(services, async (tx, changed): Promise<SaveOutcome> => {
    const locked = await lockVisit(tx, input.visitId);
    if (!locked) return { status: 'not-found' };
    if (locked.state === 'cancelled') return { status: 'cancelled' };
    const pole = await hostPole(tx, locked.poleId);
    if (!pole) return { status: 'not-found' };
    const [stored] = await tx.select({ offerId: visits.offerId, twinningId: visits.twinningId }).from(visits).where(eq(visits.id, locked.id));
    // A link kept as it was stays valid even if its twinning has ended since: only new links are checked.
    const refusal = await checkReferences(tx, pole.id, {
      topics: input.fields.topics,
      offerId: input.fields.offerId === stored?.offerId ? null : input.fields.offerId,
      twinningId: input.fields.twinningId === stored?.twinningId ? null : input.fields.twinningId,
    });
    if (refusal) return refusal;
    const taken = await countSeatsTaken(tx, locked.id);
    // With other seats, the share taken is read anew: the thresholds above it will be told again.
    const fillNoticePercent = input.fields.seats === locked.seats ? locked.fillNoticePercent : (fillThreshold(0, taken, input.fields.seats) ?? 0);
    if (input.fields.seats < taken) {
      return { status: 'invalid', field: 'seats', message: 'visitHosting.errors.seatsBelowTaken' };
    }
    await tx
      .update(visits)
      .set({
        ...columnsOf(input.fields, pole),
        offerId: input.fields.offerId ?? null,
        twinningId: input.fields.twinningId ?? null,
        fillNoticePercent,
        updatedAt: now,
      })
      .where(eq(visits.id, locked.id));
    await tx.delete(visitTopics).where(eq(visitTopics.visitId, locked.id));
    await tx.insert(visitTopics).values([...new Set(input.fields.topics)].map((topicSlug) => ({ visitId: locked.id, topicSlug })));

    const subject = { type: 'visit' as const, id: locked.id };
    const updated: LockedVisit = {
      ...locked,
      title: input.fields.title,
      seats: input.fields.seats,
      startsAt: input.fields.startsAt,
      bookingDeadline: input.fields.bookingDeadline,
      bookingMode: input.fields.bookingMode,
      fillNoticePercent,
    };
    if (input.fields.startsAt.getTime() !== locked.startsAt.getTime()) {
      await recordAudit(tx, {
        action: 'visit.rescheduled',
        actorId: input.actorId,
        subject,
        regionCode: pole.regionCode,
        data: { from: locked.startsAt.toISOString(), to: input.fields.startsAt.toISOString() },
      });
      await mailBookedPoles(tx, services, updated, await liveBookings(tx, locked.id), { kind: 'rescheduled', from: locked.startsAt });
      // The jobs of the old start find the visit moved and do nothing; these take over.
      await scheduleVisitJobs(tx, services.jobs, { id: locked.id, ...input.fields }, now);
    }
    if (input.fields.seats !== locked.seats) {
      await recordAudit(tx, {
        action: 'visit.seats-changed',
        actorId: input.actorId,
        subject,
        regionCode: pole.regionCode,
        data: { from: locked.seats, to: input.fields.seats },
      });
      if (input.fields.seats > locked.seats) await promoteWaiting(tx, services, updated, now);
      changed(locked.id);
    }
    return { status: 'saved', id: locked.id };
  });
}

// ─── Cancelling ───────────────────────────────────────────────────────────

export type VisitCancellationOutcome = { status: 'cancelled'; bookingsCancelled: number } | { status: 'already-cancelled' } | { status: 'not-found' };

/**
 * The host cancels the visit with a reason: every live booking is cancelled with that reason and
 * its pole's admins are told, in one transaction under the visit's lock.
 */
export async function cancelVisit(
  services: VisitServices,
  input: { visitId: string; actorId: string; reason: string; now?: Date },
): Promise<VisitCancellationOutcome> {
  const now = input.now ?? new Date();
  return seatsTransaction(services, async (tx, changed): Promise<VisitCancellationOutcome> => {
    const visit = await lockVisit(tx, input.visitId);
    if (!visit) return { status: 'not-found' };
    if (visit.state === 'cancelled') return { status: 'already-cancelled' };
    const pole = await hostPole(tx, visit.poleId);
    await tx.update(visits).set({ state: 'cancelled', cancelledAt: now, cancelReason: input.reason, updatedAt: now }).where(eq(visits.id, visit.id));
    const bookings = await liveBookings(tx, visit.id);
    if (bookings.length > 0) {
      await tx
        .update(visitBookings)
        .set({ state: 'cancelled', cancelledAt: now, cancelledById: input.actorId, cancelReason: input.reason })
        .where(
          inArray(
            visitBookings.id,
            bookings.map((booking) => booking.id),
          ),
        );
      await mailBookedPoles(tx, services, visit, bookings, { kind: 'cancelled', reason: input.reason });
    }
    await recordAudit(tx, {
      action: 'visit.cancelled',
      actorId: input.actorId,
      subject: { type: 'visit', id: visit.id },
      regionCode: pole?.regionCode ?? null,
      data: { bookingsCancelled: bookings.length },
      reason: input.reason,
    });
    changed(visit.id);
    return { status: 'cancelled', bookingsCancelled: bookings.length };
  });
}
