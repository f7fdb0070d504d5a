import { inLocatorFrame, openStreetMapUrl, project } from '#app/domain/poles/locator';
import type { Executor } from '#db/client';
import { poles } from '#db/schema';
import { latestOffers, latestRequests } from './market-showcase.server';
import { mentoringProfileOf } from './pole-profile.server';
import { publicTwinnings, unnamedTwinningCount } from './twinning-publicity.server';
import { hostingRecord } from './visit-feedback.server';
import { pastVisitsOfPole, upcomingVisitsOfPole } from './visit-list.server';

/** A pole's page lists at most this many offers, requests and twinnings (far above what a pole has). */
const listLimit = 20;

/**
 * What a pole's page shows beyond its profile, read in parallel: its public offers and requests,
 * its twinnings under way that both poles agreed to show, its visits and record as a host, what
 * it declared as a mentor, and the small map. `insider` (the pole's members and coordinators): how
 * many of its twinnings under way the page does not name, so they know why.
 */
export async function loadPoleActivity(db: Executor, poleId: string, options: { insider: boolean }) {
  const [offers, requests, twinnings, unnamedTwinnings, mentoring, upcoming, past, record, locator] = await Promise.all([
    latestOffers(db, { poleId, limit: listLimit }),
    latestRequests(db, { poleId, limit: listLimit }),
    publicTwinnings(db, { poleId, limit: listLimit }),
    options.insider ? unnamedTwinningCount(db, { poleId }) : Promise.resolve(0),
    mentoringProfileOf(db, poleId),
    upcomingVisitsOfPole(db, poleId),
    pastVisitsOfPole(db, poleId),
    hostingRecord(db, poleId),
    poleLocator(db, poleId),
  ]);
  return { offers, requests, twinnings, unnamedTwinnings, mentoring, visits: { upcoming, past, record }, locator };
}

export type Locator = {
  /** The pole's point on the map of metropolitan France, or null for an overseas pole. */
  here: { x: number; y: number } | null;
  /** The other poles' points (one per place). */
  others: { x: number; y: number }[];
  openStreetMap: string;
};

/** The small map: every pole of the directory as a grey dot, this one highlighted. */
export async function poleLocator(db: Executor, poleId: string): Promise<Locator> {
  const rows = await db.select({ id: poles.id, latitude: poles.latitude, longitude: poles.longitude }).from(poles);
  const pole = rows.find((row) => row.id === poleId);
  if (!pole) throw new Error(`no pole ${poleId}`);
  const here = inLocatorFrame(pole) ? project(pole) : null;
  const seen = new Set<string>();
  const others = rows
    .filter((row) => row.id !== poleId && inLocatorFrame(row))
    .map(project)
    .filter((point) => {
      const key = `${point.x},${point.y}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { here, others, openStreetMap: openStreetMapUrl(pole) };
}
