import { and, asc, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Language } from '#app/i18n';
import { catalogueOf } from '#app/locales/catalogues.server';
import { generateToken, hashToken } from '#app/utils/crypto.server';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import { hashPassword, verifyPassword } from '#app/utils/password.server';
import { addressKey, givePointsBack, linkCounters, takePoints, type Counter, type Limiters, type TooManyAttempts } from '#app/utils/rate-limit.server';
import { resetPasswordPath } from '#app/domain/paths';
import type { Database } from '#db/client';
import { coordinatorAssignments, passwordResets, poleMemberships, poles, regionalBodies, regionalBodyRegions, regions, sessions, users } from '#db/schema';

/**
 * People and their sign-in: password checks under rate limits, the account page, sessions,
 * password change and reset. Session rows are deleted here, inside the same transaction as the
 * password change they follow; creating sessions and cookies stays in auth.server.ts.
 */

type Attempt = { email: string; password: string; clientIp: string };
export type SignInResult = { status: 'signed-in'; userId: string } | { status: 'invalid' } | { status: 'limited'; error: TooManyAttempts };

/** Checks a password under the brute-force counters (see `underPasswordCounters`). */
export async function authenticate(db: Database, limiters: Limiters, attempt: Attempt): Promise<SignInResult> {
  const outcome = await underPasswordCounters(limiters, attempt, async () => {
    const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, attempt.email));
    // An unknown address is checked against a dummy hash so both answers take as long.
    const valid = await verifyPassword(user?.passwordHash ?? null, attempt.password);
    return user && valid ? user.id : null;
  });
  if (outcome.status === 'limited') return outcome;
  return outcome.value === null ? { status: 'invalid' } : { status: 'signed-in', userId: outcome.value };
}

/**
 * Runs a password check under three counters of failures, after rate-limiter-flexible's login
 * protection: consecutive failures for this account from this address (strict, cleared by a
 * success), failures from this address whatever the account, and failures for this account from
 * every address (a ceiling far above what one address can reach). A stranger who types wrong
 * passwords for someone's address thus blocks only their own address, never the owner elsewhere.
 * A used-up counter refuses before the costly check, counting nothing; an attempt takes its
 * points before checking (so parallel requests cannot overrun) and gets them back on success.
 * Unknown addresses are counted like real ones, so refusals tell nothing about who has an account.
 */
async function underPasswordCounters<T>(
  limiters: Limiters,
  who: { email: string; clientIp: string },
  check: () => Promise<T | null>,
): Promise<{ status: 'limited'; error: TooManyAttempts } | { status: 'checked'; value: T | null }> {
  const account = who.email.trim().toLowerCase();
  const address = addressKey(who.clientIp);
  const consecutive: Counter = [limiters.passwordFailsByAccountAndAddress, `${account} ${address}`];
  const others: Counter[] = [
    [limiters.passwordFailsByAddress, address],
    [limiters.passwordFailsByAccount, account],
  ];
  const limited = await takePoints([consecutive, ...others]);
  if (limited) return { status: 'limited', error: limited };
  const value = await check();
  if (value !== null) await Promise.all([consecutive[0].delete(consecutive[1]), givePointsBack(others)]);
  return { status: 'checked', value };
}

// ─── The account page ─────────────────────────────────────────────────────

export async function getAccountOverview(db: Database, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isNationalAdmin: users.isNationalAdmin,
      isNationalObserver: users.isNationalObserver,
      language: users.language,
    })
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

/** The person's language: the pages' after sign-in, and every mail sent to them. */
export async function getAccountLanguage(db: Database, userId: string): Promise<Language> {
  const [user] = await db.select({ language: users.language }).from(users).where(eq(users.id, userId));
  return user?.language ?? 'fr';
}

/** Saved from the language switch (when signed in) and from /compte. */
export async function setAccountLanguage(db: Database, userId: string, language: Language): Promise<void> {
  await db.update(users).set({ language }).where(eq(users.id, userId));
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
  const checked = await underPasswordCounters(limiters, input, async () => {
    const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
    return user && (await verifyPassword(user.passwordHash, input.currentPassword)) ? user.passwordHash : null;
  });
  if (checked.status === 'limited') return checked;
  const checkedHash = checked.value;
  if (checkedHash === null) return { status: 'wrong-password' };
  // The costly hash only once the current password is proven.
  const newHash = await hashPassword(input.newPassword);
  const changed = await db.transaction(async (tx) => {
    // Under the row lock, the password must still be the one just checked: of two simultaneous
    // changes from the same old password, the second finds it replaced and changes nothing.
    const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)).for('update');
    if (user?.passwordHash !== checkedHash) return false;
    await tx.update(users).set({ passwordHash: newHash }).where(eq(users.id, input.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, input.userId), ne(sessions.id, input.keepSessionId)));
    return true;
  });
  return { status: changed ? 'changed' : 'wrong-password' };
}

// ─── Password reset ───────────────────────────────────────────────────────

const resetLifetimeMs = 60 * 60 * 1000;

/**
 * Stores a reset link for the address if it has an account and hands the mail off. The database
 * work is the same whether or not the account exists and the mail is sent after the answer, so
 * the answer's timing does not tell.
 */
export async function requestPasswordReset(
  db: Database,
  services: { limiters: Limiters; mailer: Mailer },
  input: { email: string; clientIp: string; appUrl: URL },
): Promise<{ status: 'done' } | { status: 'limited'; error: TooManyAttempts }> {
  const limited = await takePoints([
    [services.limiters.resetByAccount, input.email.trim().toLowerCase()],
    [services.limiters.resetByAddress, addressKey(input.clientIp)],
  ]);
  if (limited) return { status: 'limited', error: limited };
  const token = generateToken();
  const [user] = await db.select({ name: users.name, email: users.email, language: users.language }).from(users).where(eq(users.email, input.email));
  const accountOf = db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  await db.transaction(async (tx) => {
    // Only the newest link works: older unused ones of the same person are dropped.
    await tx.delete(passwordResets).where(and(inArray(passwordResets.userId, accountOf), isNull(passwordResets.usedAt)));
    await tx.insert(passwordResets).select(
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
    );
    if (user) {
      // In the account's language; the link opens the page in it too, even on a device that never signed in.
      const texts = catalogueOf(user.language).account.mail.reset;
      const url = new URL(resetPasswordPath(token, user.language), input.appUrl.origin).href;
      // Queued with the link (the outbox, decision 011): one more insert, never a wait for the mail server.
      await services.mailer.queue(
        tx,
        catalogueMail(user.email, { ...texts, paragraphs: [texts.intro, texts.validity] }, url, { name: user.name }, user.language),
      );
    }
  });
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
 * Uses a reset link. The cheap checks come first (the counters, then the link: known, unused,
 * unexpired), so only a valid link makes the server hash a password. Then in one transaction the
 * token is claimed (only if still unused and unexpired, so two simultaneous submissions cannot
 * both pass), the password replaced and every session ended.
 */
export async function resetPassword(
  db: Database,
  limiters: Limiters,
  input: { token: string; password: string; clientIp: string },
): Promise<{ status: 'reset'; userId: string } | { status: Exclude<TokenState, 'valid'> } | { status: 'limited'; error: TooManyAttempts }> {
  const limited = await takePoints(linkCounters(limiters, input));
  if (limited) return { status: 'limited', error: limited };
  const before = await getPasswordResetState(db, input.token);
  if (before !== 'valid') return { status: before };
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
