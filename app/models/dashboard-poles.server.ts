import { and, asc, count, desc, eq, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { offerReachesPole, pickSuggestions } from '#app/domain/dashboard/rules';
import { offerStates, publicOfferStates, requestStates, type OfferReach } from '#app/domain/market/rules';
import { openTwinningStates, type TwinningSide } from '#app/domain/pairing/lifecycle';
import { liveBookingStates, seatHoldingStates } from '#app/domain/visits/booking';
import type { Executor } from '#db/client';
import { offers, offerTopics, poleLogos, poles, regions, requests, requestTopics, topics, twinningGoals, twinnings, visitBookings, visits } from '#db/schema';
import { selectTwinningsWithPoles } from './twinnings.server';
import type { TopicName } from './vocabulary.server';

/**
 * The pole member's part of the start page (/tableau-de-bord), for all the person's poles at once:
 * one statement per list, run together, then grouped by pole here.
 */

type PoleLink = { name: string; slug: string };

export type DashboardTwinning = {
  id: string;
  state: 'proposed' | 'active';
  /** The side the pole is on. */
  side: TwinningSide;
  otherPole: PoleLink;
  requestTitle: string | null;
  /** A proposal the pole has not answered yet. */
  awaitsOurAnswer: boolean;
  expiresAt: Date;
  /** The first open goals, the soonest due first, and how many are open in all. */
  nextGoals: Array<{ id: string; title: string; dueOn: string | null }>;
  openGoals: number;
};

export type HostedVisit = { id: string; title: string; startsAt: Date; seats: number; taken: number; waiting: number; toConfirm: number };
export type BookedVisit = {
  bookingId: string;
  visitId: string;
  title: string;
  startsAt: Date;
  host: PoleLink;
  state: (typeof liveBookingStates)[number];
  seats: number;
  /** Rank in the waiting list (1 = next) when the booking waits. */
  rank: number | null;
};
export type OwnOffer = { id: string; title: string; state: (typeof offerStates)[number]; updatedAt: Date };
export type OwnRequest = { id: string; title: string; state: (typeof requestStates)[number]; updatedAt: Date };
export type SuggestedOffer = { id: string; title: string; pole: PoleLink; sharedTopics: TopicName[] };
export type RequestSuggestions = { request: { id: string; title: string }; offers: SuggestedOffer[] };

export type PoleDashboard = {
  pole: { id: string; slug: string; name: string; regionCode: string; verified: boolean; logoUpdatedAt: Date | null };
  twinnings: DashboardTwinning[];
  hosted: HostedVisit[];
  booked: BookedVisit[];
  offers: OwnOffer[];
  requests: OwnRequest[];
  suggestions: RequestSuggestions[];
};

/** How many goals of a twinning the page lists. */
export const goalsShown = 3;
/** Upcoming visits listed per pole, hosted and booked each. */
export const visitsShown = 5;

const hostPole = alias(poles, 'host_pole');
const offeringPole = alias(poles, 'offering_pole');
const offeringRegion = alias(regions, 'offering_region');
const askingPole = alias(poles, 'asking_pole');
const askingRegion = alias(regions, 'asking_region');
const ahead = alias(visitBookings, 'ahead');

/** A list of states as SQL parameters, for `state in (…)` inside `sql`. */
const stateList = (list: readonly string[]) =>
  sql.join(
    list.map((state) => sql`${state}`),
    sql`, `,
  );

/** States in the order a pole deals with them: what is being prepared, what is live, what is over. */
const stateOrder = <T extends string>(column: typeof offers.state | typeof requests.state, states: readonly T[]) =>
  sql`array_position(array[${stateList(states)}]::text[], ${column}::text)`;

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

export async function loadPoleDashboards(db: Executor, poleIds: readonly string[], now = new Date()): Promise<PoleDashboard[]> {
  if (poleIds.length === 0) return [];
  const ids = [...poleIds];
  const ofPoles = or(inArray(twinnings.mentorPoleId, ids), inArray(twinnings.menteePoleId, ids));
  const [poleRows, twinningRows, goalRows, hostedRows, bookedRows, offerRows, requestRows, suggestionRows] = await Promise.all([
    db
      .select({
        id: poles.id,
        slug: poles.slug,
        name: poles.name,
        regionCode: poles.regionCode,
        verifiedAt: poles.verifiedAt,
        logoUpdatedAt: poleLogos.updatedAt,
      })
      .from(poles)
      .leftJoin(poleLogos, eq(poleLogos.poleId, poles.id))
      .where(inArray(poles.id, ids))
      .orderBy(asc(poles.name), asc(poles.id)),
    selectTwinningsWithPoles(db)
      .where(and(ofPoles, inArray(twinnings.state, [...openTwinningStates])))
      .orderBy(asc(twinnings.state), desc(twinnings.proposedAt), asc(twinnings.id)),
    db
      .select({ twinningId: twinningGoals.twinningId, id: twinningGoals.id, title: twinningGoals.title, dueOn: twinningGoals.dueOn })
      .from(twinningGoals)
      .innerJoin(twinnings, eq(twinnings.id, twinningGoals.twinningId))
      .where(and(ofPoles, eq(twinnings.state, 'active'), isNull(twinningGoals.doneAt)))
      .orderBy(sql`${twinningGoals.dueOn} asc nulls last`, asc(twinningGoals.createdAt), asc(twinningGoals.id)),
    db
      .select({
        id: visits.id,
        poleId: visits.poleId,
        title: visits.title,
        startsAt: visits.startsAt,
        seats: visits.seats,
        // Qualified by hand: inside `sql` drizzle names a column without its table, and both tables have `seats`.
        taken: sql<number>`coalesce(sum("visit_bookings"."seats") filter (where "visit_bookings"."state" in (${stateList(seatHoldingStates)})), 0)::int`,
        waiting: sql<number>`(count("visit_bookings"."id") filter (where "visit_bookings"."state" = 'waiting'))::int`,
        toConfirm: sql<number>`(count("visit_bookings"."id") filter (where "visit_bookings"."state" = 'pending'))::int`,
      })
      .from(visits)
      .leftJoin(visitBookings, eq(visitBookings.visitId, visits.id))
      .where(and(inArray(visits.poleId, ids), eq(visits.state, 'scheduled'), gte(visits.startsAt, now)))
      .groupBy(visits.id)
      .orderBy(asc(visits.startsAt), asc(visits.id)),
    db
      .select({
        bookingId: visitBookings.id,
        poleId: visitBookings.poleId,
        visitId: visits.id,
        title: visits.title,
        startsAt: visits.startsAt,
        host: { name: hostPole.name, slug: hostPole.slug },
        state: visitBookings.state,
        seats: visitBookings.seats,
        rank: sql<number>`(${db
          .select({ ahead: count() })
          .from(ahead)
          .where(and(eq(ahead.visitId, visitBookings.visitId), eq(ahead.state, 'waiting'), lte(ahead.position, visitBookings.position)))})`.mapWith(Number),
      })
      .from(visitBookings)
      .innerJoin(visits, eq(visits.id, visitBookings.visitId))
      .innerJoin(hostPole, eq(hostPole.id, visits.poleId))
      .where(
        and(inArray(visitBookings.poleId, ids), inArray(visitBookings.state, [...liveBookingStates]), eq(visits.state, 'scheduled'), gte(visits.startsAt, now)),
      )
      .orderBy(asc(visits.startsAt), asc(visits.id)),
    db
      .select({ id: offers.id, poleId: offers.poleId, title: offers.title, state: offers.state, updatedAt: offers.updatedAt })
      .from(offers)
      .where(inArray(offers.poleId, ids))
      .orderBy(stateOrder(offers.state, offerStates), desc(offers.updatedAt), asc(offers.id)),
    db
      .select({ id: requests.id, poleId: requests.poleId, title: requests.title, state: requests.state, updatedAt: requests.updatedAt })
      .from(requests)
      .where(inArray(requests.poleId, ids))
      .orderBy(stateOrder(requests.state, requestStates), desc(requests.updatedAt), asc(requests.id)),
    suggestionCandidates(db, ids),
  ]);

  const goals = groupBy(goalRows, (goal) => goal.twinningId);
  const suggestions = pickSuggestions(suggestionRows);
  return poleRows.map(({ verifiedAt, ...pole }) => ({
    pole: { ...pole, verified: verifiedAt !== null },
    twinnings: twinningRows
      .filter((row) => row.mentor.id === pole.id || row.mentee.id === pole.id)
      .map((row) => {
        const side: TwinningSide = row.mentor.id === pole.id ? 'mentor' : 'mentee';
        const other = side === 'mentor' ? row.mentee : row.mentor;
        const open = goals.get(row.id) ?? [];
        return {
          id: row.id,
          state: row.state as DashboardTwinning['state'],
          side,
          otherPole: { name: other.name, slug: other.slug },
          requestTitle: row.requestTitle,
          awaitsOurAnswer: row.state === 'proposed' && (side === 'mentor' ? row.mentorAcceptedAt : row.menteeAcceptedAt) === null,
          expiresAt: row.expiresAt,
          nextGoals: open.slice(0, goalsShown).map(({ twinningId: _twinningId, ...goal }) => goal),
          openGoals: open.length,
        };
      }),
    hosted: hostedRows
      .filter((row) => row.poleId === pole.id)
      .slice(0, visitsShown)
      .map(({ poleId: _poleId, ...row }) => ({ ...row, taken: Number(row.taken), waiting: Number(row.waiting), toConfirm: Number(row.toConfirm) })),
    booked: bookedRows
      .filter((row) => row.poleId === pole.id)
      .slice(0, visitsShown)
      .map(({ poleId: _poleId, ...row }) => ({ ...row, state: row.state as BookedVisit['state'], rank: row.state === 'waiting' ? row.rank : null })),
    offers: offerRows.filter((row) => row.poleId === pole.id).map(({ poleId: _poleId, ...row }) => row),
    requests: requestRows.filter((row) => row.poleId === pole.id).map(({ poleId: _poleId, ...row }) => row),
    suggestions: requestRows
      .filter((row) => row.poleId === pole.id && suggestions.has(row.id))
      .map((row) => ({
        request: { id: row.id, title: row.title },
        offers: suggestions.get(row.id)!.map((candidate) => ({
          id: candidate.offerId,
          title: candidate.title,
          pole: candidate.pole,
          sharedTopics: candidate.sharedTopics,
        })),
      })),
  }));
}

/**
 * Published offers of other poles sharing a topic with one of these poles' open requests: one row
 * per shared topic, folded into one candidate per request and offer, with whether the offer's reach
 * covers the asking pole.
 */
async function suggestionCandidates(db: Executor, poleIds: string[]) {
  const rows = await db
    .select({
      requestId: requests.id,
      offerId: offers.id,
      title: offers.title,
      reach: offers.reach,
      publishedAt: offers.publishedAt,
      pole: { name: offeringPole.name, slug: offeringPole.slug },
      offerPlace: { region: offeringPole.regionCode, country: offeringRegion.country },
      askerPlace: { region: askingPole.regionCode, country: askingRegion.country },
      topic: { slug: topics.slug, name: topics.name, nameEn: topics.nameEn },
    })
    .from(requests)
    .innerJoin(askingPole, eq(askingPole.id, requests.poleId))
    .innerJoin(askingRegion, eq(askingRegion.code, askingPole.regionCode))
    .innerJoin(requestTopics, eq(requestTopics.requestId, requests.id))
    .innerJoin(topics, eq(topics.slug, requestTopics.topicSlug))
    .innerJoin(offerTopics, eq(offerTopics.topicSlug, requestTopics.topicSlug))
    .innerJoin(offers, eq(offers.id, offerTopics.offerId))
    .innerJoin(offeringPole, eq(offeringPole.id, offers.poleId))
    .innerJoin(offeringRegion, eq(offeringRegion.code, offeringPole.regionCode))
    .where(
      and(inArray(requests.poleId, poleIds), eq(requests.state, 'open'), inArray(offers.state, [...publicOfferStates]), ne(offers.poleId, requests.poleId)),
    )
    .orderBy(asc(topics.name));
  const byPair = new Map<
    string,
    {
      requestId: string;
      offerId: string;
      title: string;
      pole: PoleLink;
      publishedAt: Date | null;
      sameRegion: boolean;
      reaches: boolean;
      sharedTopics: TopicName[];
    }
  >();
  for (const row of rows) {
    const key = `${row.requestId}:${row.offerId}`;
    const pair = byPair.get(key);
    if (pair) {
      pair.sharedTopics.push(row.topic);
      continue;
    }
    byPair.set(key, {
      requestId: row.requestId,
      offerId: row.offerId,
      title: row.title,
      pole: row.pole,
      publishedAt: row.publishedAt,
      sameRegion: row.offerPlace.region === row.askerPlace.region,
      reaches: offerReachesPole({ ...row.offerPlace, reach: row.reach as OfferReach }, row.askerPlace),
      sharedTopics: [row.topic],
    });
  }
  return [...byPair.values()];
}
