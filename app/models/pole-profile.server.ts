import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '#db/client';
import { auditLog, poleLogos, poleMentoringTopics, poleSectors, poles, sectors, topics, twinnings, users } from '#db/schema';
import type { Animation, LogoType, Maturity } from '#app/domain/poles/profile';
import { loadTwinningStates } from '#app/domain/pairing/lifecycle';
import { compareByName, type SectorName } from './poles.server';
import { recordAudit, type AuditData } from './audit.server';

export const maturityChangedAction = 'pole.maturity-changed';

/** The profile editor's current values, the sectors and topics it offers, and the twinnings the pole carries now. */
export async function getProfileEditor(db: Executor, poleId: string) {
  const [[pole], sectorRows, chosen, topicRows, chosenTopics, activeLoad] = await Promise.all([
    db
      .select({
        description: poles.description,
        maturity: poles.maturity,
        foundedYear: poles.foundedYear,
        memberCount: poles.memberCount,
        animation: poles.animation,
        website: poles.website,
        publicContact: poles.publicContact,
        mentoringCapacity: poles.mentoringCapacity,
        languages: poles.languages,
        logoUpdatedAt: poleLogos.updatedAt,
      })
      .from(poles)
      .leftJoin(poleLogos, eq(poleLogos.poleId, poles.id))
      .where(eq(poles.id, poleId)),
    db.select({ slug: sectors.slug, name: sectors.name, nameEn: sectors.nameEn }).from(sectors),
    db.select({ slug: poleSectors.sectorSlug }).from(poleSectors).where(eq(poleSectors.poleId, poleId)),
    db.select({ slug: topics.slug, name: topics.name, nameEn: topics.nameEn }).from(topics),
    db.select({ slug: poleMentoringTopics.topicSlug }).from(poleMentoringTopics).where(eq(poleMentoringTopics.poleId, poleId)),
    activeMentoringLoad(db, poleId),
  ]);
  if (!pole) return null;
  return {
    profile: { ...pole, sectors: chosen.map((row) => row.slug).sort(), mentoringTopics: chosenTopics.map((row) => row.slug).sort() },
    sectorOptions: sectorRows.sort(compareByName),
    topicOptions: topicRows.sort(compareByName),
    activeLoad,
  };
}

/** The know-how topics a pole may declare it can pass on, for the editor's schema. */
export async function listTopicSlugs(db: Executor): Promise<string[]> {
  const rows = await db.select({ slug: topics.slug }).from(topics);
  return rows.map((row) => row.slug);
}

/** How many twinnings the pole carries now as the mentoring side (the ones its capacity counts). */
export async function activeMentoringLoad(db: Executor, poleId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(twinnings)
    .where(and(eq(twinnings.mentorPoleId, poleId), inArray(twinnings.state, [...loadTwinningStates])));
  return row?.n ?? 0;
}

/** The sectors a profile may choose from, for the editor's schema. */
export async function listSectorSlugs(db: Executor): Promise<string[]> {
  const rows = await db.select({ slug: sectors.slug }).from(sectors);
  return rows.map((row) => row.slug);
}

export type ProfileChanges = {
  description: string;
  sectors: string[];
  maturity: Maturity;
  foundedYear: number | null;
  memberCount: number | null;
  animation: Animation;
  website: string | null;
  publicContact: string | null;
  /** What the pole can carry and pass on as the mentoring side; left as it is when absent. */
  mentoring?: MentoringChanges;
};

export type MentoringChanges = { capacity: number; topics: string[]; languages: string[] };

/** Saved, or refused because the capacity is below the twinnings the pole carries now (nothing saved). */
export type ProfileSaveOutcome = { maturityChanged: boolean; refused?: never } | { refused: 'capacity-below-load'; activeLoad: number };

export type LogoChange = { kind: 'keep' } | { kind: 'remove' } | { kind: 'replace'; contentType: LogoType; bytes: Uint8Array };

/**
 * Saves the whole profile (row, sectors, mentoring topics, logo) in one transaction. The pole row
 * is locked first, so two simultaneous edits run one after the other: the sectors are those of
 * the last one, never a mix, and the maturity "before" in the audit log is the one the edit really
 * replaced. A change of maturity of a validated pole is logged for its regional coordinator.
 *
 * The mentoring capacity may not go below the twinnings the pole carries now as the mentoring
 * side. They are counted under the same lock the acceptance of a twinning takes on the mentoring
 * pole's row, so an acceptance and a lowered capacity never both pass on stale counts.
 */
export async function updatePoleProfile(
  db: Database,
  input: { poleId: string; actorId: string; changes: ProfileChanges; logo: LogoChange },
): Promise<ProfileSaveOutcome | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ maturity: poles.maturity, verifiedAt: poles.verifiedAt, regionCode: poles.regionCode })
      .from(poles)
      .where(eq(poles.id, input.poleId))
      .for('update');
    if (!before) return null;
    const { sectors: sectorSlugs, mentoring, ...columns } = input.changes;
    if (mentoring) {
      const activeLoad = await activeMentoringLoad(tx, input.poleId);
      if (mentoring.capacity < activeLoad) return { refused: 'capacity-below-load' as const, activeLoad };
    }
    const now = new Date();
    await tx
      .update(poles)
      .set({
        ...columns,
        ...(mentoring ? { mentoringCapacity: mentoring.capacity, languages: [...new Set(mentoring.languages)] } : {}),
        updatedAt: now,
      })
      .where(eq(poles.id, input.poleId));

    if (mentoring) {
      await tx.delete(poleMentoringTopics).where(eq(poleMentoringTopics.poleId, input.poleId));
      const topicSlugs = [...new Set(mentoring.topics)];
      if (topicSlugs.length > 0) await tx.insert(poleMentoringTopics).values(topicSlugs.map((topicSlug) => ({ poleId: input.poleId, topicSlug })));
    }

    await tx.delete(poleSectors).where(eq(poleSectors.poleId, input.poleId));
    const uniqueSlugs = [...new Set(sectorSlugs)];
    if (uniqueSlugs.length > 0) await tx.insert(poleSectors).values(uniqueSlugs.map((sectorSlug) => ({ poleId: input.poleId, sectorSlug })));

    if (input.logo.kind === 'remove') await tx.delete(poleLogos).where(eq(poleLogos.poleId, input.poleId));
    if (input.logo.kind === 'replace') {
      const logo = { contentType: input.logo.contentType, bytes: Buffer.from(input.logo.bytes), updatedAt: now };
      await tx
        .insert(poleLogos)
        .values({ poleId: input.poleId, ...logo })
        .onConflictDoUpdate({ target: poleLogos.poleId, set: logo });
    }

    const maturityChanged = before.maturity !== input.changes.maturity;
    if (maturityChanged && before.verifiedAt !== null) {
      await recordAudit(tx, {
        action: maturityChangedAction,
        actorId: input.actorId,
        subject: { type: 'pole', id: input.poleId },
        regionCode: before.regionCode,
        data: { from: before.maturity, to: input.changes.maturity },
        // Taken once the lock is held, not at the start of the transaction: under concurrent edits
        // the rows then sort in the order the changes really happened.
        at: now,
      });
    }
    return { maturityChanged };
  });
}

export type MentoringProfile = { capacity: number; activeLoad: number; topics: SectorName[]; languages: string[] };

/**
 * What a pole declared as the mentoring side and what it carries now, for its public page
 * (`<MentoringCard>`): topics in French order. Null for an unknown pole.
 */
export async function mentoringProfileOf(db: Executor, poleId: string): Promise<MentoringProfile | null> {
  const [[pole], topicRows, activeLoad] = await Promise.all([
    db.select({ capacity: poles.mentoringCapacity, languages: poles.languages }).from(poles).where(eq(poles.id, poleId)),
    db
      .select({ slug: topics.slug, name: topics.name, nameEn: topics.nameEn })
      .from(poleMentoringTopics)
      .innerJoin(topics, eq(topics.slug, poleMentoringTopics.topicSlug))
      .where(eq(poleMentoringTopics.poleId, poleId)),
    activeMentoringLoad(db, poleId),
  ]);
  if (!pole) return null;
  return { capacity: pole.capacity, activeLoad, topics: topicRows.sort(compareByName), languages: pole.languages };
}

/** The logo as stored, for the resource route; null when the pole has none (or does not exist). */
export async function getPoleLogo(db: Executor, slug: string) {
  const [row] = await db
    .select({ contentType: poleLogos.contentType, bytes: poleLogos.bytes, updatedAt: poleLogos.updatedAt })
    .from(poleLogos)
    .innerJoin(poles, eq(poles.id, poleLogos.poleId))
    .where(eq(poles.slug, slug));
  return row ? { ...row, bytes: new Uint8Array(row.bytes) } : null;
}

// ─── For the regional coordinator ─────────────────────────────────────────

export type MaturityChange = {
  id: string;
  pole: { slug: string; name: string };
  from: Maturity | null;
  to: Maturity | null;
  actorName: string | null;
  at: Date;
};

/** The latest maturity changes of validated poles in each region, newest first. */
export async function recentMaturityChanges(db: Executor, regionCodes: string[], limit = 20): Promise<Map<string, MaturityChange[]>> {
  const perRegion = await Promise.all(
    regionCodes.map(async (regionCode) => {
      const rows = await db
        .select({
          id: auditLog.id,
          // The event's own facts, never parsed out of a text.
          data: auditLog.data,
          at: auditLog.createdAt,
          actorName: users.name,
          pole: { slug: poles.slug, name: poles.name },
        })
        .from(auditLog)
        // subject_id is text (it names subjects of any kind); the pole id is a uuid.
        .innerJoin(poles, eq(sql`${poles.id}::text`, auditLog.subjectId))
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(and(eq(auditLog.action, maturityChangedAction), eq(auditLog.subjectType, 'pole'), eq(auditLog.regionCode, regionCode)))
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(limit);
      const changes = rows.map(({ data, ...row }) => {
        // Rows written before the data column existed have none: shown without from/to.
        const { from = null, to = null } = data as Partial<AuditData<typeof maturityChangedAction>>;
        return { ...row, from, to };
      });
      return [regionCode, changes] as const;
    }),
  );
  return new Map(perRegion);
}
