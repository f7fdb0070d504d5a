import { and, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import { listedRequestStates, publicOfferStates } from '#app/domain/market/rules';
import { fromParisParts, toParisParts } from '#app/domain/visits/time';
import type { Executor } from '#db/client';
import { offers, poleMemberships, poles, requests, twinnings, visits } from '#db/schema';

export type HomeFigures = {
  activePoles: number;
  regionsWithPoles: number;
  members: number;
  verifiedPoles: number;
  /** Demo poles, never part of the figures above; the page says how many were left out. */
  fictionalPoles: number;
};

/** What the marketplace, the visits and the twinnings hold, for the home page (real poles only). */
export type ActivityFigures = {
  /** Published offers, and how many of them were first published since 1 January (Paris). */
  offers: { published: number; thisYear: number };
  /** Requests still looking for help (open or in progress). */
  openRequests: number;
  /** Learning visits held or to come (not cancelled), and how many are still to come. */
  visits: { scheduled: number; upcoming: number };
  /** Twinnings that went ahead (under way or completed), and how many are under way. */
  twinnings: { started: number; active: number };
};

/** 1 January of the current year, at midnight in Paris. */
export function startOfParisYear(now: Date): Date {
  const result = fromParisParts(`${toParisParts(now).date.slice(0, 4)}-01-01`, '00:00');
  // Midnight always exists in Paris (the clocks change at 02:00 and 03:00).
  if (!result.ok) throw new Error('no midnight on 1 January in Paris');
  return result.instant;
}

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

/**
 * The home page's figures of what happens on the platform, with the same rule: offers, requests,
 * visits and twinnings of fictional demo poles are not counted. Public states come from the
 * marketplace's rules, as on /offres and /demandes.
 */
export async function activityFigures(db: Executor, now = new Date()): Promise<ActivityFigures> {
  const yearStart = startOfParisYear(now);
  const realPoles = db
    .select({ id: poles.id })
    .from(poles)
    .where(sql`not ${poles.fictional}`);
  const [[offerFigures], [requestFigures], [visitFigures], [twinningFigures]] = await Promise.all([
    db
      .select({
        published: sql<number>`count(*)::int`,
        thisYear: sql<number>`(count(*) filter (where ${offers.publishedAt} >= ${yearStart.toISOString()}::timestamptz))::int`,
      })
      .from(offers)
      .where(and(inArray(offers.state, publicOfferStates), inArray(offers.poleId, realPoles))),
    db
      .select({ open: sql<number>`count(*)::int` })
      .from(requests)
      .where(and(inArray(requests.state, listedRequestStates), inArray(requests.poleId, realPoles))),
    db
      .select({
        scheduled: sql<number>`count(*)::int`,
        upcoming: sql<number>`(count(*) filter (where ${visits.startsAt} >= ${now.toISOString()}::timestamptz))::int`,
      })
      .from(visits)
      .where(and(eq(visits.state, 'scheduled'), inArray(visits.poleId, realPoles))),
    db
      .select({
        started: sql<number>`count(*)::int`,
        active: sql<number>`(count(*) filter (where ${twinnings.state} = 'active'))::int`,
      })
      .from(twinnings)
      .where(and(inArray(twinnings.state, ['active', 'completed']), inArray(twinnings.mentorPoleId, realPoles), inArray(twinnings.menteePoleId, realPoles))),
  ]);
  return {
    offers: { published: offerFigures?.published ?? 0, thisYear: offerFigures?.thisYear ?? 0 },
    openRequests: requestFigures?.open ?? 0,
    visits: { scheduled: visitFigures?.scheduled ?? 0, upcoming: visitFigures?.upcoming ?? 0 },
    twinnings: { started: twinningFigures?.started ?? 0, active: twinningFigures?.active ?? 0 },
  };
}
