import type { Executor } from '#db/client';
import { latestOffers, latestRequests } from './market-showcase.server';
import { activityFigures, homeFigures } from './stats.server';
import { publicTwinnings, unnamedTwinningCount } from './twinning-publicity.server';
import { nextVisits } from './visit-list.server';

/** How many items each short list of the home page shows. */
export const homeListSizes = { offers: 6, requests: 6, visits: 4, twinnings: 6 } as const;

/**
 * What the home page shows of the platform's life, all read in parallel: the latest offers and
 * open requests, the next visits, the twinnings under way that both poles agreed to show (the
 * others as a count) and the figures.
 */
export async function loadHome(db: Executor, now = new Date()) {
  const [figures, activity, offers, requests, visits, twinnings, unnamedTwinnings] = await Promise.all([
    homeFigures(db),
    activityFigures(db, now),
    latestOffers(db, { limit: homeListSizes.offers }),
    latestRequests(db, { limit: homeListSizes.requests }),
    nextVisits(db, homeListSizes.visits, now),
    publicTwinnings(db, { limit: homeListSizes.twinnings }),
    unnamedTwinningCount(db),
  ]);
  return { figures, activity, offers, requests, visits, twinnings: { shown: twinnings, unnamed: unnamedTwinnings } };
}
