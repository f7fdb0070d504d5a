import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { coordinatorAssignments, poleMemberships, regionalBodyRegions, users } from '#db/schema';

/**
 * The people the pairing mails go to, each with their language (mails are written in it):
 * the admins of a twinning's poles, and the coordinators of the regions concerned.
 */

export type Recipient = { userId: string; email: string; name: string; language: 'fr' | 'en' };

/** The admins of these poles; a person admin of two of them is listed once per pole. */
export async function poleAdminsOf(db: Executor, poleIds: readonly string[]): Promise<Array<Recipient & { poleId: string }>> {
  if (poleIds.length === 0) return [];
  return db
    .select({ userId: users.id, email: users.email, name: users.name, language: users.language, poleId: poleMemberships.poleId })
    .from(poleMemberships)
    .innerJoin(users, eq(users.id, poleMemberships.userId))
    .where(and(inArray(poleMemberships.poleId, [...poleIds]), eq(poleMemberships.role, 'admin')))
    .orderBy(users.email);
}

/** The coordinators of the regional bodies covering these regions, once per person. */
export async function coordinatorsOf(db: Executor, regionCodes: readonly string[]): Promise<Recipient[]> {
  if (regionCodes.length === 0) return [];
  return db
    .selectDistinct({ userId: users.id, email: users.email, name: users.name, language: users.language })
    .from(regionalBodyRegions)
    .innerJoin(coordinatorAssignments, eq(coordinatorAssignments.regionalBodyId, regionalBodyRegions.regionalBodyId))
    .innerJoin(users, eq(users.id, coordinatorAssignments.userId))
    .where(inArray(regionalBodyRegions.regionCode, [...regionCodes]))
    .orderBy(users.email);
}

/** Each recipient once, whatever the lists they came from (a coordinator who is also a pole admin). */
export function uniqueRecipients<T extends Recipient>(...lists: readonly (readonly T[])[]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const recipient of list) if (!seen.has(recipient.userId)) seen.set(recipient.userId, recipient);
  return [...seen.values()];
}
