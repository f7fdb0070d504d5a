import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { coordinatorAssignments, poles, regionalBodies, regionalBodyRegions, users } from '#db/schema';
import { compareByName, type RegionName } from './poles.server';
import { loadVocabulary } from './vocabulary.server';

/**
 * The regional bodies as the public sees them (/coordinations, « Inscrire mon pôle »): who
 * coordinates each region and how to reach them, and the form by which their coordinators keep
 * that contact up to date.
 */

const bodyColumns = {
  id: regionalBodies.id,
  slug: regionalBodies.slug,
  name: regionalBodies.name,
  contactEmail: regionalBodies.contactEmail,
  contactPhone: regionalBodies.contactPhone,
  website: regionalBodies.website,
};
export type PublicBody = { id: string; slug: string; name: string; contactEmail: string | null; contactPhone: string | null; website: string | null };

/** A region and the body that coordinates it (null: none yet, the national team answers). Null for an unknown region. */
export async function regionCoordination(db: Executor, regionCode: string): Promise<{ region: RegionName; body: PublicBody | null } | null> {
  const { regions } = await loadVocabulary(db);
  const region = regions.find((item) => item.code === regionCode);
  if (!region) return null;
  const [body] = await db
    .select(bodyColumns)
    .from(regionalBodyRegions)
    .innerJoin(regionalBodies, eq(regionalBodies.id, regionalBodyRegions.regionalBodyId))
    .where(eq(regionalBodyRegions.regionCode, regionCode));
  return { region, body: body ?? null };
}

export type RegionCoordination = RegionName & { body: PublicBody | null; coordinators: string[]; poleCount: number };

/** Every region, in French order, with its body, the names of its coordinators and its number of poles. */
export async function listCoordinations(db: Executor): Promise<RegionCoordination[]> {
  const [{ regions }, covered, people, counts] = await Promise.all([
    loadVocabulary(db),
    db
      .select({ regionCode: regionalBodyRegions.regionCode, ...bodyColumns })
      .from(regionalBodyRegions)
      .innerJoin(regionalBodies, eq(regionalBodies.id, regionalBodyRegions.regionalBodyId)),
    db
      .select({ bodyId: coordinatorAssignments.regionalBodyId, name: users.name })
      .from(coordinatorAssignments)
      .innerJoin(users, eq(users.id, coordinatorAssignments.userId))
      .orderBy(asc(users.name)),
    db.select({ regionCode: poles.regionCode, total: count() }).from(poles).groupBy(poles.regionCode),
  ]);
  return regions.map((region) => {
    const row = covered.find((item) => item.regionCode === region.code);
    const body = row
      ? { id: row.id, slug: row.slug, name: row.name, contactEmail: row.contactEmail, contactPhone: row.contactPhone, website: row.website }
      : null;
    return {
      ...region,
      body,
      coordinators: body ? people.filter((person) => person.bodyId === body.id).map((person) => person.name) : [],
      poleCount: counts.find((item) => item.regionCode === region.code)?.total ?? 0,
    };
  });
}

/** The bodies whose public contact the person edits: the ones they coordinate, every one for the national admin. */
export async function bodiesEditableBy(db: Executor, actor: { isNationalAdmin: boolean; bodyIds: ReadonlySet<string> }): Promise<PublicBody[]> {
  if (!actor.isNationalAdmin && actor.bodyIds.size === 0) return [];
  const rows = await db
    .select(bodyColumns)
    .from(regionalBodies)
    .where(actor.isNationalAdmin ? undefined : inArray(regionalBodies.id, [...actor.bodyIds]));
  return rows.sort(compareByName);
}

/** Replaces the body's public contact (an empty field clears it); the body's name and slug, or null for an unknown body. */
export async function updateBodyContact(
  db: Executor,
  input: { bodyId: string; contactEmail?: string; contactPhone?: string; website?: string },
): Promise<{ slug: string; name: string } | null> {
  const [updated] = await db
    .update(regionalBodies)
    .set({ contactEmail: input.contactEmail ?? null, contactPhone: input.contactPhone ?? null, website: input.website ?? null })
    .where(eq(regionalBodies.id, input.bodyId))
    .returning({ slug: regionalBodies.slug, name: regionalBodies.name });
  return updated ?? null;
}
