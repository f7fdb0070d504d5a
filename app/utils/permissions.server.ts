import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { coordinatorAssignments, poleMemberships, poles, regionalBodyRegions, sessions, users } from '#db/schema';
import { absoluteLifetimeMs, requireSession } from './auth.server';
import type { Auth } from './auth.server';
import { notFound } from './http';

/**
 * The one place that answers "may this person do this to that", with the reason when not.
 * Every loader, action, socket event and job asks it: `requirePermission` (HTTP),
 * `socketPermission` (socket.io acks), `can` for the reason a page shows, `allowed` to shape the UI.
 * Nothing is decided by hiding a button alone.
 */

export type Actor = {
  userId: string;
  isNationalAdmin: boolean;
  /** The national council: reads every region's figures, moderates and administers nothing. */
  isNationalObserver: boolean;
  /** poleId → role in that pole */
  poleRoles: ReadonlyMap<string, 'member' | 'admin'>;
  /** The regions of the person's poles (a region's forum is theirs). */
  poleRegionCodes: ReadonlySet<string>;
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
/** A discussion thread, moderated by the regional body of its region (null: a national thread). */
type Thread = { regionCode: string | null };
/**
 * A live thread (decision 019): between poles (a conversation, a twinning's, a visit's: `poleIds`
 * are the poles taking part) or a forum topic (a region's, or national when `regionCode` is null).
 */
export type LiveThreadAccess = { kind: 'poles'; poleIds: readonly string[]; regionCode: string | null } | { kind: 'forum'; regionCode: string | null };
/** A twinning: its two poles, the emerging pole's region (whose desk follows it) and the mentor's. */
type Twinning = { mentorPoleId: string; menteePoleId: string; regionCode: string; mentorRegionCode: string };
type TwinningSide = 'mentor' | 'mentee';
/** A learning visit and its host pole. */
type HostedVisit = { poleId: string };

export type Permission =
  | { action: 'pole:edit'; pole: PoleRef }
  | { action: 'pole:view-members'; pole: PoleRef }
  | { action: 'pole:invite-member'; pole: PoleRef }
  | { action: 'pole:invite-admin'; pole: PoleRef }
  | { action: 'pole:validate'; pole: PoleRef }
  | { action: 'coordination:access' }
  | { action: 'region:coordinate'; regionCode: string }
  | { action: 'body:invite-coordinator'; bodyId: string }
  /** The public contact of a regional body (/coordinations): its coordinators, the national admin. */
  | { action: 'body:edit-contact'; bodyId: string }
  /** The « Inscrire mon pôle » applications of a region: its coordinators, the national admin (every region). */
  | { action: 'pole-application:review'; regionCode: string }
  | { action: 'admin:access' }
  | { action: 'offer:create'; pole: PublishingPole }
  | { action: 'offer:edit'; offer: OwnedItem }
  | { action: 'offer:publish'; pole: OwningPole }
  | { action: 'request:create'; pole: PublishingPole }
  | { action: 'request:edit'; request: OwnedItem }
  | { action: 'request:publish'; pole: OwningPole }
  | { action: 'conversation:start'; fromPole: PublishingPole; toPole: { id: string } }
  /** Whether the person has a pole of their own to contact this one from (the contact links). */
  | { action: 'conversation:contact'; toPole: { id: string } }
  | { action: 'conversation:view'; thread: Conversation }
  | { action: 'conversation:reply'; thread: Conversation; asPole: { id: string } }
  | { action: 'thread:moderate'; thread: Thread }
  /**
   * Reading a live thread, over HTTP and over the socket: the poles taking part, a forum's region
   * (its poles' members) or the national forum (anyone with a pole); and its moderators.
   */
  | { action: 'thread:read'; thread: LiveThreadAccess }
  /** Writing in it: as `thread:read`, but a coordinator only writes in forums, not in the poles' own threads. */
  | { action: 'thread:post'; thread: LiveThreadAccess }
  /** Reporting a message of it to the moderators: whoever reads it (the model refuses one's own message). */
  | { action: 'thread:report'; thread: LiveThreadAccess }
  /** Opening a topic in a region's forum (its poles' members, its coordinators) or the national one (national admins). */
  | { action: 'forum:open-topic'; regionCode: string | null }
  /** The moderation queue and log: coordinators (their regions) and national admins (all). */
  | { action: 'moderation:desk' }
  /** A region's figures, or the national ones (`regionCode: null`). */
  | { action: 'figures:read'; regionCode: string | null }
  /** A region's pairing desk: suggestions, cohort, weights, asks. */
  | { action: 'pairing:desk'; regionCode: string }
  /** Proposing a twinning to a pole of the region (the emerging pole's region decides). */
  | { action: 'twinning:propose'; mentee: PoleRef }
  | { action: 'twinning:view'; twinning: Twinning }
  /** Accepting or declining a proposal for one side. */
  | { action: 'twinning:respond'; twinning: Twinning; side: TwinningSide }
  | { action: 'twinning:cancel'; twinning: Twinning }
  /** Goals, shared notes and the conversation of an active twinning. */
  | { action: 'twinning:work'; twinning: Twinning }
  /** Closing it with one side's evaluation. */
  | { action: 'twinning:evaluate'; twinning: Twinning; side: TwinningSide }
  /** One side's consent to the twinning being shown on public pages: that side's pole admin. */
  | { action: 'twinning:publicity'; twinning: Twinning; side: TwinningSide }
  /** A pole asks its coordinator for a twinning with another pole. */
  | { action: 'twinning:ask'; fromPole: PublishingPole; withPole: { id: string } }
  /** Reopening a request the unpaired-request job closed: its region's coordinator. */
  | { action: 'request:reopen'; pole: PoleRef }
  /** Hosting a learning visit: an admin of a validated pole. */
  | { action: 'visit:create'; pole: PublishingPole }
  /** Editing or cancelling a visit: an admin of the host pole. */
  | { action: 'visit:edit'; visit: HostedVisit }
  /**
   * The host's side of the bookings: participants' names, confirming, declining, the printable
   * sheet and marking attendance. Any member of the host pole: the member on site marks who came
   * (the audit log keeps who did).
   */
  | { action: 'visit:host'; visit: HostedVisit }
  /** Booking a visit for one's pole (a validated pole, not the host). */
  | { action: 'visit:book'; fromPole: PublishingPole; visit: HostedVisit }
  /**
   * A booking's own pole: its participants, cancelling it, leaving the waiting list, giving its
   * feedback (whether it came and is in time is the model's check, under the visit's lock).
   */
  | { action: 'visit:booking'; booking: { poleId: string } }
  /**
   * The feedback of a visit: the host pole, the coordinators of its region, the national admin.
   * Not the national observer: the council reads figures (the average rating is on the pole's
   * public page), not what each pole wrote.
   */
  | { action: 'visit:read-feedback'; visit: HostedVisit & { regionCode: string } };

export type PermissionAction = Permission['action'];

/** Signed in with no pole, no region to coordinate and no national role: « Inscrire mon pôle » is for them. */
export function hasNoRole(actor: Actor): boolean {
  return actor.poleRoles.size === 0 && actor.regionCodes.size === 0 && !actor.isNationalAdmin && !actor.isNationalObserver;
}

/**
 * Why a permission is refused, as a code a page turns into a sentence
 * (`permissions.reasons.<code>` in the catalogues) without restating the rule.
 */
export const refusalReasons = [
  'not-signed-in',
  'not-member',
  'no-pole',
  'not-pole-admin',
  'pole-not-validated',
  'own-pole',
  'not-in-conversation',
  'not-coordinator',
  'other-region',
  'not-national-admin',
  'not-national-council',
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

export type Decision = { ok: true } | { ok: false; reason: RefusalReason };

const granted: Decision = { ok: true };
const refused = (reason: RefusalReason): Decision => ({ ok: false, reason });
const unless = (condition: boolean, reason: RefusalReason): Decision => (condition ? granted : refused(reason));

export function can(actor: Actor | null, permission: Permission): Decision {
  if (!actor) return refused('not-signed-in');
  const isMember = (poleId: string | null) => poleId !== null && actor.poleRoles.has(poleId);
  const isCoordinator = actor.regionCodes.size > 0;
  /** A coordinator acts only inside the regions of their body. */
  const coordinates = (regionCode: string | null): Decision =>
    regionCode !== null && actor.regionCodes.has(regionCode) ? granted : refused(isCoordinator ? 'other-region' : 'not-coordinator');
  /** The desk of a region: its coordinators, and the national admin for every region. */
  const pairsIn = (regionCode: string): Decision => (actor.isNationalAdmin ? granted : coordinates(regionCode));
  const adminOf = (pole: { id: string }): Decision =>
    actor.poleRoles.get(pole.id) === 'admin' ? granted : refused(isMember(pole.id) ? 'not-pole-admin' : 'not-member');
  /** A member of a validated pole: creating, publishing, republishing, reopening, starting a conversation. */
  const speaksForValidated = (pole: { id: string; verified: boolean }): Decision =>
    !isMember(pole.id) ? refused('not-member') : unless(pole.verified, 'pole-not-validated');

  switch (permission.action) {
    case 'pole:edit':
    case 'pole:invite-member':
      return adminOf(permission.pole);
    case 'pole:view-members':
      if (isMember(permission.pole.id) || actor.isNationalAdmin) return granted;
      return isCoordinator ? coordinates(permission.pole.regionCode) : refused('not-member');
    case 'pole:invite-admin':
      return coordinates(permission.pole.regionCode);
    case 'pole:validate':
      // The national admin reaches every coordination page, a region without a body's included.
      return pairsIn(permission.pole.regionCode);
    case 'coordination:access':
      return unless(isCoordinator || actor.isNationalAdmin, 'not-coordinator');
    case 'region:coordinate':
      return pairsIn(permission.regionCode);
    case 'body:edit-contact':
      return actor.isNationalAdmin || actor.bodyIds.has(permission.bodyId) ? granted : refused('not-coordinator');
    case 'pole-application:review':
      return pairsIn(permission.regionCode);
    case 'body:invite-coordinator':
    case 'admin:access':
      return unless(actor.isNationalAdmin, 'not-national-admin');
    case 'offer:create':
    case 'request:create':
      return speaksForValidated(permission.pole);
    case 'offer:edit':
      // Any member of the owning pole edits and changes the state (its admin included, who can close any).
      return unless(isMember(permission.offer.poleId), 'not-member');
    case 'request:edit':
      return unless(isMember(permission.request.poleId), 'not-member');
    case 'offer:publish':
    case 'request:publish':
      // Publishing, republishing, reopening: a pole whose validation was withdrawn may still pause,
      // close and edit (offer:edit), but nothing of it becomes public again.
      return speaksForValidated(permission.pole);
    case 'conversation:start': {
      const { fromPole, toPole } = permission;
      if (fromPole.id === toPole.id && isMember(fromPole.id)) return refused('own-pole');
      return speaksForValidated(fromPole);
    }
    case 'conversation:contact': {
      // Validation is checked when the conversation starts, where the page names the poles that may.
      if (actor.poleRoles.size === 0) return refused('no-pole');
      return unless(
        [...actor.poleRoles.keys()].some((poleId) => poleId !== permission.toPole.id),
        'own-pole',
      );
    }
    case 'conversation:view':
      return unless(isMember(permission.thread.initiatorPoleId) || isMember(permission.thread.recipientPoleId), 'not-member');
    case 'conversation:reply': {
      // One speaks for a pole one belongs to, and only for one of the two poles in the conversation.
      const { thread, asPole } = permission;
      if (!isMember(asPole.id)) return refused('not-member');
      return unless(asPole.id === thread.initiatorPoleId || asPole.id === thread.recipientPoleId, 'not-in-conversation');
    }
    case 'thread:moderate':
      // The regional body of the thread's region moderates it; the national admin everywhere.
      // The national observer reads figures only.
      if (actor.isNationalAdmin) return granted;
      if (permission.thread.regionCode === null) return refused('not-national-admin');
      return coordinates(permission.thread.regionCode);
    case 'thread:read':
    case 'thread:report': {
      const { thread } = permission;
      const moderates = actor.isNationalAdmin || (thread.regionCode !== null && actor.regionCodes.has(thread.regionCode));
      if (moderates) return granted;
      if (thread.kind === 'poles') return unless(thread.poleIds.some(isMember), 'not-member');
      return unless(thread.regionCode === null ? actor.poleRoles.size > 0 : actor.poleRegionCodes.has(thread.regionCode), 'not-member');
    }
    case 'thread:post': {
      const { thread } = permission;
      if (thread.kind === 'poles') return unless(thread.poleIds.some(isMember), 'not-member');
      if (actor.isNationalAdmin || (thread.regionCode !== null && actor.regionCodes.has(thread.regionCode))) return granted;
      return unless(thread.regionCode === null ? actor.poleRoles.size > 0 : actor.poleRegionCodes.has(thread.regionCode), 'not-member');
    }
    case 'forum:open-topic': {
      const { regionCode } = permission;
      if (actor.isNationalAdmin) return granted;
      if (regionCode === null) return refused('not-national-admin');
      return actor.regionCodes.has(regionCode) ? granted : unless(actor.poleRegionCodes.has(regionCode), 'not-member');
    }
    case 'moderation:desk':
      return unless(isCoordinator || actor.isNationalAdmin, 'not-coordinator');
    case 'figures:read':
      if (actor.isNationalAdmin || actor.isNationalObserver) return granted;
      if (permission.regionCode === null) return refused('not-national-council');
      return coordinates(permission.regionCode);
    case 'pairing:desk':
    case 'request:reopen':
      return pairsIn('regionCode' in permission ? permission.regionCode : permission.pole.regionCode);
    case 'twinning:propose':
      return pairsIn(permission.mentee.regionCode);
    case 'twinning:cancel':
      return pairsIn(permission.twinning.regionCode);
    case 'twinning:view': {
      const { twinning } = permission;
      if (isMember(twinning.mentorPoleId) || isMember(twinning.menteePoleId) || actor.isNationalAdmin) return granted;
      // The coordinators of both regions follow it (the mentor's region is told of it too).
      if (!isCoordinator) return refused('not-member');
      return actor.regionCodes.has(twinning.mentorRegionCode) ? granted : coordinates(twinning.regionCode);
    }
    case 'twinning:work':
      return unless(isMember(permission.twinning.mentorPoleId) || isMember(permission.twinning.menteePoleId), 'not-member');
    case 'twinning:respond':
    case 'twinning:evaluate':
    case 'twinning:publicity': {
      const { twinning, side } = permission;
      return adminOf({ id: side === 'mentor' ? twinning.mentorPoleId : twinning.menteePoleId });
    }
    case 'visit:create': {
      const speaks = speaksForValidated(permission.pole);
      return speaks.ok ? adminOf(permission.pole) : speaks;
    }
    case 'visit:edit':
      return adminOf({ id: permission.visit.poleId });
    case 'visit:host':
      return unless(isMember(permission.visit.poleId), 'not-member');
    case 'visit:book': {
      const { fromPole, visit } = permission;
      if (fromPole.id === visit.poleId && isMember(fromPole.id)) return refused('own-pole');
      return speaksForValidated(fromPole);
    }
    case 'visit:booking':
      return unless(isMember(permission.booking.poleId), 'not-member');
    case 'visit:read-feedback':
      if (isMember(permission.visit.poleId) || actor.isNationalAdmin) return granted;
      return isCoordinator ? coordinates(permission.visit.regionCode) : refused('not-member');
    case 'twinning:ask': {
      const { fromPole, withPole } = permission;
      if (fromPole.id === withPole.id && isMember(fromPole.id)) return refused('own-pole');
      return speaksForValidated(fromPole);
    }
  }
}

/** The yes/no of `can`, to shape the UI (show a button, filter a list). */
export function allowed(actor: Actor | null, permission: Permission): boolean {
  return can(actor, permission).ok;
}

/** A person's roles, read fresh; null when the account does not exist (any more). */
export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
  const [user] = await db
    .select({ isNationalAdmin: users.isNationalAdmin, isNationalObserver: users.isNationalObserver })
    .from(users)
    .where(eq(users.id, userId));
  return user ? actorOf(db, { id: userId, ...user }) : null;
}

/** The roles of a person whose account flags are already known (a request's session carries them). */
async function actorOf(db: Executor, user: { id: string; isNationalAdmin: boolean; isNationalObserver: boolean }): Promise<Actor> {
  const [memberships, coordinated] = await Promise.all([
    db
      .select({ poleId: poleMemberships.poleId, role: poleMemberships.role, regionCode: poles.regionCode })
      .from(poleMemberships)
      .innerJoin(poles, eq(poles.id, poleMemberships.poleId))
      .where(eq(poleMemberships.userId, user.id)),
    db
      .select({ bodyId: coordinatorAssignments.regionalBodyId, regionCode: regionalBodyRegions.regionCode })
      .from(coordinatorAssignments)
      .leftJoin(regionalBodyRegions, eq(regionalBodyRegions.regionalBodyId, coordinatorAssignments.regionalBodyId))
      .where(eq(coordinatorAssignments.userId, user.id)),
  ]);
  return actorFrom(user, memberships, coordinated);
}

type Membership = { poleId: string; role: 'member' | 'admin'; regionCode: string };
type Coordinated = { bodyId: string; regionCode: string | null };

function actorFrom(user: { id: string; isNationalAdmin: boolean; isNationalObserver: boolean }, memberships: Membership[], coordinated: Coordinated[]): Actor {
  return {
    userId: user.id,
    isNationalAdmin: user.isNationalAdmin,
    isNationalObserver: user.isNationalObserver,
    poleRoles: new Map(memberships.map((membership) => [membership.poleId, membership.role])),
    poleRegionCodes: new Set(memberships.map((membership) => membership.regionCode)),
    bodyIds: new Set(coordinated.map((row) => row.bodyId)),
    regionCodes: new Set(coordinated.flatMap((row) => (row.regionCode ? [row.regionCode] : []))),
  };
}

/**
 * The roles of the person behind a session id (the SHA-256 stored in `sessions.id`, as socket.io
 * keeps it in `socket.data.sessionId`), for sockets and jobs; null once the session has ended
 * (signed out, expired, past its absolute lifetime). Unlike a request, this never extends the session.
 */
export async function loadActorForSession(db: Executor, sessionId: string): Promise<Actor | null> {
  // One statement (a socket asks at every event): the account's flags, its memberships and its
  // coordinated regions, as JSON lists.
  const now = Date.now();
  const [row] = await db
    .select({
      id: users.id,
      isNationalAdmin: users.isNationalAdmin,
      isNationalObserver: users.isNationalObserver,
      memberships: sql<Membership[] | string>`coalesce((
        select json_agg(json_build_object('poleId', ${poleMemberships.poleId}, 'role', ${poleMemberships.role}, 'regionCode', ${poles.regionCode}))
        from ${poleMemberships} join ${poles} on ${poles.id} = ${poleMemberships.poleId}
        where ${poleMemberships.userId} = ${sql.raw('"users"."id"')}), '[]'::json)`,
      coordinated: sql<Coordinated[] | string>`coalesce((
        select json_agg(json_build_object('bodyId', ${coordinatorAssignments.regionalBodyId}, 'regionCode', ${regionalBodyRegions.regionCode}))
        from ${coordinatorAssignments} left join ${regionalBodyRegions} on ${regionalBodyRegions.regionalBodyId} = ${coordinatorAssignments.regionalBodyId}
        where ${coordinatorAssignments.userId} = ${sql.raw('"users"."id"')}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date(now)), gt(sessions.createdAt, new Date(now - absoluteLifetimeMs))));
  if (!row) return null;
  // A driver that does not parse json hands the text.
  const parsed = <T>(value: T[] | string): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : value);
  return actorFrom(row, parsed(row.memberships), parsed(row.coordinated));
}

type PermissionContext = { db: Executor; auth: Auth };
const actors = new WeakMap<Request, Promise<Actor | null>>();

/** The signed-in person's roles, loaded once per request; null for a visitor. */
export function getActor(request: Request, context: PermissionContext): Promise<Actor | null> {
  let actor = actors.get(request);
  if (!actor) {
    // The session already carries the account's flags: only memberships and assignments are read.
    actor = context.auth.getSession(request).then((session) => (session ? actorOf(context.db, session.user) : null));
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
  // A session whose account was deleted meanwhile has no actor: the same 404.
  if (!actor || !can(actor, permission).ok) throw notFound();
  return actor;
}

/**
 * The error a socket.io handler acknowledges with. Like `requirePermission`, a refusal says nothing
 * of what the person may not see (`not-found`, as for an id that does not exist) unless the caller
 * says the person sees the object (`visible: true`, e.g. a member posting to a locked thread):
 * then the reason is given, for the page to explain.
 */
export type SocketError = { error: 'unauthorized' } | { error: 'not-found' } | { error: 'forbidden'; reason: RefusalReason };

export function socketPermission(
  actor: Actor | null,
  permission: Permission,
  options: { visible?: boolean } = {},
): { ok: true; actor: Actor } | ({ ok: false } & SocketError) {
  if (!actor) return { ok: false, error: 'unauthorized' };
  const decision = can(actor, permission);
  if (decision.ok) return { ok: true, actor };
  return options.visible ? { ok: false, error: 'forbidden', reason: decision.reason } : { ok: false, error: 'not-found' };
}
