import { and, asc, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import french from '#app/locales/fr/account';
import { generateToken, hashToken } from '#app/utils/crypto.server';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import { hashPassword, verifyPassword } from '#app/utils/password.server';
import { consumeAttempt, TooManyAttempts, type Limiters } from '#app/utils/rate-limit.server';
import type { Database } from '#db/client';
import {
  coordinatorAssignments,
  passwordResets,
  poleMemberships,
  poles,
  regionalBodies,
  regionalBodyRegions,
  regions,
  sessions,
  users,
} from '#db/schema';

/**
 * People and their sign-in: password checks under rate limits, the account page, sessions,
 * password change and reset. Session rows are deleted here, inside the same transaction as the
 * password change they follow; creating sessions and cookies stays in auth.server.ts.
 */

type Attempt = { email: string; password: string; clientIp: string };
export type SignInResult = { status: 'signed-in'; userId: string } | { status: 'invalid' } | { status: 'limited'; error: TooManyAttempts };

/** Checks a password; counts the attempt per typed address and per client address first. */
export async function authenticate(db: Database, limiters: Limiters, attempt: Attempt): Promise<SignInResult> {
  const limited = await limitAttempt([
    [limiters.signInByAccount, attempt.email],
    [limiters.signInByAddress, attempt.clientIp],
  ]);
  if (limited) return limited;
  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, attempt.email));
  // An unknown address is checked against a dummy hash so both answers take as long.
  const valid = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  if (!user || !valid) return { status: 'invalid' };
  await forgiveAttempt(limiters, attempt);
  return { status: 'signed-in', userId: user.id };
}

/** After a right password the account's counter restarts. */
async function forgiveAttempt(limiters: Limiters, attempt: { email: string; clientIp: string }) {
  await Promise.all([
    limiters.signInByAccount.delete(attempt.email.toLowerCase()),
    // A shared office address should not run out because colleagues sign in successfully.
    limiters.signInByAddress.reward(attempt.clientIp.toLowerCase(), 1),
  ]);
}

async function limitAttempt(entries: Parameters<typeof consumeAttempt>[0]): Promise<{ status: 'limited'; error: TooManyAttempts } | null> {
  try {
    await consumeAttempt(entries);
    return null;
  } catch (error) {
    if (error instanceof TooManyAttempts) return { status: 'limited', error };
    throw error;
  }
}

// ─── The account page ─────────────────────────────────────────────────────

export async function getAccountOverview(db: Database, userId: string) {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, isNationalAdmin: users.isNationalAdmin })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const [memberships, bodies, openSessions] = await Promise.all([
    db
      .select({ slug: poles.slug, name: poles.name, role: poleMemberships.role })
      .from(poleMemberships)
      .innerJoin(poles, eq(poles.id, poleMemberships.poleId))
      .where(eq(poleMemberships.userId, userId))
      .orderBy(asc(poles.name)),
    db
      .select({ id: regionalBodies.id, name: regionalBodies.name, regionName: regions.name, regionNameEn: regions.nameEn })
      .from(coordinatorAssignments)
      .innerJoin(regionalBodies, eq(regionalBodies.id, coordinatorAssignments.regionalBodyId))
      .leftJoin(regionalBodyRegions, eq(regionalBodyRegions.regionalBodyId, regionalBodies.id))
      .leftJoin(regions, eq(regions.code, regionalBodyRegions.regionCode))
      .where(eq(coordinatorAssignments.userId, userId))
      .orderBy(asc(regionalBodies.name), asc(regions.name)),
    db
      .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
      .orderBy(desc(sessions.createdAt)),
  ]);
  return { user, memberships, coordinatedBodies: groupRegions(bodies), sessions: openSessions };
}

function groupRegions(rows: Array<{ id: string; name: string; regionName: string | null; regionNameEn: string | null }>) {
  const bodies = new Map<string, { id: string; name: string; regions: Array<{ name: string; nameEn: string }> }>();
  for (const row of rows) {
    const body = bodies.get(row.id) ?? { id: row.id, name: row.name, regions: [] };
    if (row.regionName && row.regionNameEn) body.regions.push({ name: row.regionName, nameEn: row.regionNameEn });
    bodies.set(row.id, body);
  }
  return [...bodies.values()];
}

/** Ends one of the person's other sessions; false when it is not theirs (or is the current one). */
export async function endOtherSession(db: Database, input: { userId: string; sessionId: string; currentSessionId: string }): Promise<boolean> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId), ne(sessions.id, input.currentSessionId)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/**
 * Replaces the password after checking the current one, and ends every other session in the
 * same transaction: whoever knew the old password is signed out at once.
 */
export async function changePassword(
  db: Database,
  limiters: Limiters,
  input: { userId: string; email: string; currentPassword: string; newPassword: string; keepSessionId: string; clientIp: string },
): Promise<{ status: 'changed' | 'wrong-password' } | { status: 'limited'; error: TooManyAttempts }> {
  // Someone holding a stolen session gets no more guesses at the password than at the sign-in page.
  const limited = await limitAttempt([
    [limiters.signInByAccount, input.email],
    [limiters.signInByAddress, input.clientIp],
  ]);
  if (limited) return limited;
  const newHash = await hashPassword(input.newPassword);
  const outcome = await db.transaction(async (tx) => {
    // The row lock makes two simultaneous changes run one after the other.
    const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) return { status: 'wrong-password' as const };
    await tx.update(users).set({ passwordHash: newHash }).where(eq(users.id, input.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, input.userId), ne(sessions.id, input.keepSessionId)));
    return { status: 'changed' as const };
  });
  if (outcome.status === 'changed') await forgiveAttempt(limiters, input);
  return outcome;
}

// ─── Password reset ───────────────────────────────────────────────────────

const resetLifetimeMs = 60 * 60 * 1000;

/**
 * Stores a reset link for the address if it has an account and mails it. The database work is
 * the same whether or not the account exists, so the answer's timing does not tell.
 */
export async function requestPasswordReset(
  db: Database,
  services: { limiters: Limiters; mailer: Mailer },
  input: { email: string; clientIp: string; appUrl: URL },
): Promise<{ status: 'done' } | { status: 'limited'; error: TooManyAttempts }> {
  const limited = await limitAttempt([
    [services.limiters.resetByAccount, input.email],
    [services.limiters.resetByAddress, input.clientIp],
  ]);
  if (limited) return limited;
  const token = generateToken();
  const accountOf = db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  const created = await db.transaction(async (tx) => {
    // Only the newest link works: older unused ones of the same person are dropped.
    await tx.delete(passwordResets).where(and(inArray(passwordResets.userId, accountOf), isNull(passwordResets.usedAt)));
    return tx
      .insert(passwordResets)
      .select(
        tx
          .select({
            tokenHash: sql<string>`${hashToken(token)}`.as('token_hash'),
            userId: users.id,
            expiresAt: sql<Date>`${new Date(Date.now() + resetLifetimeMs).toISOString()}::timestamptz`.as('expires_at'),
            usedAt: sql<Date | null>`null`.as('used_at'),
            createdAt: sql<Date>`now()`.as('created_at'),
          })
          .from(users)
          .where(eq(users.email, input.email)),
      )
      .returning({ userId: passwordResets.userId });
  });
  const [user] = created.length ? await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, created[0]!.userId)) : [];
  if (user) {
    const texts = french.mail.reset;
    const url = `${input.appUrl.origin}/reinitialiser/${token}`;
    await services.mailer.send(catalogueMail(user.email, { ...texts, paragraphs: [texts.intro, texts.validity] }, url, { name: user.name }));
  }
  return { status: 'done' };
}

export type TokenState = 'valid' | 'invalid' | 'expired' | 'used';

export async function getPasswordResetState(db: Database, token: string): Promise<TokenState> {
  const [reset] = await db
    .select({ expiresAt: passwordResets.expiresAt, usedAt: passwordResets.usedAt })
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, hashToken(token)));
  if (!reset) return 'invalid';
  if (reset.usedAt) return 'used';
  return reset.expiresAt.getTime() <= Date.now() ? 'expired' : 'valid';
}

/**
 * Uses a reset link: in one transaction the token is claimed (only if still unused and unexpired,
 * so two simultaneous submissions cannot both pass), the password replaced and every session ended.
 */
export async function resetPassword(
  db: Database,
  input: { token: string; password: string },
): Promise<{ status: 'reset'; userId: string } | { status: Exclude<TokenState, 'valid'> }> {
  const passwordHash = await hashPassword(input.password);
  const tokenHash = hashToken(input.token);
  const claimed = await db.transaction(async (tx) => {
    const now = new Date();
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!reset) return null;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
    await tx.delete(sessions).where(eq(sessions.userId, reset.userId));
    return reset.userId;
  });
  if (claimed) return { status: 'reset', userId: claimed };
  const state = await getPasswordResetState(db, input.token);
  return { status: state === 'valid' ? 'used' : state };
}
