import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '#db/client';
import { poleLogos, poleSectors, poles, regions, topics, visitBookings, visitTopics, visits } from '#db/schema';
import { seatHoldingStates } from '#app/domain/visits/booking';
import { fromParisParts, toParisParts } from '#app/domain/visits/time';
import { loadVocabulary } from './vocabulary.server';
import type { LocalName, RegionName } from './poles.server';

export const visitsPerPage = 20;
/** A month never shows more than this many visits (a safety net, far above any real month). */
const monthLimit = 500;

const slug = z
  .string()
  .regex(/^[a-z0-9-]{1,80}$/)
  .optional()
  .catch(undefined);

/** The query string of /visites. A value that makes no sense is dropped, never an error page. */
export const visitListQuerySchema = z.object({
  region: z
    .string()
    .regex(/^[0-9A-Za-z-]{1,10}$/)
    .optional()
    .catch(undefined),
  topic: slug,
  sector: slug,
  vue: z.enum(['liste', 'mois']).catch('liste'),
  mois: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type VisitListQuery = z.infer<typeof visitListQuerySchema>;

export type VisitFilters = { region?: string; topic?: string; sector?: string };

export type VisitSummary = {
  id: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  town: string;
  /** `logoUpdatedAt`: when the host's logo last changed (it versions its address), null without one. */
  host: { name: string; slug: string; logoUpdatedAt: Date | null };
  region: RegionName;
  topics: (LocalName & { slug: string })[];
  seats: number;
  free: number;
  /** The visit's day in Paris (YYYY-MM-DD): its cell in the month grid. */
  day: string;
  /** Its start time in Paris (HH:MM). */
  time: string;
};

export type MonthCell = { day: string; dayOfMonth: number; visits: VisitSummary[] } | null;

// ─── Months in Paris ──────────────────────────────────────────────────────

/** The month (YYYY-MM) an instant falls in, in Paris. */
export function parisMonthOf(instant: Date): string {
  return toParisParts(instant).date.slice(0, 7);
}

/** The month before or after (YYYY-MM). */
export function shiftMonth(month: string, by: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const shifted = new Date(Date.UTC(year, monthNumber - 1 + by, 1));
  return `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The UTC instants of the first midnight of the month in Paris and of the next month's. */
export function parisMonthRange(month: string): { from: Date; to: Date } {
  const midnight = (text: string) => {
    const result = fromParisParts(`${text}-01`, '00:00');
    // Midnight always exists in Paris (the clocks change at 02:00 and 03:00).
    if (!result.ok) throw new Error(`no midnight in Paris on ${text}-01`);
    return result.instant;
  };
  return { from: midnight(month), to: midnight(shiftMonth(month, 1)) };
}

/** The weeks of a month, Monday first; days outside the month are null. */
export function monthGrid(month: string, visitsOfMonth: VisitSummary[]): MonthCell[][] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  // getUTCDay: 0 = Sunday; Monday first means Monday = 0.
  const leading = (new Date(Date.UTC(year, monthNumber - 1, 1)).getUTCDay() + 6) % 7;
  const byDay = new Map<string, VisitSummary[]>();
  for (const visit of visitsOfMonth) byDay.set(visit.day, [...(byDay.get(visit.day) ?? []), visit]);
  const cells: MonthCell[] = Array.from({ length: leading }, () => null);
  for (let dayOfMonth = 1; dayOfMonth <= daysInMonth; dayOfMonth += 1) {
    const day = `${month}-${String(dayOfMonth).padStart(2, '0')}`;
    cells.push({ day, dayOfMonth, visits: byDay.get(day) ?? [] });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: MonthCell[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  return weeks;
}

// ─── The list ─────────────────────────────────────────────────────────────

function filterConditions(db: Executor, filters: VisitFilters): SQL[] {
  const conditions: SQL[] = [eq(visits.state, 'scheduled')];
  if (filters.region) conditions.push(eq(poles.regionCode, filters.region));
  if (filters.topic) {
    conditions.push(inArray(visits.id, db.select({ id: visitTopics.visitId }).from(visitTopics).where(eq(visitTopics.topicSlug, filters.topic))));
  }
  if (filters.sector) {
    conditions.push(inArray(visits.poleId, db.select({ id: poleSectors.poleId }).from(poleSectors).where(eq(poleSectors.sectorSlug, filters.sector))));
  }
  return conditions;
}

const summaryColumns = {
  id: visits.id,
  title: visits.title,
  startsAt: visits.startsAt,
  durationMinutes: visits.durationMinutes,
  town: visits.town,
  seats: visits.seats,
  hostName: poles.name,
  hostSlug: poles.slug,
  hostLogoUpdatedAt: poleLogos.updatedAt,
  regionCode: regions.code,
  regionName: regions.name,
  regionNameEn: regions.nameEn,
};

/** The visits matching, soonest first, with their topics and seats left (three queries in all). */
async function summaries(db: Executor, conditions: SQL[], page: { limit: number; offset: number }): Promise<VisitSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(visits)
    .innerJoin(poles, eq(poles.id, visits.poleId))
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .leftJoin(poleLogos, eq(poleLogos.poleId, poles.id))
    .where(and(...conditions))
    .orderBy(asc(visits.startsAt), asc(visits.id))
    .limit(page.limit)
    .offset(page.offset);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [topicRows, takenRows] = await Promise.all([
    db
      .select({ visitId: visitTopics.visitId, slug: topics.slug, name: topics.name, nameEn: topics.nameEn })
      .from(visitTopics)
      .innerJoin(topics, eq(topics.slug, visitTopics.topicSlug))
      .where(inArray(visitTopics.visitId, ids))
      .orderBy(asc(topics.name)),
    db
      .select({ visitId: visitBookings.visitId, taken: sql<number>`coalesce(sum(${visitBookings.seats}), 0)::int` })
      .from(visitBookings)
      .where(and(inArray(visitBookings.visitId, ids), inArray(visitBookings.state, [...seatHoldingStates])))
      .groupBy(visitBookings.visitId),
  ]);
  const taken = new Map(takenRows.map((row) => [row.visitId, Number(row.taken)]));
  return rows.map((row) => {
    const parts = toParisParts(row.startsAt);
    return {
      id: row.id,
      title: row.title,
      startsAt: row.startsAt,
      durationMinutes: row.durationMinutes,
      town: row.town,
      host: { name: row.hostName, slug: row.hostSlug, logoUpdatedAt: row.hostLogoUpdatedAt },
      region: { code: row.regionCode, name: row.regionName, nameEn: row.regionNameEn },
      topics: topicRows.filter((topic) => topic.visitId === row.id).map(({ visitId: _visitId, ...topic }) => topic),
      seats: row.seats,
      free: Math.max(0, row.seats - (taken.get(row.id) ?? 0)),
      day: parts.date,
      time: parts.time,
    };
  });
}

/** A pole's upcoming scheduled visits, soonest first, for its page (the same summaries as /visites). */
export function upcomingVisitsOfPole(db: Executor, poleId: string, now = new Date(), limit = visitsPerPage): Promise<VisitSummary[]> {
  return summaries(db, [eq(visits.state, 'scheduled'), eq(visits.poleId, poleId), gte(visits.startsAt, now)], { limit, offset: 0 });
}

/** The next scheduled visits of every pole, soonest first (the home page's short list). */
export function nextVisits(db: Executor, limit: number, now = new Date()): Promise<VisitSummary[]> {
  return summaries(db, [eq(visits.state, 'scheduled'), gte(visits.startsAt, now)], { limit, offset: 0 });
}

/** The visits that belong to a twinning (cancelled ones included, said so), soonest first: its page lists them. */
export function visitsOfTwinning(db: Executor, twinningId: string) {
  return db
    .select({ id: visits.id, title: visits.title, startsAt: visits.startsAt, state: visits.state, hostName: poles.name })
    .from(visits)
    .innerJoin(poles, eq(poles.id, visits.poleId))
    .where(eq(visits.twinningId, twinningId))
    .orderBy(asc(visits.startsAt), asc(visits.id));
}

/** A pole's latest visits already held (not cancelled), the latest first: its page leads to them (attendance, feedback). */
export function pastVisitsOfPole(db: Executor, poleId: string, now = new Date(), limit = 5) {
  return db
    .select({ id: visits.id, title: visits.title, startsAt: visits.startsAt })
    .from(visits)
    .where(and(eq(visits.state, 'scheduled'), eq(visits.poleId, poleId), lt(visits.startsAt, now)))
    .orderBy(desc(visits.startsAt), asc(visits.id))
    .limit(limit);
}

/**
 * What /visites shows: the filter options, the filters applied and either one page of the upcoming
 * scheduled visits (`vue=liste`) or every scheduled visit of one month in Paris (`vue=mois`).
 */
export async function loadVisitList(db: Executor, query: VisitListQuery, now = new Date()) {
  const vocabulary = await loadVocabulary(db);
  const filters: VisitFilters = {
    region: vocabulary.regions.some((region) => region.code === query.region) ? query.region : undefined,
    topic: vocabulary.topics.some((topic) => topic.slug === query.topic) ? query.topic : undefined,
    sector: vocabulary.sectors.some((sector) => sector.slug === query.sector) ? query.sector : undefined,
  };
  const options = { regions: vocabulary.regions, topics: vocabulary.topics, sectors: vocabulary.sectors };
  const conditions = filterConditions(db, filters);

  if (query.vue === 'mois') {
    const month = query.mois ?? parisMonthOf(now);
    const range = parisMonthRange(month);
    const monthVisits = await summaries(db, [...conditions, gte(visits.startsAt, range.from), lt(visits.startsAt, range.to)], { limit: monthLimit, offset: 0 });
    return {
      view: 'month' as const,
      filters,
      options,
      month: { month, previous: shiftMonth(month, -1), next: shiftMonth(month, 1), total: monthVisits.length, weeks: monthGrid(month, monthVisits) },
      list: null,
    };
  }

  const upcoming = [...conditions, gte(visits.startsAt, now)];
  const [totalRow] = await db
    .select({ total: count() })
    .from(visits)
    .innerJoin(poles, eq(poles.id, visits.poleId))
    .where(and(...upcoming));
  const total = totalRow?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / visitsPerPage));
  const page = Math.min(query.page, pageCount);
  const pageVisits = await summaries(db, upcoming, { limit: visitsPerPage, offset: (page - 1) * visitsPerPage });
  return { view: 'list' as const, filters, options, month: null, list: { total, page, pageCount, visits: pageVisits } };
}
