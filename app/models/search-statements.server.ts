import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '#db/client';
import { offerSectors, offerTopics, offers, poleLogos, poles, regions, requestSectors, requestTopics, requests } from '#db/schema';
import { earthDiameterKm } from '#app/domain/geo';
import { listedRequestStates, publicOfferStates } from '#app/domain/market/rules';
import { textEndLength } from '#app/domain/search/excerpt';
import type { SearchKind } from '#app/domain/search/filters';
import type { SearchFilters } from '#app/domain/search/query';

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
 * A place named in the text (decision 020): an item matches when its text has the place's words
 * or when its pole is there (in the region, or in one of the towns spelt that way).
 */
export type PlacePlan = { tsquery: string; regionCode: string | null; towns: string[] };

/**
 * What a search asks the database. `tsquery` is the query of the text's other words, built from
 * the lexemes PostgreSQL gave (`normalizeForms`): '' when the text held only stop words, null
 * without words. Each statement gets it as a constant: the planner sees how common the words
 * are, and no row parses it again.
 */
export type SearchPlan = { kind: SearchKind; filters: SearchFilters; origin: Origin | null; tsquery: string | null; places: PlacePlan[] };

/** The query that ranks: the text's words, else the places' words. */
function rankingQuery(plan: SearchPlan): string | null {
  if (plan.tsquery) return plan.tsquery;
  const placeWords = plan.places.map((place) => place.tsquery).filter(Boolean);
  return placeWords.length ? placeWords.map((query) => `(${query})`).join(' & ') : null;
}

/** The query whose words are marked: any word searched, the places' included. */
function highlightQuery(plan: SearchPlan): string | null {
  const queries = [plan.tsquery, ...plan.places.map((place) => place.tsquery)].filter((query): query is string => Boolean(query));
  if (queries.length <= 1) return queries[0] ?? null;
  return queries.map((query) => `(${query})`).join(' | ');
}

/** Whether the results' titles and excerpts come with marked words. */
export const isHighlighted = (plan: SearchPlan) => highlightQuery(plan) !== null;

/** The viewer's own poles: where a distance can be measured from. */
export function viewerPolesQuery(db: Executor, poleIds: string[]) {
  return db.select({ slug: poles.slug, name: poles.name, latitude: poles.latitude, longitude: poles.longitude }).from(poles).where(inArray(poles.id, poleIds));
}

/**
 * Each form of the typed words (see `formsToNormalise`) as the French configuration reads it: its
 * tsquery as text, '' for a stop word. `plainto_tsquery` reads its text as words only.
 */
export function normalizeForms(db: Executor, forms: string[]) {
  const list = sql.join(
    forms.map((form) => sql`${form}`),
    sql`, `,
  );
  return db
    .select({ form: sql<string>`form`, tsquery: sql<string>`plainto_tsquery('public.fr_unaccent', form)::text` })
    .from(sql`unnest(array[${list}]::text[]) as form`);
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

const asTsquery = (query: string) => sql`${query}::tsquery`;
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
  if (plan.tsquery !== null) where.push(plan.tsquery === '' ? sql`false` : sql`${source.search} @@ ${asTsquery(plan.tsquery)}`);
  for (const place of plan.places) {
    const there = inArray(
      source.poleId,
      db
        .select({ id: poles.id })
        .from(poles)
        .where(place.regionCode ? eq(poles.regionCode, place.regionCode) : inArray(poles.town, place.towns)),
    );
    where.push(place.tsquery ? or(sql`${source.search} @@ ${asTsquery(place.tsquery)}`, there)! : there);
  }
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
  const ranking = rankingQuery(plan);
  if (ranking) {
    const candidates = matching(db, plan, { id: source.id, freshness: sql<Date>`${source.freshness}`.as('freshness'), search: source.search })
      .orderBy(desc(source.freshness), asc(source.id))
      .limit(maxCounted + 1)
      .as('candidates');
    return (
      db
        .select({
          id: candidates.id,
          freshness: candidates.freshness,
          rank: sql<number>`ts_rank_cd(${candidates.search}, ${asTsquery(ranking)})`.as('rank'),
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
 * details are computed for the page's rows alone. With marked words, the text's two ends come
 * too, to tell whether the excerpt was cut (see #app/domain/search/excerpt).
 */
export function pageQuery(db: Executor, plan: SearchPlan, page: number) {
  const { kind, origin } = plan;
  const source = sources[kind];
  const ranked = rankedPage(db, plan, page);
  const marked = highlightQuery(plan);
  const highlight = (column: AnyPgColumn, options: string) =>
    marked ? sql<string>`ts_headline('public.fr_unaccent', ${column}, ${asTsquery(marked)}, ${options})` : null;
  const tags = (link: TagLink) => sql<string[]>`array(select ${link.slug} from ${link.table} where ${link.item} = ${source.id})`;
  return db
    .select({
      id: source.id,
      total: ranked.total,
      title: highlight(source.title, titleHeadline) ?? sql<string>`${source.title}`,
      // One character more than shown without a text: whether the text goes on.
      excerpt: highlight(source.body, bodyHeadline) ?? sql<string>`left(${source.body}, ${excerptLength + 1})`,
      textStart: marked ? sql<string>`left(${source.body}, ${textEndLength})` : sql<null>`null`,
      textEnd: marked ? sql<string>`right(${source.body}, ${textEndLength})` : sql<null>`null`,
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
        logoUpdatedAt: poleLogos.updatedAt,
      },
      region: { code: regions.code, name: regions.name, nameEn: regions.nameEn },
    })
    .from(ranked)
    .innerJoin(source.table, eq(source.id, ranked.id))
    .innerJoin(poles, eq(poles.id, source.poleId))
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .leftJoin(poleLogos, eq(poleLogos.poleId, poles.id))
    .orderBy(sql`${ranked.rank} desc`, desc(ranked.freshness), asc(ranked.id));
}
export type PageRow = Awaited<ReturnType<typeof pageQuery>>[number];
