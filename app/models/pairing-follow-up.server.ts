import { and, asc, eq, inArray, isNotNull, lt, lte, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { openTwinningStates, proposalLifetimeDays, unpairedRequestCutoff, unpairedRequestMonths } from '#app/domain/pairing/lifecycle';
import { deskPath, requestPath, twinningPath } from '#app/domain/paths';
import type { Language } from '#app/i18n';
import { catalogueOf } from '#app/locales/catalogues.server';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import type { Database, Executor } from '#db/client';
import { poles, regions, requests, twinnings, users } from '#db/schema';
import { recordAudit } from './audit.server';
import { coordinatorsOf, poleAdminsOf, uniqueRecipients, type Recipient } from './pairing-people.server';

/**
 * Nothing is left waiting forever: a proposal nobody answered for 30 days expires, a request no
 * twinning answered for 6 months is closed (its region's coordinator may reopen it). The job
 * `pairing.follow-up` (app/jobs/pairing.server.ts) runs both every hour. Each item changes in its
 * own transaction, claimed with FOR UPDATE SKIP LOCKED and its conditions checked again under the
 * lock: two runners never act twice on one item, and a second run finds nothing to do.
 */

export type FollowUpServices = { db: Database; mailer: Pick<Mailer, 'queue'>; env: { appUrl: URL } };

type FollowUpMails = ReturnType<typeof catalogueOf>['followUp']['mail'];
type NoticeKind = Exclude<keyof FollowUpMails, 'greeting' | 'quote'>;

/**
 * Queues one notice per recipient in the act's transaction, each in the recipient's language.
 * `values` may depend on the language (a date, a region's name); `quote`: a person's words, added
 * as their own paragraph.
 */
export async function queueNotices(
  tx: Executor,
  services: { mailer: Pick<Mailer, 'queue'> },
  input: {
    recipients: readonly Recipient[];
    kind: NoticeKind;
    url: URL;
    values: (language: Language) => Record<string, string>;
    quote?: string;
  },
): Promise<number> {
  const recipients = uniqueRecipients(input.recipients);
  for (const recipient of recipients) {
    const mail = catalogueOf(recipient.language).followUp.mail;
    const texts = mail[input.kind];
    const paragraphs = [texts.intro, ...(input.quote ? [mail.quote] : []), texts.next];
    const values = { name: recipient.name, message: input.quote ?? '', ...input.values(recipient.language) };
    await services.mailer.queue(
      tx,
      catalogueMail(
        recipient.email,
        { subject: texts.subject, greeting: mail.greeting, paragraphs, action: texts.action, footer: texts.footer },
        input.url.href,
        values,
        recipient.language,
      ),
    );
  }
  return recipients.length;
}

/** A day as the recipient reads it (« 3 mars 2026 », "3 March 2026"). */
export function dayIn(language: Language, date: Date): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);
}

/** A region's name in the recipient's language. */
export function regionNameIn(language: Language, region: { name: string; nameEn: string }): string {
  return language === 'fr' ? region.name : region.nameEn;
}

const link = (services: FollowUpServices, path: string) => new URL(path, services.env.appUrl.origin);

// ─── Proposals left unanswered ─────────────────────────────────────────────

const mentorPole = alias(poles, 'mentor_pole');
const menteePole = alias(poles, 'mentee_pole');

/** Every proposal past its expiry becomes `expired`, with its audit event and a notice to both poles' admins and the region's coordinators. */
export async function expireProposals(services: FollowUpServices, now = new Date()): Promise<number> {
  const due = and(eq(twinnings.state, 'proposed'), lte(twinnings.expiresAt, now));
  const candidates = await services.db.select({ id: twinnings.id }).from(twinnings).where(due).orderBy(asc(twinnings.expiresAt));
  let expired = 0;
  for (const { id } of candidates) {
    const done = await services.db.transaction(async (tx) => {
      const [claimed] = await tx
        .select({ id: twinnings.id })
        .from(twinnings)
        .where(and(eq(twinnings.id, id), due))
        .for('update', { skipLocked: true });
      if (!claimed) return false;
      await tx.update(twinnings).set({ state: 'expired', endedAt: now }).where(eq(twinnings.id, id));
      const [facts] = await tx
        .select({
          regionCode: twinnings.regionCode,
          proposedAt: twinnings.proposedAt,
          mentor: { id: mentorPole.id, name: mentorPole.name },
          mentee: { id: menteePole.id, name: menteePole.name },
        })
        .from(twinnings)
        .innerJoin(mentorPole, eq(mentorPole.id, twinnings.mentorPoleId))
        .innerJoin(menteePole, eq(menteePole.id, twinnings.menteePoleId))
        .where(eq(twinnings.id, id));
      const twinning = facts!;
      await recordAudit(tx, {
        action: 'twinning.expired',
        actorId: null,
        subject: { type: 'twinning', id },
        regionCode: twinning.regionCode,
        data: {},
        at: now,
      });
      const [admins, coordinators] = await Promise.all([poleAdminsOf(tx, [twinning.mentor.id, twinning.mentee.id]), coordinatorsOf(tx, [twinning.regionCode])]);
      await queueNotices(tx, services, {
        recipients: [...admins, ...coordinators],
        kind: 'proposalExpired',
        url: link(services, twinningPath(id)),
        values: (language) => ({
          mentor: twinning.mentor.name,
          mentee: twinning.mentee.name,
          proposedAt: dayIn(language, twinning.proposedAt),
          days: String(proposalLifetimeDays),
        }),
      });
      return true;
    });
    if (done) expired += 1;
  }
  return expired;
}

// ─── Requests left unpaired ───────────────────────────────────────────────

/** No proposed or active twinning answers the request. */
const unanswered = notExists(
  sql`(select 1 from ${twinnings} where ${twinnings.requestId} = ${requests.id} and ${inArray(twinnings.state, [...openTwinningStates])})`,
);

/**
 * Every open request (re)opened more than 6 months ago that no proposed or active twinning
 * answers is closed (`auto_closed_at` says the job did it), with its audit event, a notice to its
 * pole's admins and one to its region's coordinators, who may reopen it from their desk.
 */
export async function closeUnpairedRequests(services: FollowUpServices, now = new Date()): Promise<number> {
  const due = and(eq(requests.state, 'open'), lt(requests.openedAt, unpairedRequestCutoff(now)), unanswered);
  const candidates = await services.db.select({ id: requests.id }).from(requests).where(due).orderBy(asc(requests.openedAt));
  let closed = 0;
  for (const { id } of candidates) {
    const done = await services.db.transaction(async (tx) => {
      const [request] = await tx
        .select({ id: requests.id, title: requests.title, openedAt: requests.openedAt, poleId: requests.poleId })
        .from(requests)
        .where(and(eq(requests.id, id), due))
        .for('update', { skipLocked: true });
      if (!request) return false;
      await tx.update(requests).set({ state: 'closed', autoClosedAt: now, updatedAt: now }).where(eq(requests.id, id));
      const [pole] = await tx
        .select({ name: poles.name, region: { code: regions.code, name: regions.name, nameEn: regions.nameEn } })
        .from(poles)
        .innerJoin(regions, eq(regions.code, poles.regionCode))
        .where(eq(poles.id, request.poleId));
      const { name: poleName, region } = pole!;
      await recordAudit(tx, {
        action: 'request.closed-unpaired',
        actorId: null,
        subject: { type: 'request', id },
        regionCode: region.code,
        data: { openedAt: request.openedAt.toISOString() },
        at: now,
      });
      const values = (language: Language) => ({
        title: request.title,
        pole: poleName,
        openedAt: dayIn(language, request.openedAt),
        months: String(unpairedRequestMonths),
        region: regionNameIn(language, region),
      });
      const admins = await poleAdminsOf(tx, [request.poleId]);
      await queueNotices(tx, services, { recipients: admins, kind: 'requestClosed', url: link(services, requestPath(id)), values });
      // A coordinator who also runs the pole already has the pole's notice.
      const adminIds = new Set(admins.map((admin) => admin.userId));
      const coordinators = (await coordinatorsOf(tx, [region.code])).filter((person) => !adminIds.has(person.userId));
      await queueNotices(tx, services, { recipients: coordinators, kind: 'requestClosedCoordinator', url: link(services, deskPath(region.code)), values });
      return true;
    });
    if (done) closed += 1;
  }
  return closed;
}

/** What the job does every hour; the counts are what it changed. */
export async function followUpPairing(services: FollowUpServices, now = new Date()): Promise<{ expiredProposals: number; closedRequests: number }> {
  const expiredProposals = await expireProposals(services, now);
  const closedRequests = await closeUnpairedRequests(services, now);
  return { expiredProposals, closedRequests };
}

// ─── Reopening ────────────────────────────────────────────────────────────

/** What the reopen route needs to check `request:reopen`: the request's title and its pole's region; null for an unknown id. */
export async function findReopenableRequest(db: Executor, requestId: string) {
  const [row] = await db
    .select({ id: requests.id, title: requests.title, pole: { id: poles.id, regionCode: poles.regionCode } })
    .from(requests)
    .innerJoin(poles, eq(poles.id, requests.poleId))
    .where(eq(requests.id, requestId));
  return row ?? null;
}

export type ReopenOutcome = { status: 'reopened'; title: string; regionCode: string } | { status: 'not-auto-closed'; title: string } | { status: 'not-found' };

/**
 * Reopens a request the job closed (the route has checked `request:reopen`): open again, its
 * 6 months counted from now, its pole's admins told. A request closed by its pole, or already
 * reopened, is left as it is (`not-auto-closed`).
 */
export async function reopenRequest(services: FollowUpServices, input: { requestId: string; actorId: string }, now = new Date()): Promise<ReopenOutcome> {
  return services.db.transaction(async (tx): Promise<ReopenOutcome> => {
    const [request] = await tx
      .select({ id: requests.id, title: requests.title, state: requests.state, autoClosedAt: requests.autoClosedAt, poleId: requests.poleId })
      .from(requests)
      .where(eq(requests.id, input.requestId))
      .for('update');
    if (!request) return { status: 'not-found' };
    if (request.state !== 'closed' || request.autoClosedAt === null) return { status: 'not-auto-closed', title: request.title };
    await tx
      .update(requests)
      .set({ state: 'open', openedAt: now, autoClosedAt: null, updatedAt: now })
      .where(and(eq(requests.id, request.id), isNotNull(requests.autoClosedAt)));
    const [pole] = await tx.select({ name: poles.name, regionCode: poles.regionCode }).from(poles).where(eq(poles.id, request.poleId));
    const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actorId));
    await recordAudit(tx, {
      action: 'request.reopened',
      actorId: input.actorId,
      subject: { type: 'request', id: request.id },
      regionCode: pole!.regionCode,
      data: {},
    });
    await queueNotices(tx, services, {
      recipients: await poleAdminsOf(tx, [request.poleId]),
      kind: 'requestReopened',
      url: link(services, requestPath(request.id)),
      values: () => ({ title: request.title, pole: pole!.name, author: actor?.name ?? '' }),
    });
    return { status: 'reopened', title: request.title, regionCode: pole!.regionCode };
  });
}
