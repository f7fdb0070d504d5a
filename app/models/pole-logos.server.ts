import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { poleLogos, poles } from '#db/schema';

/**
 * When each of these poles' logo last changed (the logo's address is versioned by it), for lists
 * whose own query does not read logos: one query for the whole page. Poles without a logo are absent.
 */
export async function logoStampsBySlug(db: Executor, slugs: Iterable<string>): Promise<Record<string, Date>> {
  const unique = [...new Set(slugs)];
  if (unique.length === 0) return {};
  const rows = await db
    .select({ slug: poles.slug, updatedAt: poleLogos.updatedAt })
    .from(poleLogos)
    .innerJoin(poles, eq(poles.id, poleLogos.poleId))
    .where(inArray(poles.slug, unique));
  return Object.fromEntries(rows.map((row) => [row.slug, row.updatedAt]));
}
