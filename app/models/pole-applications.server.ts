import { and, asc, count, desc, eq, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import {
  applicationsPath,
  departmentOfPostalCode,
  firstFreeSlug,
  looksLikeSamePole,
  nextApplicationState,
  placeOfNewPole,
  receiptPath,
  slugOfName,
  type ApplicationInput,
} from '#app/domain/poles/applications';
import type { Language } from '#app/i18n';
import { catalogueOf } from '#app/locales/catalogues.server';
import { violatesUnique } from '#app/utils/db-errors.server';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import { addressKey, givePointsBack, takePoints, type Counter, type Limiters, type TooManyAttempts } from '#app/utils/rate-limit.server';
import type { Database, Executor } from '#db/client';
import { poleApplications, poles, users } from '#db/schema';
import { recordAudit } from './audit.server';
import { writeInvitation } from './invitations.server';
import { coordinatorsOf, type Recipient } from './pairing-people.server';
import { regionNameIn } from './pairing-follow-up.server';
import { compareByName } from './poles.server';
import { regionCoordination, type PublicBody } from './regional-bodies.server';

/**
 * « Inscrire mon pôle » (issue 12, point 3). Anyone sends an application; it lands on the desk of
 * the region's coordinators (the national admin sees every region's), who are mailed, and the
 * contact gets an acknowledgment. Accepting creates the pole (or claims the directory's entry for
 * it), validates it and invites the contact as its admin, in one transaction under the
 * application's row lock: of two coordinators accepting at once, one creates the pole, the other
 * is told it was already decided. Declining mails the coordinator's reason to the contact.
 */

type Services = { db: Database; mailer: Pick<Mailer, 'queue'>; limiters: Limiters };
type JoiningMail = Exclude<keyof ReturnType<typeof catalogueOf>['joining']['mail'], 'greeting' | 'greetingPerson' | 'quote'>;

/**
 * One mail of the `joining.mail` catalogue, in the recipient's language, queued in the act's
 * transaction. `quote`: a person's words (a description, a reason), as their own paragraph.
 */
async function queueJoiningMail(
  tx: Executor,
  mailer: Pick<Mailer, 'queue'>,
  input: { to: string; language: Language; kind: JoiningMail; url: URL; values: Record<string, string>; quote?: string },
) {
  const mail = catalogueOf(input.language).joining.mail;
  const { intro, next, ...texts } = mail[input.kind];
  const paragraphs = [intro, ...(input.quote === undefined ? [] : [mail.quote]), next];
  await mailer.queue(
    tx,
    catalogueMail(
      input.to,
      { ...texts, greeting: input.values.name ? mail.greetingPerson : mail.greeting, paragraphs },
      input.url.href,
      { ...input.values, quote: input.quote ?? '' },
      input.language,
    ),
  );
}

/** Who receives a region's applications: its coordinators, or the national admins where the region has none. */
async function reviewersOf(tx: Executor, regionCode: string): Promise<Recipient[]> {
  const coordinators = await coordinatorsOf(tx, [regionCode]);
  if (coordinators.length > 0) return coordinators;
  return tx
    .select({ userId: users.id, email: users.email, name: users.name, language: users.language })
    .from(users)
    .where(eq(users.isNationalAdmin, true))
    .orderBy(users.email);
}

/** Who answers for a region, in a mail: « CRESS Occitanie » or the national team. */
function answererIn(language: Language, body: PublicBody | null): string {
  return body ? body.name : catalogueOf(language).joining.nationalTeam;
}

// ─── Sending an application ───────────────────────────────────────────────

export type SubmitOutcome =
  { status: 'received'; applicationId: string } | { status: 'duplicate' } | { status: 'unknown-region' } | { status: 'limited'; error: TooManyAttempts };

const pendingIndex = 'pole_applications_pending_idx';

export async function submitApplication(
  services: Services,
  input: ApplicationInput & { clientIp: string; language: Language; appUrl: URL },
): Promise<SubmitOutcome> {
  const counters: Counter[] = [
    [services.limiters.poleApplicationsByAddress, addressKey(input.clientIp)],
    [services.limiters.poleApplicationsByContact, input.contactEmail],
  ];
  const limited = await takePoints(counters);
  if (limited) return { status: 'limited', error: limited };
  let outcome: SubmitOutcome;
  try {
    outcome = await services.db.transaction(async (tx): Promise<SubmitOutcome> => {
      const coordination = await regionCoordination(tx, input.regionCode);
      if (!coordination) return { status: 'unknown-region' };
      const [waiting] = await tx
        .select({ id: poleApplications.id })
        .from(poleApplications)
        .where(and(eq(poleApplications.state, 'pending'), samePending(input)));
      if (waiting) return { status: 'duplicate' };
      const [row] = await tx
        .insert(poleApplications)
        .values({
          regionCode: input.regionCode,
          poleName: input.poleName,
          town: input.town,
          postalCode: input.postalCode,
          contactName: input.contactName,
          contactEmail: input.contactEmail,
          description: input.description,
          website: input.website ?? null,
        })
        .returning({ id: poleApplications.id });
      const { region, body } = coordination;
      const values = (language: Language) => ({
        pole: input.poleName,
        town: input.town,
        contact: input.contactName,
        description: input.description,
        region: regionNameIn(language, region),
        body: answererIn(language, body),
      });
      await queueJoiningMail(tx, services.mailer, {
        to: input.contactEmail,
        language: input.language,
        kind: body ? 'received' : 'receivedNational',
        url: new URL(receiptPath(row!.id), input.appUrl.origin),
        values: { ...values(input.language), name: input.contactName },
      });
      for (const reviewer of await reviewersOf(tx, input.regionCode)) {
        await queueJoiningMail(tx, services.mailer, {
          to: reviewer.email,
          language: reviewer.language,
          kind: 'toReview',
          url: new URL(applicationsPath(input.regionCode), input.appUrl.origin),
          values: { ...values(reviewer.language), name: reviewer.name },
          quote: input.description,
        });
      }
      return { status: 'received', applicationId: row!.id };
    });
  } catch (error) {
    // Two identical applications at once: the second meets the first on the index.
    if (!violatesUnique(error, pendingIndex)) throw error;
    outcome = { status: 'duplicate' };
  }
  // Nothing was sent: the attempt does not count.
  if (outcome.status !== 'received') await givePointsBack(counters);
  return outcome;
}

function samePending(input: { contactEmail: string; poleName: string }): SQL {
  return and(
    eq(sqlLower(poleApplications.contactEmail), input.contactEmail.toLowerCase()),
    eq(sqlLower(poleApplications.poleName), input.poleName.toLowerCase()),
  )!;
}

// The index is on lower(): the check reads the same expression.
const sqlLower = (column: typeof poleApplications.contactEmail | typeof poleApplications.poleName) => sql<string>`lower(${column})`;

/** What the person who applied sees again from their acknowledgment's link: the pole, its state, who answers. */
export async function getReceipt(db: Executor, applicationId: string) {
  const [row] = await db
    .select({
      poleName: poleApplications.poleName,
      state: poleApplications.state,
      regionCode: poleApplications.regionCode,
      createdAt: poleApplications.createdAt,
    })
    .from(poleApplications)
    .where(eq(poleApplications.id, applicationId));
  if (!row) return null;
  const coordination = await regionCoordination(db, row.regionCode);
  return coordination ? { ...row, ...coordination } : null;
}

// ─── The desk ─────────────────────────────────────────────────────────────

export type DeskApplication = Awaited<ReturnType<typeof listApplications>>['pending'][number];

const listColumns = {
  id: poleApplications.id,
  regionCode: poleApplications.regionCode,
  poleName: poleApplications.poleName,
  town: poleApplications.town,
  postalCode: poleApplications.postalCode,
  contactName: poleApplications.contactName,
  contactEmail: poleApplications.contactEmail,
  description: poleApplications.description,
  website: poleApplications.website,
  state: poleApplications.state,
  createdAt: poleApplications.createdAt,
  decidedAt: poleApplications.decidedAt,
  decisionNote: poleApplications.decisionNote,
  poleId: poleApplications.poleId,
};

/**
 * The pending applications of these regions, oldest first, each with the directory's poles of its
 * region whose name looks like it (the coordinator may attach the application to one of them rather
 * than create a twin), and the latest decided ones.
 */
export async function listApplications(db: Executor, regionCodes: readonly string[]) {
  if (regionCodes.length === 0) return { pending: [], decided: [] };
  const inRegions = inArray(poleApplications.regionCode, [...regionCodes]);
  const [pending, decided] = await Promise.all([
    db
      .select(listColumns)
      .from(poleApplications)
      .where(and(inRegions, eq(poleApplications.state, 'pending')))
      .orderBy(asc(poleApplications.createdAt)),
    db
      .select({ ...listColumns, poleSlug: poles.slug, decidedBy: users.name })
      .from(poleApplications)
      .leftJoin(poles, eq(poles.id, poleApplications.poleId))
      .leftJoin(users, eq(users.id, poleApplications.decidedById))
      .where(and(inRegions, isNotNull(poleApplications.decidedAt)))
      .orderBy(desc(poleApplications.decidedAt))
      .limit(10),
  ]);
  const pendingRegions = [...new Set(pending.map((item) => item.regionCode))];
  const directory =
    pendingRegions.length === 0
      ? []
      : await db
          .select({ id: poles.id, slug: poles.slug, name: poles.name, town: poles.town, regionCode: poles.regionCode, verifiedAt: poles.verifiedAt })
          .from(poles)
          .where(inArray(poles.regionCode, pendingRegions));
  directory.sort(compareByName);
  return {
    pending: pending.map((item) => ({
      ...item,
      lookalikes: directory
        .filter((pole) => pole.regionCode === item.regionCode && looksLikeSamePole(item.poleName, pole.name))
        .map(({ id, slug, name, town }) => ({ id, slug, name, town })),
    })),
    decided,
  };
}

/** How many applications wait in these regions (the coordination desk's link). */
export async function countPendingApplications(db: Executor, regionCodes: readonly string[]): Promise<number> {
  if (regionCodes.length === 0) return 0;
  const [row] = await db
    .select({ total: count() })
    .from(poleApplications)
    .where(and(inArray(poleApplications.regionCode, [...regionCodes]), eq(poleApplications.state, 'pending')));
  return row?.total ?? 0;
}

/** The region of an application (its permission's resource), or null. */
export async function findApplicationRegion(db: Executor, applicationId: string): Promise<string | null> {
  const [row] = await db.select({ regionCode: poleApplications.regionCode }).from(poleApplications).where(eq(poleApplications.id, applicationId));
  return row?.regionCode ?? null;
}

// ─── Deciding ─────────────────────────────────────────────────────────────

export type DecisionOutcome =
  | { status: 'accepted'; pole: { id: string; slug: string; name: string }; invited: boolean }
  | { status: 'declined'; poleName: string }
  | { status: 'already-decided' }
  | { status: 'unknown-pole' }
  | { status: 'not-found' };

type DecisionInput = { applicationId: string; actorId: string; appUrl: URL } & (
  { decision: 'accept'; target: 'new' | string } | { decision: 'decline'; reason: string }
);

/** Accepts or declines, once: the application's row is locked and its state read again under the lock. */
export async function decideApplication(services: Pick<Services, 'db' | 'mailer'>, input: DecisionInput): Promise<DecisionOutcome> {
  // A new pole's slug may be taken by another pole created at the same moment: try again with the next one.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await services.db.transaction((tx) => decideLocked(tx, services, input));
    } catch (error) {
      if (attempt >= 3 || !violatesUnique(error, 'poles_slug_unique')) throw error;
    }
  }
}

async function decideLocked(tx: Executor, services: Pick<Services, 'mailer'>, input: DecisionInput): Promise<DecisionOutcome> {
  const [application] = await tx.select().from(poleApplications).where(eq(poleApplications.id, input.applicationId)).for('update');
  if (!application) return { status: 'not-found' };
  const next = nextApplicationState(application.state, input.decision);
  if (!next) return { status: 'already-decided' };
  const now = new Date();
  const decided = { state: next, decidedAt: now, decidedById: input.actorId };
  const subject = { type: 'pole-application' as const, id: application.id };

  if (input.decision === 'decline') {
    await tx
      .update(poleApplications)
      .set({ ...decided, decisionNote: input.reason })
      .where(eq(poleApplications.id, application.id));
    await recordAudit(tx, {
      action: 'pole-application.declined',
      actorId: input.actorId,
      subject,
      regionCode: application.regionCode,
      reason: input.reason,
      data: {},
    });
    // The contact has no account: the coordinator's language is the best guess, as for invitations.
    const [decider] = await tx.select({ language: users.language }).from(users).where(eq(users.id, input.actorId));
    const language = decider?.language ?? 'fr';
    const coordination = await regionCoordination(tx, application.regionCode);
    await queueJoiningMail(tx, services.mailer, {
      to: application.contactEmail,
      language,
      kind: 'declined',
      url: new URL('/coordinations', input.appUrl.origin),
      values: { name: application.contactName, pole: application.poleName, body: answererIn(language, coordination?.body ?? null) },
      quote: input.reason,
    });
    return { status: 'declined', poleName: application.poleName };
  }

  const pole =
    input.target === 'new' ? await createPole(tx, application, input.actorId, now) : await claimPole(tx, application, input.target, input.actorId, now);
  if (!pole) return { status: 'unknown-pole' };
  const invitation = await writeInvitation(tx, services, {
    inviterId: input.actorId,
    email: application.contactEmail,
    target: { role: 'pole_admin', poleId: pole.id },
    appUrl: input.appUrl,
  });
  const invitationId = invitation.status === 'created' ? invitation.invitationId : null;
  await tx
    .update(poleApplications)
    .set({ ...decided, poleId: pole.id, invitationId })
    .where(eq(poleApplications.id, application.id));
  await recordAudit(tx, {
    action: 'pole-application.accepted',
    actorId: input.actorId,
    subject,
    regionCode: application.regionCode,
    data: { poleId: pole.id, created: input.target === 'new', invitationId },
  });
  return { status: 'accepted', pole: { id: pole.id, slug: pole.slug, name: pole.name }, invited: invitationId !== null };
}

type Application = typeof poleApplications.$inferSelect;

/**
 * The pole of an accepted application: active, emerging, placed at its region's centre, and
 * validated, since accepting the application is the coordinator's validation (same audit event as
 * `validatePole`).
 */
async function createPole(tx: Executor, application: Application, actorId: string, now: Date) {
  const base = slugOfName(application.poleName);
  const taken = await tx
    .select({ slug: poles.slug })
    .from(poles)
    .where(or(eq(poles.slug, base), like(poles.slug, `${base}-%`)));
  const [pole] = await tx
    .insert(poles)
    .values({
      slug: firstFreeSlug(base, new Set(taken.map((row) => row.slug))),
      name: application.poleName,
      town: application.town,
      // The form refuses a code without a department; an older row keeps its region's meaning.
      departmentCode: departmentOfPostalCode(application.postalCode) ?? '',
      regionCode: application.regionCode,
      ...placeOfNewPole(application.regionCode),
      status: 'active',
      maturity: 'emerging',
      description: application.description,
      website: application.website,
      verifiedAt: now,
      verifiedById: actorId,
    })
    .returning({ id: poles.id, slug: poles.slug, name: poles.name, regionCode: poles.regionCode });
  await recordAudit(tx, { action: 'pole.validated', actorId, subject: { type: 'pole', id: pole!.id }, regionCode: pole!.regionCode, data: {} });
  return pole!;
}

/** A pole of the directory in the application's region, validated now if it was not yet. */
async function claimPole(tx: Executor, application: Application, poleId: string, actorId: string, now: Date) {
  const [pole] = await tx
    .select({ id: poles.id, slug: poles.slug, name: poles.name, verifiedAt: poles.verifiedAt })
    .from(poles)
    .where(and(eq(poles.id, poleId), eq(poles.regionCode, application.regionCode)))
    .for('update');
  if (!pole) return null;
  if (!pole.verifiedAt) {
    await tx
      .update(poles)
      .set({ verifiedAt: now, verifiedById: actorId, updatedAt: now })
      .where(and(eq(poles.id, pole.id), isNull(poles.verifiedAt)));
    await recordAudit(tx, { action: 'pole.validated', actorId, subject: { type: 'pole', id: pole.id }, regionCode: application.regionCode, data: {} });
  }
  return pole;
}
