import { and, asc, count, eq, gte, inArray, isNull, lte, notExists, sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import { listedRequestStates, publicOfferStates } from '#app/domain/market/rules';
import { openTwinningStates } from '#app/domain/pairing/lifecycle';
import { threadPagePath } from '#app/domain/paths';
import type { Executor } from '#db/client';
import { messageReports, messages, offers, poleApplications, poles, requests, threads, twinnings, visits } from '#db/schema';
import { pendingReport } from './moderation-desk.server';
import { homeFigures, type HomeFigures } from './stats.server';

/**
 * The coordination part of the start page: each region's backlog (applications of poles wanting to
 * join, poles to validate, open requests
 * no twinning answers yet, proposals waiting for the poles' answer, reported messages waiting for
 * review) as counts with the first items, and the national figures. One statement per list for all
 * the regions at once: a window function counts and ranks inside each region.
 */

export type BacklogList<Item> = { total: number; items: Item[] };
export type RegionBacklog = {
  applications: BacklogList<{ id: string; poleName: string; town: string; receivedAt: Date }>;
  poles: BacklogList<{ id: string; slug: string; name: string; town: string }>;
  requests: BacklogList<{ id: string; title: string; poleName: string; openedAt: Date }>;
  proposals: BacklogList<{ id: string; mentorName: string; menteeName: string; expiresAt: Date; mentorAnswered: boolean; menteeAnswered: boolean }>;
  reports: BacklogList<{ messageId: string; title: string; path: string; firstReport: Date; reports: number }>;
};

/** Threads with no region (the national forum) are keyed so. */
export const nationalKey = 'national';

/** Which regions: these codes, or all (the national view). */
export type RegionScope = readonly string[] | 'all';

const mentorPole = alias(poles, 'mentor_pole');
const menteePole = alias(poles, 'mentee_pole');

function inScope(column: PgColumn, scope: RegionScope): SQL | undefined {
  return scope === 'all' ? undefined : inArray(column, [...scope]);
}

/** The rank of a row inside its region and the region's count, for the `where rank <= n` around it. */
function ranking(region: PgColumn | SQL, order: SQL) {
  return {
    rank: sql<number>`row_number() over (partition by ${region} order by ${order})`.mapWith(Number).as('rank'),
    total: sql<number>`count(*) over (partition by ${region})`.mapWith(Number).as('total'),
  };
}

export function emptyBacklog(): RegionBacklog {
  const none = () => ({ total: 0, items: [] });
  return { applications: none(), poles: none(), requests: none(), proposals: none(), reports: none() };
}

/**
 * The backlogs of the regions in scope, keyed by region code (`nationalKey` for the national
 * threads' reports), with up to `itemsShown` items of each list (0: counts only).
 */
export async function loadRegionBacklogs(db: Executor, scope: RegionScope, itemsShown: number): Promise<Map<string, RegionBacklog>> {
  const backlogs = new Map<string, RegionBacklog>();
  if (scope !== 'all' && scope.length === 0) return backlogs;
  // At least the first row of each region is read: it carries the region's count.
  const limit = Math.max(1, itemsShown);

  // As the applications desk lists them: pending, oldest first.
  const applicationList = db
    .select({
      regionCode: poleApplications.regionCode,
      id: poleApplications.id,
      poleName: poleApplications.poleName,
      town: poleApplications.town,
      receivedAt: poleApplications.createdAt,
      ...ranking(poleApplications.regionCode, sql`${poleApplications.createdAt}, ${poleApplications.id}`),
    })
    .from(poleApplications)
    .where(and(eq(poleApplications.state, 'pending'), inScope(poleApplications.regionCode, scope)))
    .as('application_list');

  const poleList = db
    .select({
      regionCode: poles.regionCode,
      id: poles.id,
      slug: poles.slug,
      name: poles.name,
      town: poles.town,
      ...ranking(poles.regionCode, sql`${poles.name}, ${poles.id}`),
    })
    .from(poles)
    .where(and(isNull(poles.verifiedAt), inScope(poles.regionCode, scope)))
    .as('pole_list');

  // As the desk reads it: an open request no proposed or active twinning answers.
  const answering = db
    .select({ one: sql`1` })
    .from(twinnings)
    .where(and(eq(twinnings.requestId, requests.id), inArray(twinnings.state, [...openTwinningStates])));
  const requestList = db
    .select({
      regionCode: poles.regionCode,
      id: requests.id,
      title: requests.title,
      poleName: sql<string>`${poles.name}`.as('pole_name'),
      openedAt: requests.openedAt,
      ...ranking(poles.regionCode, sql`${requests.openedAt}, ${requests.id}`),
    })
    .from(requests)
    .innerJoin(poles, eq(poles.id, requests.poleId))
    .where(and(eq(requests.state, 'open'), inScope(poles.regionCode, scope), notExists(answering)))
    .as('request_list');

  const proposalList = db
    .select({
      regionCode: twinnings.regionCode,
      id: twinnings.id,
      mentorName: sql<string>`${mentorPole.name}`.as('mentor_name'),
      menteeName: sql<string>`${menteePole.name}`.as('mentee_name'),
      expiresAt: twinnings.expiresAt,
      mentorAnswered: sql<boolean>`${twinnings.mentorAcceptedAt} is not null`.as('mentor_answered'),
      menteeAnswered: sql<boolean>`${twinnings.menteeAcceptedAt} is not null`.as('mentee_answered'),
      ...ranking(twinnings.regionCode, sql`${twinnings.expiresAt}, ${twinnings.id}`),
    })
    .from(twinnings)
    .innerJoin(mentorPole, eq(mentorPole.id, twinnings.mentorPoleId))
    .innerJoin(menteePole, eq(menteePole.id, twinnings.menteePoleId))
    .where(and(eq(twinnings.state, 'proposed'), inScope(twinnings.regionCode, scope)))
    .as('proposal_list');

  // One row per reported message waiting for review (as /moderation counts them), oldest report first.
  const region = sql`coalesce(${threads.regionCode}, ${nationalKey})`;
  const reportList = db
    .select({
      regionCode: sql<string>`${region}`.as('region_key'),
      messageId: sql<string>`${messages.id}`.as('message_id'),
      threadId: sql<string>`${threads.id}`.as('thread_id'),
      threadRegion: sql<string | null>`${threads.regionCode}`.as('thread_region'),
      subjectType: threads.subjectType,
      title: threads.title,
      visitId: sql<string | null>`${visits.id}`.as('visit_id'),
      firstReport: sql<Date>`min(${messageReports.createdAt})`.mapWith(messageReports.createdAt).as('first_report'),
      reports: sql<number>`count(*)`.mapWith(Number).as('reports'),
      ...ranking(region, sql`min(${messageReports.createdAt}), ${messages.id}`),
    })
    .from(messageReports)
    .innerJoin(messages, eq(messages.id, messageReports.messageId))
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .leftJoin(visits, eq(visits.threadId, threads.id))
    .where(and(pendingReport, inScope(threads.regionCode, scope)))
    .groupBy(messages.id, threads.id, visits.id)
    .as('report_list');

  const [applicationRows, poleRows, requestRows, proposalRows, reportRows] = await Promise.all([
    db.select().from(applicationList).where(lte(applicationList.rank, limit)).orderBy(asc(applicationList.rank)),
    db.select().from(poleList).where(lte(poleList.rank, limit)).orderBy(asc(poleList.rank)),
    db.select().from(requestList).where(lte(requestList.rank, limit)).orderBy(asc(requestList.rank)),
    db.select().from(proposalList).where(lte(proposalList.rank, limit)).orderBy(asc(proposalList.rank)),
    db.select().from(reportList).where(lte(reportList.rank, limit)).orderBy(asc(reportList.rank)),
  ]);

  const backlogOf = (code: string) => {
    let backlog = backlogs.get(code);
    if (!backlog) backlogs.set(code, (backlog = emptyBacklog()));
    return backlog;
  };
  function add<Kind extends keyof RegionBacklog>(
    kind: Kind,
    row: { regionCode: string; rank: number; total: number },
    item: RegionBacklog[Kind]['items'][number],
  ) {
    const list = backlogOf(row.regionCode)[kind];
    list.total = Number(row.total);
    if (row.rank <= itemsShown) (list.items as (typeof item)[]).push(item);
  }
  for (const row of applicationRows) add('applications', row, { id: row.id, poleName: row.poleName, town: row.town, receivedAt: row.receivedAt });
  for (const row of poleRows) add('poles', row, { id: row.id, slug: row.slug, name: row.name, town: row.town });
  for (const row of requestRows) add('requests', row, { id: row.id, title: row.title, poleName: row.poleName, openedAt: row.openedAt });
  for (const row of proposalRows) {
    const { id, mentorName, menteeName, expiresAt, mentorAnswered, menteeAnswered } = row;
    add('proposals', row, { id, mentorName, menteeName, expiresAt, mentorAnswered: Boolean(mentorAnswered), menteeAnswered: Boolean(menteeAnswered) });
  }
  for (const row of reportRows) {
    const path = `${threadPagePath({ id: row.threadId, subjectType: row.subjectType, regionCode: row.threadRegion, visitId: row.visitId })}#message-${row.messageId}`;
    add('reports', row, { messageId: row.messageId, title: row.title, path, firstReport: row.firstReport, reports: Number(row.reports) });
  }
  return backlogs;
}

export type NationalFigures = HomeFigures & {
  publishedOffers: number;
  listedRequests: number;
  activeTwinnings: number;
  completedTwinnings: number;
  upcomingVisits: number;
};

/**
 * The programme's figures for the national council: the home page's (fictional demo poles left
 * out, as there) and, in one statement, the offers, requests, twinnings and visits of real poles.
 */
export async function nationalFigures(db: Executor, now = new Date()): Promise<NationalFigures> {
  const realPole = (poleId: PgColumn) => and(eq(poles.id, poleId), eq(poles.fictional, false));
  const counted = (query: SQL) => sql<number>`(${query})`.mapWith(Number);
  const [home, [row]] = await Promise.all([
    homeFigures(db),
    db
      .select({
        publishedOffers: counted(
          sql`${db
            .select({ n: count() })
            .from(offers)
            .innerJoin(poles, realPole(offers.poleId))
            .where(inArray(offers.state, [...publicOfferStates]))}`,
        ),
        listedRequests: counted(
          sql`${db
            .select({ n: count() })
            .from(requests)
            .innerJoin(poles, realPole(requests.poleId))
            .where(inArray(requests.state, [...listedRequestStates]))}`,
        ),
        activeTwinnings: counted(
          sql`${db.select({ n: count() }).from(twinnings).innerJoin(poles, realPole(twinnings.menteePoleId)).where(eq(twinnings.state, 'active'))}`,
        ),
        completedTwinnings: counted(
          sql`${db.select({ n: count() }).from(twinnings).innerJoin(poles, realPole(twinnings.menteePoleId)).where(eq(twinnings.state, 'completed'))}`,
        ),
        upcomingVisits: counted(
          sql`${db
            .select({ n: count() })
            .from(visits)
            .innerJoin(poles, realPole(visits.poleId))
            .where(and(eq(visits.state, 'scheduled'), gte(visits.startsAt, now)))}`,
        ),
      })
      .from(sql`(values (1)) as one`),
  ]);
  return {
    ...home,
    publishedOffers: row?.publishedOffers ?? 0,
    listedRequests: row?.listedRequests ?? 0,
    activeTwinnings: row?.activeTwinnings ?? 0,
    completedTwinnings: row?.completedTwinnings ?? 0,
    upcomingVisits: row?.upcomingVisits ?? 0,
  };
}

/** How many poles each region has (the national view lists the regions that have some). */
export async function poleCountsByRegion(db: Executor): Promise<Map<string, number>> {
  const rows = await db.select({ regionCode: poles.regionCode, count: count() }).from(poles).groupBy(poles.regionCode);
  return new Map(rows.map((row) => [row.regionCode, Number(row.count)]));
}
