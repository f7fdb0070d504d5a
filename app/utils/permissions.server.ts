import { eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { coordinatorAssignments, poleMemberships, regionalBodyRegions } from '#db/schema';
import { requireSession } from './auth.server';
import type { Auth } from './auth.server';
import { notFound } from './http';

/**
 * The one place that answers "may this person do this to that".
 * Every loader, action and socket event asks `requirePermission` (or `can` to shape the UI);
 * nothing is decided by hiding a button alone.
 */

export type Actor = {
  userId: string;
  isNationalAdmin: boolean;
  /** poleId → role in that pole */
  poleRoles: ReadonlyMap<string, 'member' | 'admin'>;
  /** Regional bodies the person coordinates, and the regions those bodies cover. */
  bodyIds: ReadonlySet<string>;
  regionCodes: ReadonlySet<string>;
};

type PoleRef = { id: string; regionCode: string };
/** A pole acting on the marketplace: only a pole validated by its coordinator may publish. */
type PublishingPole = PoleRef & { verified: boolean };
/**
 * The pole that owns an offer or a request, with its validation read when the item is made public
 * (inside the transaction that changes the state: see `changeOfferState`).
 */
type OwningPole = { id: string; verified: boolean };
type OwnedItem = { poleId: string };
type Conversation = { initiatorPoleId: string | null; recipientPoleId: string | null };

export type Permission =
  | { action: 'pole:edit'; pole: PoleRef }
  | { action: 'pole:view-members'; pole: PoleRef }
  | { action: 'pole:invite-member'; pole: PoleRef }
  | { action: 'pole:invite-admin'; pole: PoleRef }
  | { action: 'pole:validate'; pole: PoleRef }
  | { action: 'coordination:access' }
  | { action: 'region:coordinate'; regionCode: string }
  | { action: 'body:invite-coordinator'; bodyId: string }
  | { action: 'admin:access' }
  | { action: 'offer:create'; pole: PublishingPole }
  | { action: 'offer:edit'; offer: OwnedItem }
  | { action: 'offer:publish'; pole: OwningPole }
  | { action: 'request:create'; pole: PublishingPole }
  | { action: 'request:edit'; request: OwnedItem }
  | { action: 'request:publish'; pole: OwningPole }
  | { action: 'conversation:start'; fromPole: PublishingPole; toPole: { id: string } }
  | { action: 'conversation:view'; thread: Conversation }
  | { action: 'conversation:reply'; thread: Conversation; asPole: { id: string } };

export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  const isPoleAdmin = (pole: PoleRef) => actor.poleRoles.get(pole.id) === 'admin';
  const coordinates = (regionCode: string) => actor.regionCodes.has(regionCode);
  const isMember = (poleId: string | null) => poleId !== null && actor.poleRoles.has(poleId);
  switch (permission.action) {
    case 'pole:edit':
    case 'pole:invite-member':
      return isPoleAdmin(permission.pole);
    case 'pole:view-members':
      return actor.poleRoles.has(permission.pole.id) || coordinates(permission.pole.regionCode) || actor.isNationalAdmin;
    case 'pole:invite-admin':
    case 'pole:validate':
      // A coordinator acts only inside the regions of their body.
      return coordinates(permission.pole.regionCode);
    case 'coordination:access':
      return actor.regionCodes.size > 0;
    case 'region:coordinate':
      return coordinates(permission.regionCode);
    case 'body:invite-coordinator':
    case 'admin:access':
      return actor.isNationalAdmin;
    case 'offer:create':
    case 'request:create':
      return isMember(permission.pole.id) && permission.pole.verified;
    case 'offer:edit':
      // Any member of the owning pole edits and changes the state (its admin included, who can close any).
      return isMember(permission.offer.poleId);
    case 'request:edit':
      return isMember(permission.request.poleId);
    case 'offer:publish':
    case 'request:publish':
      // Publishing, republishing, reopening: a pole whose validation was withdrawn may still pause,
      // close and edit (offer:edit), but nothing of it becomes public again.
      return isMember(permission.pole.id) && permission.pole.verified;
    case 'conversation:start':
      return isMember(permission.fromPole.id) && permission.fromPole.verified && permission.fromPole.id !== permission.toPole.id;
    case 'conversation:view':
      return isMember(permission.thread.initiatorPoleId) || isMember(permission.thread.recipientPoleId);
    case 'conversation:reply': {
      // One speaks for a pole one belongs to, and only for one of the two poles in the conversation.
      const { thread, asPole } = permission;
      return isMember(asPole.id) && (asPole.id === thread.initiatorPoleId || asPole.id === thread.recipientPoleId);
    }
  }
}

export async function loadActor(db: Database, user: { id: string; isNationalAdmin: boolean }): Promise<Actor> {
  const [memberships, coordinated] = await Promise.all([
    db.select({ poleId: poleMemberships.poleId, role: poleMemberships.role }).from(poleMemberships).where(eq(poleMemberships.userId, user.id)),
    db
      .select({ bodyId: coordinatorAssignments.regionalBodyId, regionCode: regionalBodyRegions.regionCode })
      .from(coordinatorAssignments)
      .leftJoin(regionalBodyRegions, eq(regionalBodyRegions.regionalBodyId, coordinatorAssignments.regionalBodyId))
      .where(eq(coordinatorAssignments.userId, user.id)),
  ]);
  return {
    userId: user.id,
    isNationalAdmin: user.isNationalAdmin,
    poleRoles: new Map(memberships.map((membership) => [membership.poleId, membership.role])),
    bodyIds: new Set(coordinated.map((row) => row.bodyId)),
    regionCodes: new Set(coordinated.flatMap((row) => (row.regionCode ? [row.regionCode] : []))),
  };
}

type PermissionContext = { db: Database; auth: Auth };
const actors = new WeakMap<Request, Promise<Actor | null>>();

/** The signed-in person's roles, loaded once per request; null for a visitor. */
export function getActor(request: Request, context: PermissionContext): Promise<Actor | null> {
  let actor = actors.get(request);
  if (!actor) {
    actor = context.auth.getSession(request).then((session) => (session ? loadActor(context.db, session.user) : null));
    actors.set(request, actor);
  }
  return actor;
}

/**
 * Guard: a visitor is sent to sign in; a signed-in person without the right gets the 404 of a
 * missing record (what a person may not see answers as if it did not exist), areas included.
 */
export async function requirePermission(request: Request, context: PermissionContext, permission: Permission): Promise<Actor> {
  await requireSession(request, context);
  const actor = await getActor(request, context);
  if (!can(actor, permission)) throw notFound();
  return actor!;
}
