import { z } from 'zod';
import type { Executor } from '#db/client';
import { offerFormat, offerReach, poleMaturity } from '#db/schema';
import { listedRequestStates } from '#app/domain/market/rules';
import { compareByName, type LocalName, type RegionName } from './poles.server';
import { loadVocabulary } from './vocabulary.server';
import {
  countQuery,
  excerptLength,
  markEnd,
  markStart,
  maxCounted,
  normalizeQuery,
  pageQuery,
  resultsPerPage,
  viewerPolesQuery,
  type Origin,
  type PageRow,
  type SearchPlan,
} from './search-statements.server';

/**
 * Search on the offers (/offres) and the requests (/demandes): French full-text search on the
 * generated `search` column, ranked by relevance then freshness; filters on the item and on its
 * pole; a distance from one of the viewer's poles. The statements (search-statements.server.ts)
 * are the same on PGlite and PostgreSQL, so both give the same results in the same order.
 */

export type SearchKind = 'offer' | 'request';
const maxWords = 8;
const maxTextLength = 200;
/** At most this many extra counts when nothing is found: one per active filter. */
const maxSuggestions = 6;

// ─── The query string ─────────────────────────────────────────────────────

/** A long text is cut between words, so the last word is never half a word. */
function cutText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= maxTextLength) return trimmed;
  const cut = trimmed.slice(0, maxTextLength + 1);
  const lastSpace = cut.search(/\s\S*$/);
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut.slice(0, maxTextLength)).trim();
}

const slugParam = z
  .string()
  .regex(/^[a-z0-9-]{1,80}$/)
  .optional()
  .catch(undefined);
const searchFields = {
  q: z.string().transform(cutText).optional().catch(undefined),
  topic: slugParam,
  sector: slugParam,
  format: z.enum(offerFormat.enumValues).optional().catch(undefined),
  region: z
    .string()
    .regex(/^[0-9A-Za-z-]{1,10}$/)
    .optional()
    .catch(undefined),
  maturity: z.enum(poleMaturity.enumValues).optional().catch(undefined),
  km: z.coerce.number().int().min(1).max(2000).optional().catch(undefined),
  depuis: slugParam,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
};

/** /offres's query string. A value that makes no sense is dropped, never an error page. */
export const offerSearchSchema = z.object({ ...searchFields, reach: z.enum(offerReach.enumValues).optional().catch(undefined) });
/** /demandes's query string: requests still looking for help, one of the two states or both. */
export const requestSearchSchema = z.object({ ...searchFields, state: z.enum(listedRequestStates).optional().catch(undefined) });

export type SearchQuery = Partial<z.infer<typeof offerSearchSchema> & z.infer<typeof requestSearchSchema>>;

/** The filters actually applied: unknown slugs and a distance without a pole of one's own are gone. */
export type SearchFilters = Omit<SearchQuery, 'page'>;
export type FilterKey = Exclude<keyof SearchFilters, 'depuis'>;
const filterKeys: FilterKey[] = ['q', 'topic', 'sector', 'format', 'reach', 'state', 'region', 'maturity', 'km'];

/**
 * The French tsquery for what a person typed, or null. Only words (letters and digits) go in,
 * so no typed character is ever read as tsquery syntax. The French stemmer leaves plurals in
 * "-x" alone (« lieux » stays « lieux »), so such a word also matches its form without the x.
 */
export function frenchTsQuery(text: string | undefined): string | null {
  if (!text) return null;
  const words = text
    .normalize('NFC')
    .toLocaleLowerCase('fr')
    .split(/[^\p{L}\p{N}]+/u)
    // Single letters are elisions (l’, d’) once the apostrophe is gone.
    .filter((word) => word.length > 1 || /\p{N}/u.test(word));
  const unique = [...new Set(words)].slice(0, maxWords);
  if (unique.length === 0) return null;
  return unique.map((word) => (word.length > 3 && word.endsWith('x') ? `(${word} | ${word.slice(0, -1)})` : word)).join(' & ');
}

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
    q: frenchTsQuery(query.q) ? query.q : undefined,
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
      return { key, plan: { ...plan, filters, tsquery: key === 'q' ? null : plan.tsquery, origin: key === 'km' ? null : plan.origin } };
    });
}

/** A text cut in plain and matched pieces; React renders the matched ones in <mark>. */
export type Segment = { text: string; match: boolean };

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

function excerptOf(text: string, highlighted: boolean): Segment[] {
  if (highlighted) return splitHighlights(text);
  if (text.length < excerptLength) return [{ text, match: false }];
  const lastSpace = text.lastIndexOf(' ');
  return [{ text: `${lastSpace > 0 ? text.slice(0, lastSpace) : text} …`, match: false }];
}

function toResult(row: PageRow, options: SearchOptions, highlighted: boolean) {
  const names = (slugs: string[], items: TagOption[]) => items.filter((item) => slugs.includes(item.slug));
  const { verifiedAt, ...pole } = row.pole;
  return {
    id: row.id,
    title: highlighted ? splitHighlights(row.title) : [{ text: row.title, match: false }],
    excerpt: excerptOf(row.excerpt, highlighted),
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

/** A bounded count as the page shows it: exact up to `maxCounted`, « more than » past it. */
const shownCount = (count: number) => ({ count: Math.min(count, maxCounted), more: count > maxCounted });

/**
 * Everything /offres or /demandes shows: the applied filters, the form's choices, one page of
 * results with the matched words marked, and, when nothing matches, how many results each
 * filter would give once removed. `run` is how statements reach the database (the benchmark
 * records them).
 */
export async function searchListings(db: Executor, kind: SearchKind, query: SearchQuery, viewer: { poleIds: string[] }, run = runTogether) {
  // First the choices, the viewer's poles and the normalised words, together.
  const words = frenchTsQuery(query.q);
  const [vocabulary, poleRows, normalized] = await Promise.all([
    loadVocabulary(db),
    viewer.poleIds.length ? run([viewerPolesQuery(db, viewer.poleIds)]).then(([rows]) => rows) : [],
    words ? run([normalizeQuery(db, words)]).then(([rows]) => rows[0]?.tsquery ?? '') : null,
  ]);
  const options: SearchOptions = {
    topics: vocabulary.topics,
    sectors: vocabulary.sectors,
    regions: vocabulary.regions,
    myPoles: poleRows.sort(compareByName),
  };
  const { filters, origin } = resolveFilters(kind, query, options);
  const plan: SearchPlan = { kind, filters, origin, tsquery: normalized };

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
    results: rows.map((row) => toResult(row, options, Boolean(plan.tsquery))),
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
