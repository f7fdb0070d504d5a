import { and, eq, inArray, or } from 'drizzle-orm';
import { openTwinningStates, sidesOfAsk } from '#app/domain/pairing/lifecycle';
import { deskPath, polePath } from '#app/domain/paths';
import { violatesUnique } from '#app/utils/db-errors.server';
import type { Mailer } from '#app/utils/mail.server';
import type { Database, Executor } from '#db/client';
import { poleMemberships, poles, regionalBodies, regionalBodyRegions, regions, twinningAsks, twinnings, users } from '#db/schema';
import { recordAudit } from './audit.server';
import { coordinatorsOf } from './pairing-people.server';
import { queueNotices, regionNameIn } from './pairing-follow-up.server';
import { compareByName } from './poles.server';

/**
 * A pole asks its coordinator for a twinning with a named pole (from the pole's page or a
 * conversation). The ask lands on the desk of the mentee's region; when the mentor is in another
 * region, that region's coordinators are told. Who may ask is decided by `twinning:ask`.
 */

const askingPoleColumns = {
  id: poles.id,
  name: poles.name,
  slug: poles.slug,
  regionCode: poles.regionCode,
  maturity: poles.maturity,
  mentoringCapacity: poles.mentoringCapacity,
  verifiedAt: poles.verifiedAt,
};

function withVerified<T extends { verifiedAt: Date | null }>({ verifiedAt, ...pole }: T) {
  return { ...pole, verified: verifiedAt !== null };
}

/** A pole as the ask needs it (its side, its region, `twinning:ask`), by slug or id; null when unknown. */
export async function findAskPole(db: Executor, by: { slug: string } | { id: string }) {
  const [row] = await db
    .select(askingPoleColumns)
    .from(poles)
    .where('slug' in by ? eq(poles.slug, by.slug) : eq(poles.id, by.id));
  return row ? withVerified(row) : null;
}
export type AskPole = NonNullable<Awaited<ReturnType<typeof findAskPole>>>;

/** The poles the person belongs to, as `twinning:ask` needs them, by name. */
export async function polesOfPerson(db: Executor, userId: string): Promise<AskPole[]> {
  const rows = await db
    .select(askingPoleColumns)
    .from(poleMemberships)
    .innerJoin(poles, eq(poles.id, poleMemberships.poleId))
    .where(eq(poleMemberships.userId, userId));
  return rows.map(withVerified).sort(compareByName);
}

/** Each region's name and the regional body that coordinates it (the page says who receives the ask). */
export async function coordinationsOf(db: Executor, regionCodes: readonly string[]) {
  if (regionCodes.length === 0) return [];
  return db
    .select({ code: regions.code, name: regions.name, nameEn: regions.nameEn, bodyName: regionalBodies.name })
    .from(regions)
    .leftJoin(regionalBodyRegions, eq(regionalBodyRegions.regionCode, regions.code))
    .leftJoin(regionalBodies, eq(regionalBodies.id, regionalBodyRegions.regionalBodyId))
    .where(inArray(regions.code, [...new Set(regionCodes)]));
}

/** Who would mentor whom if `asking` asks for a twinning with `other`, and whose desk receives it. */
export function planOfAsk(asking: AskPole, other: AskPole) {
  const sides = sidesOfAsk(asking, other);
  const [mentor, mentee] = sides.mentorPoleId === asking.id ? [asking, other] : [other, asking];
  return { mentor, mentee, regionCode: mentee.regionCode, informedRegionCode: mentor.regionCode !== mentee.regionCode ? mentor.regionCode : null };
}

export type AskOutcome =
  | { status: 'asked'; askId: string; regionCode: string }
  | { status: 'already-paired'; twinningId: string }
  | { status: 'already-asked'; askId: string | null }
  | { status: 'unknown-pole' };

/**
 * Records the ask, its audit event and its mails in one transaction: to the coordinators of the
 * mentee's region (a link to their desk), and, when the mentor is in another region, to that
 * region's coordinators for information. A pair with a proposed or active twinning, or an open
 * ask, is refused; two asks at once are told apart by the unique index on open asks.
 */
export async function createTwinningAsk(
  services: { db: Database; mailer: Pick<Mailer, 'queue'> },
  input: { actorId: string; fromPoleId: string; withPoleId: string; message: string; appUrl: URL },
): Promise<AskOutcome> {
  try {
    return await services.db.transaction(async (tx): Promise<AskOutcome> => {
      const [asking, other] = await Promise.all([findAskPole(tx, { id: input.fromPoleId }), findAskPole(tx, { id: input.withPoleId })]);
      if (!asking || !other || asking.id === other.id) return { status: 'unknown-pole' };
      const { mentor, mentee, regionCode, informedRegionCode } = planOfAsk(asking, other);
      // Either way round: the poles' maturity may have changed since.
      const samePair = (table: typeof twinnings | typeof twinningAsks) =>
        or(
          and(eq(table.mentorPoleId, mentor.id), eq(table.menteePoleId, mentee.id)),
          and(eq(table.mentorPoleId, mentee.id), eq(table.menteePoleId, mentor.id)),
        );
      const [paired] = await tx
        .select({ id: twinnings.id })
        .from(twinnings)
        .where(and(samePair(twinnings), inArray(twinnings.state, [...openTwinningStates])));
      if (paired) return { status: 'already-paired', twinningId: paired.id };
      const [open] = await tx
        .select({ id: twinningAsks.id })
        .from(twinningAsks)
        .where(and(samePair(twinningAsks), eq(twinningAsks.state, 'open')));
      if (open) return { status: 'already-asked', askId: open.id };

      const [ask] = await tx
        .insert(twinningAsks)
        .values({ fromPoleId: asking.id, mentorPoleId: mentor.id, menteePoleId: mentee.id, regionCode, message: input.message, createdById: input.actorId })
        .returning({ id: twinningAsks.id });
      await recordAudit(tx, {
        action: 'twinning.asked',
        actorId: input.actorId,
        subject: { type: 'twinning-ask', id: ask!.id },
        regionCode,
        data: { fromPoleId: asking.id, mentorPoleId: mentor.id, menteePoleId: mentee.id },
      });

      const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actorId));
      const coordinations = await coordinationsOf(tx, [mentee.regionCode, mentor.regionCode]);
      const regionName = (code: string) => (language: 'fr' | 'en') => {
        const region = coordinations.find((row) => row.code === code);
        return region ? regionNameIn(language, region) : code;
      };
      const common = { author: author?.name ?? '', from: asking.name, mentor: mentor.name, mentee: mentee.name };
      const deskCoordinators = await coordinatorsOf(tx, [regionCode]);
      await queueNotices(tx, services, {
        recipients: deskCoordinators,
        kind: 'askReceived',
        url: new URL(deskPath(regionCode), input.appUrl.origin),
        values: (language) => ({ ...common, region: regionName(regionCode)(language) }),
        quote: input.message,
      });
      if (informedRegionCode) {
        // A person who coordinates both regions already has the ask on their desk.
        const onDesk = new Set(deskCoordinators.map((person) => person.userId));
        const informed = (await coordinatorsOf(tx, [informedRegionCode])).filter((person) => !onDesk.has(person.userId));
        // They know the pole of their region; the link shows them the other one.
        const outsider = mentee;
        await queueNotices(tx, services, {
          recipients: informed,
          kind: 'askForInformation',
          url: new URL(polePath(outsider.slug), input.appUrl.origin),
          values: (language) => ({
            ...common,
            other: outsider.name,
            region: regionName(informedRegionCode)(language),
            deskRegion: regionName(regionCode)(language),
          }),
          quote: input.message,
        });
      }
      return { status: 'asked', askId: ask!.id, regionCode };
    });
  } catch (error) {
    if (violatesUnique(error, 'twinning_asks_open_pair_idx')) return { status: 'already-asked', askId: null };
    throw error;
  }
}
