import { and, asc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { Language } from '#app/i18n';
import { catalogueOf } from '#app/locales/catalogues.server';
import { generateToken, hashToken } from '#app/utils/crypto.server';
import { hashPassword } from '#app/utils/password.server';
import { givePointsBack, linkCounters, takePoints, type Counter, type Limiters, type TooManyAttempts } from '#app/utils/rate-limit.server';
import type { Database, Executor } from '#db/client';
import { coordinatorAssignments, invitations, poleMemberships, poles, regionalBodies, regionalBodyRegions, regions, users } from '#db/schema';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import { invitationPath, polePath } from '#app/domain/paths';
import type { TokenState } from './accounts.server';

/**
 * Joining is by invitation only: a national admin invites coordinators of a regional body,
 * a coordinator invites pole admins, a pole admin invites members. Whether the inviter may do so
 * is decided by the permissions module before these functions are called.
 */

export type InvitationRole = (typeof invitations.$inferSelect)['role'];
export type InvitationTarget = { role: 'coordinator'; regionalBodyId: string } | { role: 'pole_admin' | 'pole_member'; poleId: string };

const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

// ─── Pages that invite ────────────────────────────────────────────────────

/** Regional bodies with their regions, coordinators and pending coordinator invitations (/admin). */
export async function getAdministration(db: Database) {
  const [bodies, covered, coordinators, pending] = await Promise.all([
    db.select({ id: regionalBodies.id, name: regionalBodies.name }).from(regionalBodies).orderBy(asc(regionalBodies.name)),
    db
      .select({ bodyId: regionalBodyRegions.regionalBodyId, name: regions.name, nameEn: regions.nameEn })
      .from(regionalBodyRegions)
      .innerJoin(regions, eq(regions.code, regionalBodyRegions.regionCode))
      .orderBy(asc(regions.name)),
    db
      .select({ bodyId: coordinatorAssignments.regionalBodyId, name: users.name, email: users.email })
      .from(coordinatorAssignments)
      .innerJoin(users, eq(users.id, coordinatorAssignments.userId))
      .orderBy(asc(users.name)),
    pendingInvitations(db, eq(invitations.role, 'coordinator')),
  ]);
  return bodies.map((body) => ({
    ...body,
    regions: covered.filter((row) => row.bodyId === body.id).map(({ name, nameEn }) => ({ name, nameEn })),
    coordinators: coordinators.filter((row) => row.bodyId === body.id).map(({ name, email }) => ({ name, email })),
    pendingInvitations: pending.filter((row) => row.regionalBodyId === body.id),
  }));
}

/** The pole's members (admins first) and its invitations still waiting for an answer. */
export async function listPoleMembers(db: Database, poleId: string) {
  const [members, pending] = await Promise.all([
    db
      .select({ name: users.name, email: users.email, role: poleMemberships.role })
      .from(poleMemberships)
      .innerJoin(users, eq(users.id, poleMemberships.userId))
      .where(eq(poleMemberships.poleId, poleId))
      .orderBy(asc(users.name)),
    pendingInvitations(db, eq(invitations.poleId, poleId)),
  ]);
  // Admins first, then members, each by name.
  return { members: [...members.filter((m) => m.role === 'admin'), ...members.filter((m) => m.role === 'member')], pendingInvitations: pending };
}

function pendingInvitations(db: Database, filter: SQL) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      regionalBodyId: invitations.regionalBodyId,
      expiresAt: invitations.expiresAt,
      invitedBy: users.name,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.invitedById))
    .where(and(filter, isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(asc(invitations.createdAt));
}

// ─── Sending ──────────────────────────────────────────────────────────────

export type CreateInvitationResult =
  { status: 'sent' } | { status: 'unknown-target' } | { status: 'already-has-role' } | { status: 'limited'; error: TooManyAttempts };

/**
 * Stores an invitation (only its token's hash) and hands the mail off. A pending invitation for
 * the same person and place is replaced, so the newest link is the one that works. Mail is not a
 * weapon: each inviting person and each invited address has a ceiling (see rate-limit.server.ts);
 * an invitation refused for another reason gives its points back.
 */
export async function createInvitation(
  db: Database,
  services: { mailer: Mailer; limiters: Limiters },
  input: { inviterId: string; email: string; target: InvitationTarget; appUrl: URL },
): Promise<CreateInvitationResult> {
  const counters: Counter[] = [
    [services.limiters.invitationsByInviter, input.inviterId],
    [services.limiters.invitationsByAddress, input.email.trim().toLowerCase()],
  ];
  const limited = await takePoints(counters);
  if (limited) return { status: 'limited', error: limited };
  const outcome = await db.transaction((tx) => writeInvitation(tx, services, input));
  if (outcome.status !== 'created') {
    await givePointsBack(counters);
    return outcome;
  }
  return { status: 'sent' };
}

/**
 * The invitation and its mail, in the caller's transaction (an accepted « Inscrire mon pôle »
 * creates the pole and invites its contact in one). The counters are the caller's business.
 */
export async function writeInvitation(
  tx: Executor,
  services: { mailer: Pick<Mailer, 'queue'> },
  input: { inviterId: string; email: string; target: InvitationTarget; appUrl: URL },
): Promise<{ status: 'created'; invitationId: string } | { status: 'unknown-target' } | { status: 'already-has-role' }> {
  const token = generateToken();
  const sameTarget =
    input.target.role === 'coordinator' ? eq(invitations.regionalBodyId, input.target.regionalBodyId) : eq(invitations.poleId, input.target.poleId);
  const targetName = await nameOfTarget(tx, input.target);
  if (targetName === null) return { status: 'unknown-target' };
  if (await alreadyHasRole(tx, input.email, input.target)) return { status: 'already-has-role' };
  const [inviter] = await tx.select({ name: users.name, language: users.language }).from(users).where(eq(users.id, input.inviterId));
  await tx
    .delete(invitations)
    .where(and(eq(invitations.email, input.email), eq(invitations.role, input.target.role), sameTarget, isNull(invitations.acceptedAt)));
  const [invitation] = await tx
    .insert(invitations)
    .values({
      tokenHash: hashToken(token),
      email: input.email,
      role: input.target.role,
      regionalBodyId: input.target.role === 'coordinator' ? input.target.regionalBodyId : null,
      poleId: input.target.role === 'coordinator' ? null : input.target.poleId,
      invitedById: input.inviterId,
      expiresAt: new Date(Date.now() + invitationLifetimeMs),
    })
    .returning({ id: invitations.id });
  // The invited person has no account, hence no language yet: the inviter's is the best guess (they
  // usually share one). The link opens the page in it, and the account created there keeps it.
  const language = inviter?.language ?? 'fr';
  const texts = catalogueOf(language).account.mail.invitation;
  const url = new URL(invitationPath(token, language), input.appUrl.origin).href;
  const values = { inviter: inviter?.name ?? '', target: targetName };
  // Queued in the invitation's transaction (the outbox, decision 011): no link leaves for a rolled-back invitation.
  await services.mailer.queue(tx, catalogueMail(input.email, { ...texts, paragraphs: [texts.intro[input.target.role], texts.about] }, url, values, language));
  return { status: 'created', invitationId: invitation!.id };
}

async function nameOfTarget(db: Executor, target: InvitationTarget): Promise<string | null> {
  const [row] =
    target.role === 'coordinator'
      ? await db.select({ name: regionalBodies.name }).from(regionalBodies).where(eq(regionalBodies.id, target.regionalBodyId))
      : await db.select({ name: poles.name }).from(poles).where(eq(poles.id, target.poleId));
  return row?.name ?? null;
}

async function alreadyHasRole(db: Executor, email: string, target: InvitationTarget): Promise<boolean> {
  if (target.role === 'coordinator') {
    const rows = await db
      .select({ userId: coordinatorAssignments.userId })
      .from(coordinatorAssignments)
      .innerJoin(users, eq(users.id, coordinatorAssignments.userId))
      .where(and(eq(users.email, email), eq(coordinatorAssignments.regionalBodyId, target.regionalBodyId)));
    return rows.length > 0;
  }
  const [membership] = await db
    .select({ role: poleMemberships.role })
    .from(poleMemberships)
    .innerJoin(users, eq(users.id, poleMemberships.userId))
    .where(and(eq(users.email, email), eq(poleMemberships.poleId, target.poleId)));
  // A member may still be invited to become an admin of the pole.
  return membership !== undefined && (target.role === 'pole_member' || membership.role === 'admin');
}

// ─── Accepting ────────────────────────────────────────────────────────────

/** What the invitation page shows: who invited whom to what, or why the link no longer works. */
export async function getInvitation(db: Database, token: string) {
  const row = await db.query.invitations.findFirst({
    where: eq(invitations.tokenHash, hashToken(token)),
    with: { pole: { columns: { name: true } }, body: { columns: { name: true } }, invitedBy: { columns: { name: true } } },
  });
  if (!row) return { state: 'invalid' as const };
  const state: TokenState = row.acceptedAt ? 'used' : row.expiresAt.getTime() <= Date.now() ? 'expired' : 'valid';
  if (state !== 'valid') return { state };
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email));
  return {
    state,
    invitation: {
      email: row.email,
      role: row.role,
      targetName: row.pole?.name ?? row.body?.name ?? '',
      invitedBy: row.invitedBy.name,
      expiresAt: row.expiresAt,
      accountExists: account !== undefined,
    },
  };
}

export type Acceptor =
  { kind: 'new-account'; name: string; password: string; language: Language } | { kind: 'existing-account'; userId: string; email: string };
export type AcceptResult =
  | { status: 'accepted'; userId: string; destination: string }
  | { status: Exclude<TokenState, 'valid'> }
  | { status: 'wrong-account' }
  | { status: 'account-exists' }
  | { status: 'limited'; error: TooManyAttempts };

class AccountAlreadyExists extends Error {}

/**
 * Accepts an invitation. The cheap checks come first (the counters per address and per link, the
 * link itself, the address still free), so only an open invitation makes the server hash a new
 * password. Then in one transaction the invitation is claimed only if still open (a conditional
 * UPDATE, so of two simultaneous acceptances exactly one wins), the account created if needed and
 * the role granted.
 */
export async function acceptInvitation(
  db: Database,
  limiters: Limiters,
  input: { token: string; acceptor: Acceptor; clientIp: string },
): Promise<AcceptResult> {
  const limited = await takePoints(linkCounters(limiters, input));
  if (limited) return { status: 'limited', error: limited };
  const acceptor = input.acceptor;
  const tokenHash = hashToken(input.token);
  const found = await db.query.invitations.findFirst({
    where: eq(invitations.tokenHash, tokenHash),
    columns: { email: true, acceptedAt: true, expiresAt: true },
  });
  if (!found) return { status: 'invalid' };
  if (acceptor.kind === 'existing-account' && acceptor.email !== found.email) return { status: 'wrong-account' };
  if (found.acceptedAt) return { status: 'used' };
  if (found.expiresAt.getTime() <= Date.now()) return { status: 'expired' };
  if (acceptor.kind === 'new-account') {
    const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, found.email));
    if (account) {
      // A simultaneous acceptance may have created it since the link was read: its transaction
      // claimed the link with the account, so the link then reads as used, as it is.
      const [again] = await db.select({ acceptedAt: invitations.acceptedAt }).from(invitations).where(eq(invitations.tokenHash, tokenHash));
      return { status: again?.acceptedAt ? 'used' : 'account-exists' };
    }
  }
  const passwordHash = acceptor.kind === 'new-account' ? await hashPassword(acceptor.password) : null;
  try {
    return await db.transaction(async (tx): Promise<AcceptResult> => {
      const invitation = await tx.query.invitations.findFirst({ where: eq(invitations.tokenHash, tokenHash), with: { pole: { columns: { slug: true } } } });
      if (!invitation) return { status: 'invalid' };
      if (acceptor.kind === 'existing-account' && acceptor.email !== invitation.email) return { status: 'wrong-account' };
      const now = new Date();
      const [claimed] = await tx
        .update(invitations)
        .set({ acceptedAt: now })
        .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
        .returning({ id: invitations.id });
      if (!claimed) return { status: invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'used' };

      const userId =
        acceptor.kind === 'existing-account'
          ? acceptor.userId
          : await insertAccount(tx, { email: invitation.email, name: acceptor.name, passwordHash: passwordHash!, language: acceptor.language });
      await tx.update(invitations).set({ acceptedById: userId }).where(eq(invitations.id, invitation.id));
      if (invitation.role === 'coordinator') {
        await tx.insert(coordinatorAssignments).values({ userId, regionalBodyId: invitation.regionalBodyId! }).onConflictDoNothing();
        return { status: 'accepted', userId, destination: '/coordination' };
      }
      const membership = { userId, poleId: invitation.poleId!, role: invitation.role === 'pole_admin' ? ('admin' as const) : ('member' as const) };
      // Becoming admin upgrades a membership; a member invitation never demotes an admin.
      await (membership.role === 'admin'
        ? tx
            .insert(poleMemberships)
            .values(membership)
            .onConflictDoUpdate({ target: [poleMemberships.userId, poleMemberships.poleId], set: { role: 'admin' } })
        : tx.insert(poleMemberships).values(membership).onConflictDoNothing());
      return { status: 'accepted', userId, destination: invitation.pole ? polePath(invitation.pole.slug) : '/compte' };
    });
  } catch (error) {
    if (error instanceof AccountAlreadyExists) return { status: 'account-exists' };
    throw error;
  }
}

async function insertAccount(tx: Executor, account: { email: string; name: string; passwordHash: string; language: Language }): Promise<string> {
  const [user] = await tx.insert(users).values(account).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
  // Thrown so the whole transaction, the claimed invitation included, is rolled back.
  if (!user) throw new AccountAlreadyExists();
  return user.id;
}
