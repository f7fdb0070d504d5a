import { eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { cleanUpExpired } from '#app/jobs/cleanup.server';
import { invitations, outbox, passwordResets, poles, rateLimits, sessions, users } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';

/** The hourly clean-up job's work, called directly. */
const { services } = await setupTestContext();
const { db } = services;

const day = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms);
const later = (ms: number) => new Date(Date.now() + ms);

describe('cleanup.expired', () => {
  test('deletes expired sessions, rate-limit rows, old links and old mails; keeps the rest', async () => {
    const [user] = await db.select().from(users).where(eq(users.email, 'figeacteurs@demo.ptce.fr'));
    const [pole] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
    await db.insert(sessions).values([
      { id: 'session-expiree', userId: user!.id, expiresAt: ago(1000) },
      { id: 'session-valide', userId: user!.id, expiresAt: later(day) },
    ]);
    await db.insert(rateLimits).values([
      { key: 'expire', points: 3, expire: ago(1000) },
      { key: 'en-cours', points: 3, expire: later(60_000) },
      { key: 'sans-fin', points: 1, expire: null },
    ]);
    await db.insert(passwordResets).values([
      { tokenHash: 'reset-expire-vieux', userId: user!.id, expiresAt: ago(8 * day) },
      { tokenHash: 'reset-utilise-vieux', userId: user!.id, expiresAt: later(day), usedAt: ago(8 * day) },
      // Expired or used lately: kept a week, so the page can still say why the link no longer works.
      { tokenHash: 'reset-expire-hier', userId: user!.id, expiresAt: ago(day) },
      { tokenHash: 'reset-valide', userId: user!.id, expiresAt: later(day) },
    ]);
    const invitation = { email: 'x@example.fr', role: 'pole_member' as const, poleId: pole!.id, invitedById: user!.id };
    await db.insert(invitations).values([
      { ...invitation, tokenHash: 'invitation-expiree-vieille', expiresAt: ago(8 * day) },
      { ...invitation, tokenHash: 'invitation-acceptee', expiresAt: ago(30 * day), acceptedAt: ago(40 * day), acceptedById: user!.id },
      { ...invitation, tokenHash: 'invitation-valide', expiresAt: later(day) },
    ]);
    const mail = { text: 't', html: 'h' };
    await db.insert(outbox).values([
      { ...mail, to: 'vieux-envoye@example.fr', subject: 's', status: 'sent', sentAt: ago(31 * day) },
      { ...mail, to: 'recent-envoye@example.fr', subject: 's', status: 'sent', sentAt: ago(day) },
      { ...mail, to: 'vieux-echec@example.fr', subject: 's', status: 'failed', createdAt: ago(91 * day) },
      { ...mail, to: 'echec@example.fr', subject: 's', status: 'failed', createdAt: ago(10 * day) },
      { ...mail, to: 'en-attente@example.fr', subject: 's', status: 'queued', createdAt: ago(100 * day) },
    ]);

    const counts = await cleanUpExpired(db);
    expect(counts).toEqual({ sessions: 1, rateLimits: 1, passwordResets: 2, invitations: 1, mails: 2 });
    expect(
      (
        await db
          .select({ id: sessions.id })
          .from(sessions)
          .where(inArray(sessions.id, ['session-expiree', 'session-valide']))
      ).map((row) => row.id),
    ).toEqual(['session-valide']);
    expect(
      (
        await db
          .select({ key: rateLimits.key })
          .from(rateLimits)
          .where(inArray(rateLimits.key, ['expire', 'en-cours', 'sans-fin']))
      )
        .map((row) => row.key)
        .sort(),
    ).toEqual(['en-cours', 'sans-fin']);
    expect(
      (await db.select({ token: passwordResets.tokenHash }).from(passwordResets).where(eq(passwordResets.userId, user!.id))).map((row) => row.token).sort(),
    ).toEqual(['reset-expire-hier', 'reset-valide']);
    expect(
      (await db.select({ token: invitations.tokenHash }).from(invitations).where(eq(invitations.email, 'x@example.fr'))).map((row) => row.token).sort(),
    ).toEqual(['invitation-acceptee', 'invitation-valide']);
    expect((await db.select({ to: outbox.to }).from(outbox)).map((row) => row.to).sort()).toEqual([
      'echec@example.fr',
      'en-attente@example.fr',
      'recent-envoye@example.fr',
    ]);
    // Twice is the same as once.
    expect(await cleanUpExpired(db)).toEqual({ sessions: 0, rateLimits: 0, passwordResets: 0, invitations: 0, mails: 0 });
  });
});
