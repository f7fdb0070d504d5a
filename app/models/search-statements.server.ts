import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '#db/client';
import { offerSectors, offerTopics, offers, poles, regions, requestSectors, requestTopics, requests } from '#db/schema';
import { earthDiameterKm } from '#app/domain/geo';
import { listedRequestStates, publicOfferStates } from '#app/domain/market/rules';
import type { SearchFilters, SearchKind } from './search.server';

/**
 * The SQL of the search (see search.server.ts for what it answers). Each function returns a
 * drizzle query that has not run yet, so the benchmark can replay exactly these statements.
 */

export const resultsPerPage = 20;
/**
 * Past this many matches, a search is counted as « more than 1,000 » (it reads one more to know),
 * and a text search ranks only its freshest matches, that many. Ranking reads each candidate's
 * whole document: bounding the candidates keeps a word found in most offers (« coopération »)
 * as fast as a rare one. Below the bound, which is every search of a real-sized marketplace,
 * the ranking is exact.
 */
export const maxCounted = 1000;

/** Around each matched word: control characters that no title or description contains. */
export const markStart = '\u0002';
export const markEnd = '\u0003';
const markers = `StartSel=${markStart}, StopSel=${markEnd}`;
const titleHeadline = `${markers}, HighlightAll=true`;
const bodyHeadline = `${markers}, MaxFragments=2, MinWords=15, MaxWords=30, FragmentDelimiter=" … "`;
export const excerptLength = 320;

type TagLink = { table: typeof offerTopics | typeof offerSectors | typeof requestTopics | typeof requestSectors; item: AnyPgColumn; slug: AnyPgColumn };
type Source = {
  table: typeof offers | typeof requests;
  id: AnyPgColumn;
  poleId: AnyPgColumn;
  title: AnyPgColumn;
  body: AnyPgColumn;
  search: AnyPgColumn;
  formats: AnyPgColumn;
  /** The second order, and the only one without a text: published (offers), last updated (requests). */
  freshness: AnyPgColumn;
  links: { topics: TagLink; sectors: TagLink };
};

const sources: Record<SearchKind, Source> = {
  offer: {
    table: offers,
    id: offers.id,
    poleId: offers.poleId,
    title: offers.title,
    body: offers.description,
    search: offers.search,
    formats: offers.formats,
    freshness: offers.publishedAt,
    links: {
      topics: { table: offerTopics, item: offerTopics.offerId, slug: offerTopics.topicSlug },
      sectors: { table: offerSectors, item: offerSectors.offerId, slug: offerSectors.sectorSlug },
    },
  },
  request: {
    table: requests,
    id: requests.id,
    poleId: requests.poleId,
    title: requests.title,
    body: requests.context,
    search: requests.search,
    formats: requests.preferredFormats,
    freshness: requests.updatedAt,
    links: {
      topics: { table: requestTopics, item: requestTopics.requestId, slug: requestTopics.topicSlug },
      sectors: { table: requestSectors, item: requestSectors.requestId, slug: requestSectors.sectorSlug },
    },
  },
};

/** Where the distance is measured from: one of the viewer's own poles. */
export type Origin = { slug: string; name: string; latitude: number; longitude: number };

/**
 * What a search asks the database. `tsquery` is the text's query as PostgreSQL normalised it
 * ('' when the text held only stop words), so each statement gets it as a constant: the planner
 * sees how common the words are, and no row parses it again.
 */
export type SearchPlan = { kind: SearchKind; filters: SearchFilters; origin: Origin | null; tsquery: string | null };

/** The viewer's own poles: where a distance can be measured from. */
export function viewerPolesQuery(db: Executor, poleIds: string[]) {
  return db.select({ slug: poles.slug, name: poles.name, latitude: poles.latitude, longitude: poles.longitude }).from(poles).where(inArray(poles.id, poleIds));
}

/** The words typed, as the French configuration reads them (text built by `frenchTsQuery`). */
export function normalizeQuery(db: Executor, text: string) {
  return db.select({ tsquery: sql<string>`to_tsquery('public.fr_unaccent', ${text})::text` }).from(sql`(values (1)) as one`);
}

/** Great-circle distance in km (haversine, as `haversineKm` in #app/domain/geo), in plain SQL arithmetic that both databases share. */
function distanceFrom(origin: Origin): SQL<number> {
  const latitude = sql`${origin.latitude}::float8`;
  const longitude = sql`${origin.longitude}::float8`;
  return sql<number>`(${sql.raw(String(earthDiameterKm))} * asin(least(1, sqrt(
    power(sin(radians(${poles.latitude} - ${latitude}) / 2), 2)
    + cos(radians(${latitude})) * cos(radians(${poles.latitude})) * power(sin(radians(${poles.longitude} - ${longitude}) / 2), 2)))))`;
}

/**
 * The box around the circle: the planner reads latitude and longitude statistics from it, so it
 * knows a short distance keeps few poles (it cannot estimate the haversine expression alone).
 */
function withinBox(origin: Origin, km: number): SQL {
  // 10 % wider than the circle's extent (~111 km a degree of latitude), so it never cuts it.
  const latitudeDelta = (km / 111) * 1.1;
  // Near the earth's poles a degree of longitude shrinks to nothing: keep every longitude there.
  const cosine = Math.cos((origin.latitude * Math.PI) / 180);
  const longitudeDelta = cosine > 0.05 ? Math.min(180, latitudeDelta / cosine) : 180;
  return sql`${poles.latitude} between ${origin.latitude - latitudeDelta}::float8 and ${origin.latitude + latitudeDelta}::float8
    and ${poles.longitude} between ${origin.longitude - longitudeDelta}::float8 and ${origin.longitude + longitudeDelta}::float8`;
}

const tsqueryOf = (plan: SearchPlan) => sql`${plan.tsquery}::tsquery`;
const needsPoles = (filters: SearchFilters) => Boolean(filters.region || filters.maturity || filters.km);

/** Everything a result must satisfy: visibility first, then each filter. */
function conditions(db: Executor, plan: SearchPlan): SQL {
  const { kind, filters, origin } = plan;
  const source = sources[kind];
  const where: SQL[] = [];
  // Drafts, paused and closed offers, answered and closed requests are never listed here.
  if (kind === 'offer') where.push(inArray(offers.state, publicOfferStates));
  else where.push(filters.state ? eq(requests.state, filters.state) : inArray(requests.state, listedRequestStates));
  // Stop words alone (« de la ») make an empty query, which matches nothing.
  if (plan.tsquery !== null) where.push(plan.tsquery === '' ? sql`false` : sql`${source.search} @@ ${tsqueryOf(plan)}`);
  for (const field of ['topics', 'sectors'] as const) {
    const value = field === 'topics' ? filters.topic : filters.sector;
    const link = source.links[field];
    if (value) where.push(inArray(source.id, db.select({ id: link.item }).from(link.table).where(eq(link.slug, value))));
  }
  if (filters.format) where.push(sql`${filters.format}::offer_format = any(${source.formats})`);
  if (kind === 'offer' && filters.reach) where.push(eq(offers.reach, filters.reach));
  if (filters.region) where.push(eq(poles.regionCode, filters.region));
  if (filters.maturity) where.push(eq(poles.maturity, filters.maturity));
  if (origin && filters.km) where.push(withinBox(origin, filters.km), sql`${distanceFrom(origin)} <= ${filters.km}`);
  return and(...where)!;
}

/** The matching items, with their pole joined only when a filter reads it. */
function matching<T extends Record<string, AnyPgColumn | SQL.Aliased>>(db: Executor, plan: SearchPlan, columns: T) {
  const source = sources[plan.kind];
  let query = db.select(columns).from(source.table).$dynamic();
  // The selection is explicit, so the join changes the SQL, not the rows' type.
  if (needsPoles(plan.filters)) query = query.innerJoin(poles, eq(poles.id, source.poleId)) as unknown as typeof query;
  return query.where(conditions(db, plan));
}

/** How many items match, up to `maxCounted + 1` (more means « more than maxCounted »). */
export function countQuery(db: Executor, plan: SearchPlan) {
  const counted = matching(db, plan, { one: sql`1`.as('one') })
    .limit(maxCounted + 1)
    .as('counted');
  return db.select({ count: sql<number>`count(*)::int` }).from(counted);
}

/**
 * The page's ids in order, with the (bounded) total. With a text: the `maxCounted + 1` freshest
 * matches, ranked. Without: the freshest first, straight from the (state, date) index.
 */
function rankedPage(db: Executor, plan: SearchPlan, page: number) {
  const source = sources[plan.kind];
  const offset = (page - 1) * resultsPerPage;
  if (plan.tsquery) {
    const candidates = matching(db, plan, { id: source.id, freshness: sql<Date>`${source.freshness}`.as('freshness'), search: source.search })
      .orderBy(desc(source.freshness), asc(source.id))
      .limit(maxCounted + 1)
      .as('candidates');
    return (
      db
        .select({
          id: candidates.id,
          freshness: candidates.freshness,
          rank: sql<number>`ts_rank_cd(${candidates.search}, ${tsqueryOf(plan)})`.as('rank'),
          total: sql<number>`(count(*) over ())::int`.as('total'),
        })
        .from(candidates)
        // By the output name: repeating the expression would compute the rank twice.
        .orderBy(sql`rank desc`, desc(candidates.freshness), asc(candidates.id))
        .limit(resultsPerPage)
        .offset(offset)
        .as('ranked')
    );
  }
  return matching(db, plan, {
    id: source.id,
    freshness: sql<Date>`${source.freshness}`.as('freshness'),
    rank: sql<number>`0::real`.as('rank'),
    // Uncorrelated: computed once for the statement.
    total: sql<number>`(${countQuery(db, plan)})`.as('total'),
  })
    .orderBy(desc(source.freshness), asc(source.id))
    .limit(resultsPerPage)
    .offset(offset)
    .as('ranked');
}

/**
 * One page of results and the total, in one statement. Highlighting, tags and the pole's
 * details are computed for the page's rows alone.
 */
export function pageQuery(db: Executor, plan: SearchPlan, page: number) {
  const { kind, origin } = plan;
  const source = sources[kind];
  const ranked = rankedPage(db, plan, page);
  const highlight = (column: AnyPgColumn, options: string) =>
    plan.tsquery ? sql<string>`ts_headline('public.fr_unaccent', ${column}, ${tsqueryOf(plan)}, ${options})` : null;
  const tags = (link: TagLink) => sql<string[]>`array(select ${link.slug} from ${link.table} where ${link.item} = ${source.id})`;
  return db
    .select({
      id: source.id,
      total: ranked.total,
      title: highlight(source.title, titleHeadline) ?? sql<string>`${source.title}`,
      excerpt: highlight(source.body, bodyHeadline) ?? sql<string>`left(${source.body}, ${excerptLength})`,
      formats: sql<string[]>`${source.formats}::text[]`,
      freshness: source.freshness,
      topics: tags(source.links.topics),
      sectors: tags(source.links.sectors),
      distanceKm: origin ? distanceFrom(origin) : sql<null>`null`,
      // Columns of one kind only; the other kind reads null.
      reach: kind === 'offer' ? sql<string | null>`${offers.reach}::text` : sql<null>`null`,
      capacity: kind === 'offer' ? sql<number | null>`${offers.capacity}` : sql<null>`null`,
      state: kind === 'request' ? sql<string | null>`${requests.state}::text` : sql<null>`null`,
      urgency: kind === 'request' ? sql<string | null>`${requests.urgency}::text` : sql<null>`null`,
      pole: {
        slug: poles.slug,
        name: poles.name,
        town: poles.town,
        latitude: poles.latitude,
        longitude: poles.longitude,
        maturity: poles.maturity,
        verifiedAt: poles.verifiedAt,
      },
      region: { code: regions.code, name: regions.name, nameEn: regions.nameEn },
    })
    .from(ranked)
    .innerJoin(source.table, eq(source.id, ranked.id))
    .innerJoin(poles, eq(poles.id, source.poleId))
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .orderBy(sql`${ranked.rank} desc`, desc(ranked.freshness), asc(ranked.id));
}
export type PageRow = Awaited<ReturnType<typeof pageQuery>>[number];
