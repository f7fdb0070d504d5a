import { desc, eq, inArray } from 'drizzle-orm';
import { threadPagePath } from '#app/domain/paths';
import type { Executor } from '#db/client';
import { threads, visits } from '#db/schema';
import { loadPoleDashboards, type PoleDashboard } from './dashboard-poles.server';
import {
  emptyBacklog,
  loadRegionBacklogs,
  nationalFigures,
  nationalKey,
  poleCountsByRegion,
  type NationalFigures,
  type RegionBacklog,
} from './dashboard-regions.server';
import { unreadByThread } from './thread-reads.server';
import { loadVocabulary } from './vocabulary.server';
import type { RegionName } from './poles.server';

export type { PoleDashboard } from './dashboard-poles.server';
export { nationalKey, type NationalFigures, type RegionBacklog } from './dashboard-regions.server';

/**
 * The start page (/tableau-de-bord): what each of a person's roles has to deal with, read in one
 * go: each part's statements run together. Which parts a person gets is the route's decision
 * (permissions); this module only reads.
 */

export type UnreadThread = { id: string; title: string; path: string; unread: number };
export type RegionDesk = RegionName & { backlog: RegionBacklog };
export type NationalDesk = { figures: NationalFigures; regions: Array<RegionName & { poleCount: number; backlog: RegionBacklog }>; nationalReports: number };

export type Dashboard = {
  unread: { total: number; threads: UnreadThread[] };
  poles: PoleDashboard[];
  /** The regions the person coordinates, with the first items of each list. */
  regions: RegionDesk[];
  /** The national council's view: null for anyone else. */
  national: NationalDesk | null;
};

/** Unread threads listed; the count covers them all. */
export const unreadShown = 8;
/** Items of each backlog list shown for a coordinated region. */
export const backlogItemsShown = 3;

/** The threads the person follows with messages they have not read, the latest active first. */
export async function unreadThreads(db: Executor, userId: string, limit = unreadShown): Promise<Dashboard['unread']> {
  const unread = await unreadByThread(db, userId);
  if (unread.size === 0) return { total: 0, threads: [] };
  const rows = await db
    .select({ id: threads.id, title: threads.title, subjectType: threads.subjectType, regionCode: threads.regionCode, visitId: visits.id })
    .from(threads)
    .leftJoin(visits, eq(visits.threadId, threads.id))
    .where(inArray(threads.id, [...unread.keys()]))
    .orderBy(desc(threads.lastMessageAt), desc(threads.id))
    .limit(limit);
  let total = 0;
  for (const count of unread.values()) total += count;
  return { total, threads: rows.map((row) => ({ id: row.id, title: row.title, path: threadPagePath(row), unread: unread.get(row.id) ?? 0 })) };
}

async function nationalDesk(db: Executor, now: Date): Promise<NationalDesk> {
  const [figures, backlogs, poleCounts, vocabulary] = await Promise.all([
    nationalFigures(db, now),
    loadRegionBacklogs(db, 'all', 0),
    poleCountsByRegion(db),
    loadVocabulary(db),
  ]);
  return {
    figures,
    regions: vocabulary.regions
      .filter((region) => (poleCounts.get(region.code) ?? 0) > 0 || backlogs.has(region.code))
      .map((region) => ({ ...region, poleCount: poleCounts.get(region.code) ?? 0, backlog: backlogs.get(region.code) ?? emptyBacklog() })),
    nationalReports: backlogs.get(nationalKey)?.reports.total ?? 0,
  };
}

export async function loadDashboard(
  db: Executor,
  input: { userId: string; poleIds: readonly string[]; regionCodes: readonly string[]; national: boolean; now?: Date },
): Promise<Dashboard> {
  const now = input.now ?? new Date();
  const [unread, poles, backlogs, vocabulary, national] = await Promise.all([
    unreadThreads(db, input.userId),
    loadPoleDashboards(db, input.poleIds, now),
    loadRegionBacklogs(db, input.regionCodes, backlogItemsShown),
    input.regionCodes.length > 0 ? loadVocabulary(db) : null,
    input.national ? nationalDesk(db, now) : null,
  ]);
  const regions = (vocabulary?.regions ?? [])
    .filter((region) => input.regionCodes.includes(region.code))
    .map((region) => ({ ...region, backlog: backlogs.get(region.code) ?? emptyBacklog() }));
  return { unread, poles, regions, national };
}
