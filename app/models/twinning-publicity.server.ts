import { and, count, desc, eq, inArray, ne, not, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TwinningSide, TwinningState } from '#app/domain/pairing/lifecycle';
import { publicityCanChange, publicityChangeStates, publicTwinningStates } from '#app/domain/pairing/publicity';
import type { Database, Executor } from '#db/client';
import { poleLogos, poles, requests, twinnings } from '#db/schema';
import { recordAudit } from './audit.server';

/**
 * Each pole's consent to its twinning being shown on public pages, and the twinnings public pages
 * show: under way, with both consents (app/domain/pairing/publicity.ts).
 */

export type PublicityOutcome = { status: 'done' } | { status: 'not-allowed'; state: TwinningState } | { status: 'not-found' };

/**
 * Gives or withdraws one side's consent, and writes it to the audit trail in the same
 * transaction. One UPDATE of that side's column only, guarded by the state and by the value it
 * changes: the two sides changing theirs at the same moment never overwrite each other, an ended
 * twinning is left as it was, and asking again for what is already so (a second click, two tabs)
 * writes nothing and records nothing.
 */
export async function setTwinningPublicity(
  db: Database,
  input: { twinningId: string; side: TwinningSide; shows: boolean; actorId: string },
): Promise<PublicityOutcome> {
  const [column, poleColumn] =
    input.side === 'mentor' ? [twinnings.mentorShowsPublicly, twinnings.mentorPoleId] : [twinnings.menteeShowsPublicly, twinnings.menteePoleId];
  return db.transaction(async (tx): Promise<PublicityOutcome> => {
    const [changed] = await tx
      .update(twinnings)
      .set(input.side === 'mentor' ? { mentorShowsPublicly: input.shows } : { menteeShowsPublicly: input.shows })
      .where(and(eq(twinnings.id, input.twinningId), inArray(twinnings.state, publicityChangeStates), ne(column, input.shows)))
      .returning({ id: twinnings.id, regionCode: twinnings.regionCode, poleId: poleColumn });
    if (changed) {
      await recordAudit(tx, {
        action: 'twinning.publicity-changed',
        actorId: input.actorId,
        subject: { type: 'twinning', id: changed.id },
        regionCode: changed.regionCode,
        data: { side: input.side, poleId: changed.poleId, shows: input.shows },
        at: new Date(),
      });
      return { status: 'done' };
    }
    const [current] = await tx.select({ state: twinnings.state }).from(twinnings).where(eq(twinnings.id, input.twinningId));
    if (!current) return { status: 'not-found' };
    return publicityCanChange(current.state) ? { status: 'done' } : { status: 'not-allowed', state: current.state };
  });
}

/** The two consents of one twinning (its page says where each side stands), or null. */
export async function twinningConsents(db: Executor, twinningId: string) {
  const [row] = await db
    .select({ mentorShowsPublicly: twinnings.mentorShowsPublicly, menteeShowsPublicly: twinnings.menteeShowsPublicly })
    .from(twinnings)
    .where(eq(twinnings.id, twinningId));
  return row ?? null;
}

const mentorPole = alias(poles, 'mentor_pole');
const menteePole = alias(poles, 'mentee_pole');
const mentorLogo = alias(poleLogos, 'mentor_logo');
const menteeLogo = alias(poleLogos, 'mentee_logo');

const underWay = inArray(twinnings.state, publicTwinningStates);
const consented = and(eq(twinnings.mentorShowsPublicly, true), eq(twinnings.menteeShowsPublicly, true))!;

export type PublicTwinningPole = { id: string; slug: string; name: string; logoUpdatedAt: Date | null };
export type PublicTwinning = {
  id: string;
  activatedAt: Date | null;
  mentor: PublicTwinningPole;
  mentee: PublicTwinningPole;
  request: { id: string; title: string } | null;
};

/** The twinnings public pages show (of one pole, or all), the latest started first. */
export async function publicTwinnings(db: Executor, scope: { poleId?: string; limit: number }): Promise<PublicTwinning[]> {
  const conditions: SQL[] = [underWay, consented];
  if (scope.poleId) conditions.push(or(eq(twinnings.mentorPoleId, scope.poleId), eq(twinnings.menteePoleId, scope.poleId))!);
  const rows = await db
    .select({
      id: twinnings.id,
      activatedAt: twinnings.activatedAt,
      mentor: { id: mentorPole.id, slug: mentorPole.slug, name: mentorPole.name, logoUpdatedAt: mentorLogo.updatedAt },
      mentee: { id: menteePole.id, slug: menteePole.slug, name: menteePole.name, logoUpdatedAt: menteeLogo.updatedAt },
      requestId: requests.id,
      requestTitle: requests.title,
    })
    .from(twinnings)
    .innerJoin(mentorPole, eq(mentorPole.id, twinnings.mentorPoleId))
    .innerJoin(menteePole, eq(menteePole.id, twinnings.menteePoleId))
    .leftJoin(mentorLogo, eq(mentorLogo.poleId, twinnings.mentorPoleId))
    .leftJoin(menteeLogo, eq(menteeLogo.poleId, twinnings.menteePoleId))
    .leftJoin(requests, eq(requests.id, twinnings.requestId))
    .where(and(...conditions))
    .orderBy(desc(twinnings.activatedAt), desc(twinnings.id))
    .limit(scope.limit);
  return rows.map(({ requestId, requestTitle, ...row }) => ({
    ...row,
    request: requestId && requestTitle !== null ? { id: requestId, title: requestTitle } : null,
  }));
}

/** Twinnings under way that public pages do not name (a side has not consented): counted, never named. */
export async function unnamedTwinningCount(db: Executor, scope: { poleId?: string } = {}): Promise<number> {
  const conditions: SQL[] = [underWay, not(consented)];
  if (scope.poleId) conditions.push(or(eq(twinnings.mentorPoleId, scope.poleId), eq(twinnings.menteePoleId, scope.poleId))!);
  const [row] = await db
    .select({ total: count() })
    .from(twinnings)
    .where(and(...conditions));
  return row?.total ?? 0;
}
