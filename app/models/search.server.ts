import type { Executor } from '#db/client';
import { excerptEnds } from '#app/domain/search/excerpt';
import { markJoinedWords, searchedKeys, type Segment } from '#app/domain/search/highlight';
import { findPlaces } from '#app/domain/search/places';
import type { SearchKind } from '#app/domain/search/filters';
import { filterKeys, type FilterKey, type SearchFilters, type SearchQuery } from '#app/domain/search/query';
import { buildTsQuery, formsToNormalise, hasWords, queryWords, type QueryWord } from '#app/domain/search/words';
import { compareByName, type LocalName, type RegionName } from './poles.server';
import { loadPlaces, type Place, type PlaceIndex } from './search-places.server';
import { loadVocabulary } from './vocabulary.server';
import {
  countQuery,
  excerptLength,
  isHighlighted,
  markEnd,
  markStart,
  maxCounted,
  normalizeForms,
  pageQuery,
  resultsPerPage,
  viewerPolesQuery,
  type Origin,
  type PageRow,
  type PlacePlan,
  type SearchPlan,
} from './search-statements.server';

/**
 * Search on the offers (/offres) and the requests (/demandes): French full-text search on the
 * generated `search` column that forgives hyphens, « R&D » and place names (decision 020), ranked
 * by relevance then freshness; filters on the item and on its pole; a distance from one of the
 * viewer's poles. The statements (search-statements.server.ts) are the same on PGlite and
 * PostgreSQL, so both give the same results in the same order.
 */

export { offerSearchSchema, requestSearchSchema } from '#app/domain/search/query';
export type { FilterKey, SearchFilters, SearchQuery } from '#app/domain/search/query';
export type { SearchKind } from '#app/domain/search/filters';

/** At most this many extra counts when nothing is found: one per active filter. */
const maxSuggestions = 6;

// ─── The search ───────────────────────────────────────────────────────────

type Statement = PromiseLike<unknown> & { toSQL(): { sql: string; params: unknown[] } };
/** Runs statements that do not depend on each other together. */
export type StatementRunner = <const T extends readonly Statement[]>(group: T) => Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
const runTogether: StatementRunner = (group) => Promise.all(group) as never;

type TagOption = LocalName & { slug: string };
export type SearchOptions = { topics: TagOption[]; sectors: TagOption[]; regions: RegionName[]; myPoles: Origin[] };

/** Keeps the filters that name something real; the distance needs one of the viewer's poles. */
export function resolveFilters(kind: SearchKind, query: SearchQuery, options: SearchOptions): { filters: SearchFilters; origin: Origin | null } {
  const known = (value: string | undefined, values: string[]) => (value !== undefined && values.includes(value) ? value : undefined);
  const origin = query.km ? (options.myPoles.find((pole) => pole.slug === query.depuis) ?? options.myPoles[0] ?? null) : null;
  const filters: SearchFilters = {
    q: hasWords(query.q) ? query.q : undefined,
    topic: known(
      query.topic,
      options.topics.map((topic) => topic.slug),
    ),
    sector: known(
      query.sector,
      options.sectors.map((sector) => sector.slug),
    ),
    format: query.format,
    reach: kind === 'offer' ? query.reach : undefined,
    state: kind === 'request' ? query.state : undefined,
    region: known(
      query.region,
      options.regions.map((region) => region.code),
    ),
    maturity: query.maturity,
    km: origin ? query.km : undefined,
    depuis: origin?.slug,
  };
  for (const key of Object.keys(filters) as Array<keyof SearchFilters>) if (filters[key] === undefined) delete filters[key];
  return { filters, origin };
}

/** The active filters, each with the plan left once it is removed (at most `maxSuggestions`). */
function loosenings(plan: SearchPlan): Array<{ key: FilterKey; plan: SearchPlan }> {
  return filterKeys
    .filter((key) => plan.filters[key] !== undefined)
    .slice(0, maxSuggestions)
    .map((key) => {
      const { [key]: _removed, ...filters } = plan.filters;
      if (key === 'km') delete filters.depuis;
      const withoutText = key === 'q' ? { tsquery: null, places: [] } : {};
      return { key, plan: { ...plan, filters, ...withoutText, origin: key === 'km' ? null : plan.origin } };
    });
}

export type { Segment } from '#app/domain/search/highlight';

const markerPattern = new RegExp(`(${markStart}|${markEnd})`);

export function splitHighlights(text: string): Segment[] {
  const segments: Segment[] = [];
  let match = false;
  for (const piece of text.split(markerPattern)) {
    if (piece === markStart) match = true;
    else if (piece === markEnd) match = false;
    else if (piece) segments.push({ text: piece, match });
  }
  return segments;
}

const plain = (text: string): Segment => ({ text, match: false });

/** The excerpt, with « … » wherever the text was cut; `searched`: the words marked (null: none). */
function excerptOf(row: PageRow, searched: ReadonlySet<string> | null): Segment[] {
  if (searched) {
    const segments = markJoinedWords(splitHighlights(row.excerpt), searched);
    const ends = excerptEnds(segments.map((segment) => segment.text).join(''), { start: row.textStart ?? '', end: row.textEnd ?? '' });
    const after = ends.cutAfter ? ' …' : ends.ending;
    return [...(ends.cutBefore ? [plain('… ')] : []), ...segments, ...(after ? [plain(after)] : [])];
  }
  // Without words, the start of the text, read one character longer than shown.
  if (row.excerpt.length <= excerptLength) return [plain(row.excerpt)];
  const shown = row.excerpt.slice(0, excerptLength);
  const lastSpace = shown.lastIndexOf(' ');
  return [plain(`${lastSpace > 0 ? shown.slice(0, lastSpace) : shown} …`)];
}

function toResult(row: PageRow, options: SearchOptions, searched: ReadonlySet<string> | null) {
  const names = (slugs: string[], items: TagOption[]) => items.filter((item) => slugs.includes(item.slug));
  const { verifiedAt, ...pole } = row.pole;
  return {
    id: row.id,
    title: searched ? markJoinedWords(splitHighlights(row.title), searched) : [{ text: row.title, match: false }],
    excerpt: excerptOf(row, searched),
    formats: row.formats,
    date: row.freshness,
    topics: names(row.topics, options.topics),
    sectors: names(row.sectors, options.sectors),
    distanceKm: row.distanceKm === null ? null : Math.round(row.distanceKm),
    reach: row.reach,
    capacity: row.capacity,
    state: row.state,
    urgency: row.urgency,
    pole: { ...pole, verified: verifiedAt !== null },
    region: row.region,
  };
}
export type SearchResult = ReturnType<typeof toResult>;

/**
 * What the words ask: the query of the words that name no place, and one condition per place
 * named. The text's query is '' when it held only stop words (nothing matches, and the page says
 * why), null when the words all name places.
 */
function readWords(words: QueryWord[], lexemes: ReadonlyMap<string, string>, placeIndex: PlaceIndex) {
  if (words.length === 0) return { tsquery: null, places: [] as PlacePlan[], named: [] as Place[] };
  const found = findPlaces(words, placeIndex);
  const inPlaces = new Set(found.flatMap((match) => match.indexes));
  const rest = buildTsQuery(
    words,
    lexemes,
    words.map((_, index) => index).filter((index) => !inPlaces.has(index)),
  );
  const places = found.map(({ place, indexes }) => ({
    tsquery: buildTsQuery(words, lexemes, indexes),
    regionCode: place.kind === 'region' ? place.code : null,
    towns: place.kind === 'town' ? place.towns : [],
  }));
  const named = [...new Map(found.map(({ place }) => [place.kind === 'region' ? place.code : place.name, place])).values()];
  return { tsquery: rest || (places.length ? null : ''), places, named };
}

/** A bounded count as the page shows it: exact up to `maxCounted`, « more than » past it. */
const shownCount = (count: number) => ({ count: Math.min(count, maxCounted), more: count > maxCounted });

/**
 * Everything /offres or /demandes shows: the applied filters, the form's choices, one page of
 * results with the matched words marked, and, when nothing matches, how many results each
 * filter would give once removed. `run` is how statements reach the database (the benchmark
 * records them).
 */
export async function searchListings(db: Executor, kind: SearchKind, query: SearchQuery, viewer: { poleIds: string[] }, run = runTogether) {
  // First the choices, the viewer's poles, the places and the normalised words, together.
  const words = queryWords(query.q);
  const forms = formsToNormalise(words);
  const [vocabulary, poleRows, lexemes, placeIndex] = await Promise.all([
    loadVocabulary(db),
    viewer.poleIds.length ? run([viewerPolesQuery(db, viewer.poleIds)]).then(([rows]) => rows) : [],
    forms.length ? run([normalizeForms(db, forms)]).then(([rows]) => new Map(rows.map((row) => [row.form, row.tsquery]))) : new Map<string, string>(),
    words.length ? loadPlaces(db) : new Map<string, Place>(),
  ]);
  const options: SearchOptions = {
    topics: vocabulary.topics,
    sectors: vocabulary.sectors,
    regions: vocabulary.regions,
    myPoles: poleRows.sort(compareByName),
  };
  const { filters, origin } = resolveFilters(kind, query, options);
  const text = readWords(words, lexemes, placeIndex);
  const plan: SearchPlan = { kind, filters, origin, tsquery: text.tsquery, places: text.places };
  // PostgreSQL marks the words it finds; the words written in parts are completed here.
  const searched = isHighlighted(plan) ? searchedKeys(words, lexemes) : null;

  let page = Math.min(query.page ?? 1, Math.ceil(maxCounted / resultsPerPage));
  let [rows] = await run([pageQuery(db, plan, page)]);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    // An old link past the last page: show the last one instead of an empty page.
    const [[counted]] = await run([countQuery(db, plan)]);
    total = counted?.count ?? 0;
    page = Math.max(1, Math.ceil(Math.min(total, maxCounted) / resultsPerPage));
    if (total > 0) [rows] = await run([pageQuery(db, plan, page)]);
  }
  const looser = total === 0 ? loosenings(plan) : [];
  const counts = looser.length ? await run(looser.map((loosening) => countQuery(db, loosening.plan))) : [];
  return {
    kind,
    filters,
    origin: origin ? { slug: origin.slug, name: origin.name } : null,
    options: { ...options, myPoles: options.myPoles.map(({ slug, name }) => ({ slug, name })) },
    total: shownCount(total),
    page,
    pageCount: Math.max(1, Math.ceil(Math.min(total, maxCounted) / resultsPerPage)),
    results: rows.map((row) => toResult(row, options, searched)),
    /** Places the text named: their poles' items are included (the page says so). */
    places: text.named,
    /** The text held only words too common to search (« le la des »): the page says so. */
    stopWordsOnly: text.tsquery === '',
    suggestions: looser.map(({ key }, index) => ({ key, ...shownCount(counts[index]?.[0]?.count ?? 0) })),
  };
}
export type SearchListing = Awaited<ReturnType<typeof searchListings>>;

/**
 * The statements `searchListings` runs for this query, group by group (a group's statements run
 * together), so the benchmark can replay exactly them without the loader around them.
 */
export async function searchStatements(db: Executor, kind: SearchKind, query: SearchQuery, viewer: { poleIds: string[] }) {
  const groups: Array<Array<{ sql: string; params: unknown[] }>> = [];
  const recording: StatementRunner = (group) => {
    groups.push(group.map((statement) => statement.toSQL()));
    return runTogether(group);
  };
  await searchListings(db, kind, query, viewer, recording);
  return groups;
}
