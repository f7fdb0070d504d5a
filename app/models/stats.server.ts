import { countDistinct, eq, sql } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { poleMemberships, poles } from '#db/schema';

export type HomeFigures = {
  activePoles: number;
  regionsWithPoles: number;
  members: number;
  verifiedPoles: number;
  /** Demo poles, never part of the figures above; the page says how many were left out. */
  fictionalPoles: number;
};

/**
 * The public figures of the home page, computed live. Fictional demo poles are left out of every
 * figure (and their members with them) so that a demo never inflates what the programme shows.
 */
export async function homeFigures(db: Executor): Promise<HomeFigures> {
  const real = sql`not ${poles.fictional}`;
  const [[poleFigures], [memberFigures]] = await Promise.all([
    db
      .select({
        activePoles: sql<number>`(count(*) filter (where ${real} and ${poles.status} = 'active'))::int`,
        regionsWithPoles: sql<number>`(count(distinct ${poles.regionCode}) filter (where ${real}))::int`,
        verifiedPoles: sql<number>`(count(*) filter (where ${real} and ${poles.verifiedAt} is not null))::int`,
        fictionalPoles: sql<number>`(count(*) filter (where ${poles.fictional}))::int`,
      })
      .from(poles),
    db
      .select({ members: countDistinct(poleMemberships.userId) })
      .from(poleMemberships)
      .innerJoin(poles, eq(poles.id, poleMemberships.poleId))
      .where(real),
  ]);
  return {
    activePoles: poleFigures?.activePoles ?? 0,
    regionsWithPoles: poleFigures?.regionsWithPoles ?? 0,
    members: Number(memberFigures?.members ?? 0),
    verifiedPoles: poleFigures?.verifiedPoles ?? 0,
    fictionalPoles: poleFigures?.fictionalPoles ?? 0,
  };
}
