import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { listedRequestStates, publicOfferStates, type RequestState } from '#app/domain/market/rules';
import type { Executor } from '#db/client';
import { offers, poleLogos, poles, regions, requests } from '#db/schema';
import { tagsOf, type TagName } from './marketplace.server';
import type { RegionName } from './poles.server';

/**
 * Short lists of what the marketplace holds right now, for the pages that lead to it: the latest
 * published offers and the requests still looking for help, of every pole (the home page) or of
 * one (its page). Only public states, from the same lists as the search (`app/domain/market/rules`).
 */

/** The pole an item belongs to, as lists show it (logo included). */
export type ShowcasePole = { slug: string; name: string; fictional: boolean; logoUpdatedAt: Date | null };

export type ShowcaseItem = {
  id: string;
  title: string;
  /** When the offer was first published, or when the request was (re)opened. */
  at: Date;
  pole: ShowcasePole;
  region: RegionName;
  topics: TagName[];
};
export type ShowcaseRequest = ShowcaseItem & { state: RequestState };

const poleColumns = { slug: poles.slug, name: poles.name, fictional: poles.fictional, logoUpdatedAt: poleLogos.updatedAt };
const regionColumns = { code: regions.code, name: regions.name, nameEn: regions.nameEn };

type Scope = { poleId?: string; limit: number };

/** The latest published offers, newest first. */
export async function latestOffers(db: Executor, scope: Scope): Promise<ShowcaseItem[]> {
  const conditions: SQL[] = [inArray(offers.state, publicOfferStates)];
  if (scope.poleId) conditions.push(eq(offers.poleId, scope.poleId));
  const rows = await db
    .select({ id: offers.id, title: offers.title, publishedAt: offers.publishedAt, createdAt: offers.createdAt, pole: poleColumns, region: regionColumns })
    .from(offers)
    .innerJoin(poles, eq(poles.id, offers.poleId))
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .leftJoin(poleLogos, eq(poleLogos.poleId, poles.id))
    .where(and(...conditions))
    .orderBy(desc(offers.publishedAt), desc(offers.id))
    .limit(scope.limit);
  const tags = await tagsOf(
    db,
    'offer',
    rows.map((row) => row.id),
  );
  return rows.map(({ publishedAt, createdAt, ...row }) => ({ ...row, at: publishedAt ?? createdAt, topics: tags.get(row.id)?.topics ?? [] }));
}

/** The latest requests still looking for help (open or in progress), the most recently opened first. */
export async function latestRequests(db: Executor, scope: Scope): Promise<ShowcaseRequest[]> {
  const conditions: SQL[] = [inArray(requests.state, listedRequestStates)];
  if (scope.poleId) conditions.push(eq(requests.poleId, scope.poleId));
  const rows = await db
    .select({ id: requests.id, title: requests.title, state: requests.state, at: requests.openedAt, pole: poleColumns, region: regionColumns })
    .from(requests)
    .innerJoin(poles, eq(poles.id, requests.poleId))
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .leftJoin(poleLogos, eq(poleLogos.poleId, poles.id))
    .where(and(...conditions))
    .orderBy(desc(requests.openedAt), desc(requests.id))
    .limit(scope.limit);
  const tags = await tagsOf(
    db,
    'request',
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, topics: tags.get(row.id)?.topics ?? [] }));
}
