import { inArray } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { poles } from '#db/schema';
import { recentMaturityChanges, type MaturityChange } from './pole-profile.server';
import { compareByName, poleListColumns, type RegionName } from './poles.server';
import { loadVocabulary } from './vocabulary.server';

export type CoordinatedPole = Pick<
  typeof poles.$inferSelect,
  'id' | 'slug' | 'name' | 'town' | 'departmentCode' | 'status' | 'maturity' | 'fictional' | 'verifiedAt'
>;

export type CoordinatedRegion = RegionName & { poleCount: number; pendingCount: number; poles: CoordinatedPole[]; maturityChanges: MaturityChange[] };

/**
 * The coordinator's view of their regions: every pole (or only those awaiting validation), with
 * the region's totals and the latest maturity changes of its validated poles.
 */
export async function coordinationOverview(db: Executor, input: { regionCodes: Iterable<string>; pendingOnly: boolean }): Promise<CoordinatedRegion[]> {
  const codes = [...input.regionCodes];
  if (codes.length === 0) return [];
  const [vocabulary, poleRows, maturityChanges] = await Promise.all([
    loadVocabulary(db),
    db
      .select({ ...poleListColumns, regionCode: poles.regionCode })
      .from(poles)
      .where(inArray(poles.regionCode, codes)),
    recentMaturityChanges(db, codes),
  ]);
  const regionRows = vocabulary.regions.filter((region) => codes.includes(region.code));
  poleRows.sort(compareByName);

  return regionRows.map((region) => {
    const inRegion = poleRows.filter((pole) => pole.regionCode === region.code);
    const pending = inRegion.filter((pole) => pole.verifiedAt === null);
    const shown = input.pendingOnly ? pending : inRegion;
    return {
      ...region,
      poleCount: inRegion.length,
      pendingCount: pending.length,
      poles: shown.map(({ regionCode: _regionCode, ...pole }) => pole),
      maturityChanges: maturityChanges.get(region.code) ?? [],
    };
  });
}
