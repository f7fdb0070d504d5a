import { and, asc, eq, inArray, isNotNull, gt, notExists, sql } from 'drizzle-orm';
import type { Language } from '#app/i18n';
import { offerReaches, type OfferReach } from '#app/domain/market/rules';
import { openTwinningStates } from '#app/domain/pairing/lifecycle';
import { resolveWeights, weightOverridesSchema, type MentorCandidate, type PairingNeed, type WeightOverrides, type Weights } from '#app/domain/pairing/scoring';
import type { Executor } from '#db/client';
import {
  offers,
  offerTopics,
  poleMentoringTopics,
  poles,
  poleSectors,
  regionPairingWeights,
  regions,
  requests,
  requestSectors,
  requestTopics,
  sectors,
  topics,
  twinningEvaluations,
  twinnings,
} from '#db/schema';

/**
 * What the matching engine weighs, read from the database: the needs of a region (its open
 * requests, and its emerging poles that nobody helps yet) and every pole that could mentor.
 * The engine itself (app/domain/pairing/scoring.ts) never sees the database.
 */

export type PoleRef = { id: string; slug: string; name: string };

/** One need of a region: an open request, or an emerging pole as a whole (`request` null). */
export type DeskNeed = {
  request: { id: string; title: string; openedAt: Date } | null;
  pole: PoleRef & { regionCode: string };
  need: PairingNeed;
};

export type CandidateOffer = { id: string; title: string; topics: string[]; reach: OfferReach };

/** A mentoring pole as the engine sees it, with what the desk shows beside it. */
export type DeskCandidate = MentorCandidate & { slug: string; proposedLoad: number; offers: CandidateOffer[] };

type NeedPoleRow = {
  id: string;
  slug: string;
  name: string;
  regionCode: string;
  country: string;
  latitude: number;
  longitude: number;
  maturity: PairingNeed['maturity'];
  languages: string[];
};

const needPoleColumns = {
  id: poles.id,
  slug: poles.slug,
  name: poles.name,
  regionCode: poles.regionCode,
  country: regions.country,
  latitude: poles.latitude,
  longitude: poles.longitude,
  maturity: poles.maturity,
  languages: poles.languages,
};

function group<T, K, V>(rows: readonly T[], key: (row: T) => K, value: (row: T) => V): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(value(row));
    else map.set(key(row), [value(row)]);
  }
  return map;
}

/** Each pole's sectors, with their names in `language` (what a suggestion's reasons show). */
async function sectorsOfPoles(db: Executor, poleIds: string[], language: Language = 'fr'): Promise<Map<string, SectorLabel[]>> {
  if (poleIds.length === 0) return new Map();
  const rows = await db
    .select({ poleId: poleSectors.poleId, slug: sectors.slug, name: sectors.name, nameEn: sectors.nameEn })
    .from(poleSectors)
    .innerJoin(sectors, eq(sectors.slug, poleSectors.sectorSlug))
    .where(inArray(poleSectors.poleId, poleIds))
    .orderBy(asc(poleSectors.sectorSlug));
  return group(
    rows,
    (row) => row.poleId,
    (row) => sectorLabel(row, language),
  );
}

type SectorLabel = { slug: string; label: string };
const sectorLabel = (row: { slug: string; name: string; nameEn: string }, language: Language): SectorLabel => ({
  slug: row.slug,
  label: language === 'en' ? row.nameEn : row.name,
});

function needOf(pole: NeedPoleRow, topicList: PairingNeed['topics'], sectorList: SectorLabel[]): PairingNeed {
  return {
    topics: topicList,
    sectors: sectorList,
    location: { latitude: pole.latitude, longitude: pole.longitude },
    region: pole.regionCode,
    country: pole.country,
    maturity: pole.maturity,
    languages: pole.languages,
  };
}

/**
 * Open requests, oldest first (by `opened_at`): of a region's poles, or these ids. Each request's
 * topics carry their label in `language`; its sectors are its own, or its pole's when it has none.
 */
export async function loadRequestNeeds(db: Executor, filter: { regionCode?: string; requestIds?: string[]; language: Language }): Promise<DeskNeed[]> {
  if (filter.requestIds?.length === 0) return [];
  const rows = await db
    .select({ ...needPoleColumns, requestId: requests.id, title: requests.title, openedAt: requests.openedAt })
    .from(requests)
    .innerJoin(poles, eq(poles.id, requests.poleId))
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .where(
      and(
        eq(requests.state, 'open'),
        filter.regionCode ? eq(poles.regionCode, filter.regionCode) : undefined,
        filter.requestIds ? inArray(requests.id, filter.requestIds) : undefined,
      ),
    )
    .orderBy(asc(requests.openedAt), asc(requests.id));
  if (rows.length === 0) return [];
  const requestIds = rows.map((row) => row.requestId);
  const [topicRows, sectorRows, poleSectorMap] = await Promise.all([
    db
      .select({ requestId: requestTopics.requestId, slug: topics.slug, name: topics.name, nameEn: topics.nameEn })
      .from(requestTopics)
      .innerJoin(topics, eq(topics.slug, requestTopics.topicSlug))
      .where(inArray(requestTopics.requestId, requestIds))
      .orderBy(asc(topics.name)),
    db
      .select({ requestId: requestSectors.requestId, slug: sectors.slug, name: sectors.name, nameEn: sectors.nameEn })
      .from(requestSectors)
      .innerJoin(sectors, eq(sectors.slug, requestSectors.sectorSlug))
      .where(inArray(requestSectors.requestId, requestIds)),
    sectorsOfPoles(db, [...new Set(rows.map((row) => row.id))], filter.language),
  ]);
  const topicsByRequest = group(
    topicRows,
    (row) => row.requestId,
    (row) => ({ slug: row.slug, label: filter.language === 'en' ? row.nameEn : row.name }),
  );
  const sectorsByRequest = group(
    sectorRows,
    (row) => row.requestId,
    (row) => sectorLabel(row, filter.language),
  );
  return rows.map((row) => {
    const own = sectorsByRequest.get(row.requestId) ?? [];
    return {
      request: { id: row.requestId, title: row.title, openedAt: row.openedAt },
      pole: { id: row.id, slug: row.slug, name: row.name, regionCode: row.regionCode },
      need: needOf(row, topicsByRequest.get(row.requestId) ?? [], own.length > 0 ? own : (poleSectorMap.get(row.id) ?? [])),
    };
  });
}

/**
 * Emerging active poles with no open twinning as mentee and no open request (of a region, or
 * these ids whatever their state): each a need made of its sectors, with no topics.
 */
export async function loadPoleNeeds(db: Executor, filter: ({ regionCode: string } | { poleIds: string[] }) & { language?: Language }): Promise<DeskNeed[]> {
  const byIds = 'poleIds' in filter;
  if (byIds && filter.poleIds.length === 0) return [];
  const openTwinning = db
    .select({ one: sql`1` })
    .from(twinnings)
    .where(and(eq(twinnings.menteePoleId, poles.id), inArray(twinnings.state, [...openTwinningStates])));
  const openRequest = db
    .select({ one: sql`1` })
    .from(requests)
    .where(and(eq(requests.poleId, poles.id), eq(requests.state, 'open')));
  const rows = await db
    .select(needPoleColumns)
    .from(poles)
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .where(
      byIds
        ? inArray(poles.id, filter.poleIds)
        : and(
            eq(poles.regionCode, filter.regionCode),
            eq(poles.maturity, 'emerging'),
            eq(poles.status, 'active'),
            notExists(openTwinning),
            notExists(openRequest),
          ),
    )
    .orderBy(asc(poles.name), asc(poles.id));
  const sectorMap = await sectorsOfPoles(
    db,
    rows.map((row) => row.id),
    filter.language,
  );
  return rows.map((row) => ({
    request: null,
    pole: { id: row.id, slug: row.slug, name: row.name, regionCode: row.regionCode },
    need: needOf(row, [], sectorMap.get(row.id) ?? []),
  }));
}

const reachOrder = (reach: OfferReach) => offerReaches.indexOf(reach);

/**
 * Every validated, active pole that declared a mentoring capacity (from any region: the engine's
 * reach rule decides), or only these ids. Topics: its mentoring topics and its published offers'
 * topics; reach: the widest of its published offers ('regional' without any); ratings: what the
 * mentee side gave in the completed twinnings it mentored.
 */
export async function loadCandidates(db: Executor, filter: { poleIds?: string[] } = {}): Promise<DeskCandidate[]> {
  if (filter.poleIds?.length === 0) return [];
  const rows = await db
    .select({ ...needPoleColumns, capacity: poles.mentoringCapacity })
    .from(poles)
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .where(
      and(
        isNotNull(poles.verifiedAt),
        eq(poles.status, 'active'),
        gt(poles.mentoringCapacity, 0),
        filter.poleIds ? inArray(poles.id, filter.poleIds) : undefined,
      ),
    )
    .orderBy(asc(poles.name), asc(poles.id));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [mentoringRows, offerRows, sectorMap, loadRows, ratingRows] = await Promise.all([
    db.select().from(poleMentoringTopics).where(inArray(poleMentoringTopics.poleId, ids)),
    db
      .select({ poleId: offers.poleId, id: offers.id, title: offers.title, reach: offers.reach, topic: offerTopics.topicSlug })
      .from(offers)
      .leftJoin(offerTopics, eq(offerTopics.offerId, offers.id))
      .where(and(inArray(offers.poleId, ids), eq(offers.state, 'published')))
      .orderBy(asc(offers.publishedAt), asc(offers.id)),
    sectorsOfPoles(db, ids),
    db
      .select({ poleId: twinnings.mentorPoleId, state: twinnings.state, count: sql<number>`count(*)::int` })
      .from(twinnings)
      .where(and(inArray(twinnings.mentorPoleId, ids), inArray(twinnings.state, [...openTwinningStates])))
      .groupBy(twinnings.mentorPoleId, twinnings.state),
    db
      .select({ poleId: twinnings.mentorPoleId, rating: twinningEvaluations.rating })
      .from(twinningEvaluations)
      .innerJoin(twinnings, and(eq(twinnings.id, twinningEvaluations.twinningId), eq(twinningEvaluations.poleId, twinnings.menteePoleId)))
      .where(and(inArray(twinnings.mentorPoleId, ids), eq(twinnings.state, 'completed'))),
  ]);
  const offersByPole = new Map<string, Map<string, CandidateOffer>>();
  for (const row of offerRows) {
    let poleOffers = offersByPole.get(row.poleId);
    if (!poleOffers) offersByPole.set(row.poleId, (poleOffers = new Map()));
    let offer = poleOffers.get(row.id);
    if (!offer) poleOffers.set(row.id, (offer = { id: row.id, title: row.title, reach: row.reach, topics: [] }));
    if (row.topic) offer.topics.push(row.topic);
  }
  const mentoringTopics = group(
    mentoringRows,
    (row) => row.poleId,
    (row) => row.topicSlug,
  );
  const ratings = group(
    ratingRows,
    (row) => row.poleId,
    (row) => row.rating,
  );
  const load = (poleId: string, state: 'active' | 'proposed') => loadRows.find((row) => row.poleId === poleId && row.state === state)?.count ?? 0;

  return rows.map((row) => {
    const poleOffers = [...(offersByPole.get(row.id)?.values() ?? [])];
    const topicSet = new Set([...(mentoringTopics.get(row.id) ?? []), ...poleOffers.flatMap((offer) => offer.topics)]);
    const reach = poleOffers.reduce<OfferReach>((widest, offer) => (reachOrder(offer.reach) > reachOrder(widest) ? offer.reach : widest), 'regional');
    return {
      poleId: row.id,
      name: row.name,
      slug: row.slug,
      topics: [...topicSet].sort(),
      sectors: (sectorMap.get(row.id) ?? []).map((sector) => sector.slug),
      location: { latitude: row.latitude, longitude: row.longitude },
      region: row.regionCode,
      country: row.country,
      maturity: row.maturity,
      capacity: row.capacity,
      activeLoad: load(row.id, 'active'),
      proposedLoad: load(row.id, 'proposed'),
      languages: row.languages,
      reach,
      ratings: ratings.get(row.id) ?? [],
      offers: poleOffers,
    };
  });
}

export type OpenTwinning = { id: string; mentorPoleId: string; menteePoleId: string; requestId: string | null; state: 'proposed' | 'active' };

/** The proposed and active twinnings whose mentee is one of these poles (pairs not to suggest again). */
export async function openTwinningsOfMentees(db: Executor, menteePoleIds: string[]): Promise<OpenTwinning[]> {
  if (menteePoleIds.length === 0) return [];
  const rows = await db
    .select({
      id: twinnings.id,
      mentorPoleId: twinnings.mentorPoleId,
      menteePoleId: twinnings.menteePoleId,
      requestId: twinnings.requestId,
      state: twinnings.state,
    })
    .from(twinnings)
    .where(and(inArray(twinnings.menteePoleId, menteePoleIds), inArray(twinnings.state, [...openTwinningStates])));
  return rows as OpenTwinning[];
}

export const pairKey = (mentorPoleId: string, menteePoleId: string) => `${mentorPoleId}>${menteePoleId}`;

/** The region's stored overrides (unreadable ones are ignored) and the weights they give. */
export async function loadRegionWeights(db: Executor, regionCode: string): Promise<{ overrides: WeightOverrides; weights: Weights }> {
  const [row] = await db.select({ weights: regionPairingWeights.weights }).from(regionPairingWeights).where(eq(regionPairingWeights.regionCode, regionCode));
  const parsed = weightOverridesSchema.safeParse(row?.weights ?? {});
  const overrides = parsed.success ? parsed.data : {};
  return { overrides, weights: resolveWeights(overrides) };
}
