import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { endSlowMode, hideMessage, liftMute, lockThread, mutePerson, reportMessage, restoreMessage, setSlowMode } from '#app/models/moderation.server';
import { findLiveMessage, postMessage, type PostOutcome } from '#app/models/threads.server';
import { rooms } from '#app/utils/realtime.server';
import { messageReports, messages, threads } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { auditRows, createPerson, demoUser, mailsTo, publishedDuring, threadAudit, threadWithMessage } from './moderation-fixtures';

/**
 * The moderation acts (decision 019), each one transaction under the row it changes: reports that
 * hide a message at the third reporter exactly once however many arrive together, hiding and
 * restoring with the author told (outbox mail, live notice) and the pages told after the commit,
 * lock and slow mode under the thread lock `postMessage` takes, mutes that `postMessage` obeys.
 * On PostgreSQL (TEST_DATABASE_URL) the concurrent calls really overlap.
 */

const { services } = await setupTestContext();
const db = services.db;

const reportBy = (messageId: string, reporterId: string, reason = 'Propos déplacés envers un pôle') =>
  reportMessage(services, { messageId, reporterId, reason });

describe('reports', () => {
  test('three people reporting at once hide the message exactly once: one audit entry, one mail, one thread:hidden', async () => {
    const { message, author, thread } = await threadWithMessage(services);
    const reporters = await Promise.all([createPerson(db), createPerson(db), createPerson(db)]);
    const { result: outcomes, published } = await publishedDuring(services, () => Promise.all(reporters.map((reporter) => reportBy(message.id, reporter.id))));
    expect(outcomes.filter((outcome) => outcome.status === 'reported')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome.status === 'reported' && outcome.hidden)).toHaveLength(1);
    const [stored] = await db.select().from(messages).where(eq(messages.id, message.id));
    expect(stored).toMatchObject({ hiddenBy: 'reports', hiddenById: null, hiddenReason: 'signalé par 3 personnes', reviewedAt: null });
    expect(stored!.hiddenAt).toBeInstanceOf(Date);
    expect(await auditRows(db, 'thread.message-hidden', message.id)).toHaveLength(1);
    expect(await auditRows(db, 'thread.message-reported', message.id)).toHaveLength(3);
    const mails = await mailsTo(db, author.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(thread.title);
    expect(mails[0]!.text).toContain('Un message qui sera peut-être modéré.');
    expect(mails[0]!.text).toContain(`#message-${message.id}`);
    expect(published.filter((event) => event.event === 'thread:hidden')).toEqual([
      { rooms: [rooms.thread(thread.id)], event: 'thread:hidden', payload: { threadId: thread.id, messageId: message.id } },
    ]);
    expect(published.filter((event) => event.event === 'moderation:notice')).toEqual([
      {
        rooms: [rooms.user(author.id)],
        event: 'moderation:notice',
        payload: { kind: 'message-hidden', threadId: thread.id, messageId: message.id, reason: 'signalé par 3 personnes', until: null },
      },
    ]);
    // Readers now get it without its text; moderators still read it.
    expect(await findLiveMessage(db, message.id, { moderator: false })).toMatchObject({ hidden: true, body: null });
    expect(await findLiveMessage(db, message.id, { moderator: true })).toMatchObject({ hidden: true, body: 'Un message qui sera peut-être modéré.' });
  });

  test('ten people at once: hidden once, the reports after the hiding are refused as already hidden', async () => {
    const { message, author } = await threadWithMessage(services);
    const reporters = await Promise.all(Array.from({ length: 10 }, () => createPerson(db)));
    const outcomes = await Promise.all(reporters.map((reporter) => reportBy(message.id, reporter.id)));
    expect(outcomes.filter((outcome) => outcome.status === 'reported' && outcome.hidden)).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'reported')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome.status === 'already-hidden')).toHaveLength(7);
    expect(await db.select().from(messageReports).where(eq(messageReports.messageId, message.id))).toHaveLength(3);
    expect(await auditRows(db, 'thread.message-hidden', message.id)).toHaveLength(1);
    expect(await mailsTo(db, author.email)).toHaveLength(1);
  });

  test('the same person five times at once: one report, the others answered already-reported; never one’s own message', async () => {
    const { message, author } = await threadWithMessage(services);
    const reporter = await createPerson(db);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => reportBy(message.id, reporter.id)));
    expect(outcomes.filter((outcome) => outcome.status === 'reported')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'already-reported')).toHaveLength(4);
    expect(await db.select().from(messageReports).where(eq(messageReports.messageId, message.id))).toHaveLength(1);
    expect(await reportBy(message.id, author.id)).toEqual({ status: 'own-message' });
    expect(await reportBy('00000000-0000-4000-8000-000000000000', reporter.id)).toEqual({ status: 'not-found' });
  });

  test('a restored message needs three new reports to be hidden again', async () => {
    const { message } = await threadWithMessage(services);
    const coordinator = await demoUser(db, 'coord.occitanie@demo.ptce.fr');
    for (const reporter of await Promise.all([createPerson(db), createPerson(db), createPerson(db)])) await reportBy(message.id, reporter.id);
    expect(await restoreMessage(services, { messageId: message.id, moderatorId: coordinator.id, reason: 'Rien de blessant ici' })).toEqual({
      status: 'restored',
    });
    const fourth = await createPerson(db);
    expect(await reportBy(message.id, fourth.id)).toEqual({ status: 'reported', hidden: false });
    const [stored] = await db.select({ hiddenAt: messages.hiddenAt }).from(messages).where(eq(messages.id, message.id));
    expect(stored!.hiddenAt).toBeNull();
  });
});

describe('hiding and restoring', () => {
  test('a moderator hides with a reason: the author is mailed which message and why, pages hear thread:hidden; restoring sends the text back', async () => {
    const { message, author, thread } = await threadWithMessage(services, { body: 'Texte à masquer par la coordination' });
    const coordinator = await demoUser(db, 'coord.occitanie@demo.ptce.fr');
    const hidden = await publishedDuring(services, () =>
      hideMessage(services, { messageId: message.id, moderatorId: coordinator.id, reason: 'Hors sujet répété' }),
    );
    expect(hidden.result).toEqual({ status: 'hidden' });
    expect(hidden.published.map((event) => event.event).sort()).toEqual(['moderation:notice', 'thread:hidden']);
    const [stored] = await db.select().from(messages).where(eq(messages.id, message.id));
    expect(stored).toMatchObject({ hiddenBy: 'moderator', hiddenById: coordinator.id, hiddenReason: 'Hors sujet répété' });
    expect(stored!.reviewedAt).toBeInstanceOf(Date);
    const [mail] = await mailsTo(db, author.email);
    expect(mail!.text).toContain('Hors sujet répété');
    expect(mail!.text).toContain('Texte à masquer par la coordination');
    const [audit] = await auditRows(db, 'thread.message-hidden', message.id);
    expect(audit).toMatchObject({ actorId: coordinator.id, regionCode: '76', reason: 'Hors sujet répété', data: { threadId: thread.id, authorId: author.id } });
    expect(await hideMessage(services, { messageId: message.id, moderatorId: coordinator.id, reason: 'Encore' })).toEqual({ status: 'already-hidden' });

    const restored = await publishedDuring(services, () =>
      restoreMessage(services, { messageId: message.id, moderatorId: coordinator.id, reason: 'Erreur de ma part' }),
    );
    expect(restored.result).toEqual({ status: 'restored' });
    const event = restored.published.find((item) => item.event === 'thread:restored');
    expect(event).toMatchObject({
      rooms: [rooms.thread(thread.id)],
      payload: { threadId: thread.id, message: { id: message.id, hidden: false, body: 'Texte à masquer par la coordination' } },
    });
    const [after] = await db.select().from(messages).where(eq(messages.id, message.id));
    expect(after).toMatchObject({ hiddenAt: null, hiddenBy: null, hiddenById: null, hiddenReason: null });
    expect(await restoreMessage(services, { messageId: message.id, moderatorId: coordinator.id, reason: 'Encore' })).toEqual({ status: 'nothing-to-review' });
  });

  test('a reported visible message kept by a moderator leaves the review (reports dismissed, audited)', async () => {
    const { message } = await threadWithMessage(services);
    const coordinator = await demoUser(db, 'coord.occitanie@demo.ptce.fr');
    await reportBy(message.id, (await createPerson(db)).id);
    expect(await restoreMessage(services, { messageId: message.id, moderatorId: coordinator.id, reason: 'Critique légitime' })).toEqual({ status: 'kept' });
    expect(await auditRows(db, 'thread.reports-dismissed', message.id)).toHaveLength(1);
    expect(await restoreMessage(services, { messageId: message.id, moderatorId: coordinator.id, reason: 'Critique légitime' })).toEqual({
      status: 'nothing-to-review',
    });
  });
});

describe('the thread: lock, slow mode, mutes', () => {
  const post = (threadId: string, authorId: string, poleId: string, body: string, exempt = false) =>
    postMessage(db, services, { threadId, authorId, poleId, body, clientKey: null, exemptFromSlowMode: exempt });

  test('a lock racing 20 posts: each post committed before the lock or was refused locked; none is stored after the lock commits', async () => {
    const { thread, guest } = await threadWithMessage(services);
    const coordinator = await demoUser(db, 'coord.occitanie@demo.ptce.fr');
    // One statement, one snapshot: once a reader sees the lock, the count it saw with it is final.
    let countAtLock: number | null = null;
    const laterCounts: number[] = [];
    let racing = true;
    const reader = (async () => {
      while (racing) {
        const [row] = await db
          .select({ locked: threads.lockedAt, count: db.$count(messages, eq(messages.threadId, thread.id)) })
          .from(threads)
          .where(eq(threads.id, thread.id));
        if (row!.locked && countAtLock === null) countAtLock = row!.count;
        else if (row!.locked) laterCounts.push(row!.count);
      }
    })();
    const posts: Array<Promise<PostOutcome>> = Array.from({ length: 20 }, (_, index) => post(thread.id, guest.admin.id, guest.pole.id, `Course ${index}`));
    const locking = lockThread(services, { threadId: thread.id, moderatorId: coordinator.id, reason: 'Le ton monte' });
    const [outcomes, locked] = await Promise.all([Promise.all(posts), locking]).finally(() => {
      racing = false;
    });
    await reader;
    expect(locked).toEqual({ status: 'done' });
    expect(outcomes.every((outcome) => outcome.status === 'sent' || outcome.status === 'locked')).toBe(true);
    const sent = outcomes.filter((outcome) => outcome.status === 'sent').length;
    const stored = await db.$count(messages, eq(messages.threadId, thread.id));
    expect(stored).toBe(1 + sent);
    if (countAtLock !== null) {
      expect(countAtLock).toBe(stored);
      expect(laterCounts.every((count) => count === stored)).toBe(true);
    }
    expect((await post(thread.id, guest.admin.id, guest.pole.id, 'Après le verrou')).status).toBe('locked');
    expect(await threadAudit(db, thread.id)).toEqual([expect.objectContaining({ action: 'thread.locked', reason: 'Le ton monte', regionCode: '76' })]);
  });

  test('lock and unlock publish thread:state; slow mode makes a member wait, not a coordinator, and ends', async () => {
    const { thread, guest } = await threadWithMessage(services);
    const coordinator = await demoUser(db, 'coord.occitanie@demo.ptce.fr');
    const base = { threadId: thread.id, moderatorId: coordinator.id };
    const locked = await publishedDuring(services, () => lockThread(services, { ...base, reason: 'Pause' }));
    expect(locked.published).toEqual([
      { rooms: [rooms.thread(thread.id)], event: 'thread:state', payload: { threadId: thread.id, locked: true, slowModeSeconds: null, slowModeUntil: null } },
    ]);
    expect(await lockThread(services, { ...base, reason: 'Pause' })).toEqual({ status: 'already-locked' });
    const { unlockThread } = await import('#app/models/moderation.server');
    expect(await unlockThread(services, base)).toEqual({ status: 'done' });
    expect(await unlockThread(services, base)).toEqual({ status: 'not-locked' });

    const slow = await publishedDuring(services, () => setSlowMode(services, { ...base, seconds: 60, hours: 2 }));
    expect(slow.published[0]).toMatchObject({ event: 'thread:state', payload: { locked: false, slowModeSeconds: 60 } });
    // The guest's admin posted the thread's first message a moment ago: they wait about a minute.
    const second = await post(thread.id, guest.admin.id, guest.pole.id, 'Second trop tôt');
    expect(second).toMatchObject({ status: 'slow' });
    expect(second.status === 'slow' && second.retryAfter > 50 && second.retryAfter <= 60).toBe(true);
    // Someone who has not posted yet may, once.
    const figeacteurs = await demoUser(db, 'figeacteurs@demo.ptce.fr');
    const figeacteursPole = thread.recipientPoleId;
    expect((await post(thread.id, figeacteurs.id, figeacteursPole, 'Premier')).status).toBe('sent');
    expect((await post(thread.id, figeacteurs.id, figeacteursPole, 'Deuxième')).status).toBe('slow');
    // Coordinators (the caller says so) are exempt.
    expect((await post(thread.id, guest.admin.id, guest.pole.id, 'Exempté', true)).status).toBe('sent');
    expect(await endSlowMode(services, base)).toEqual({ status: 'done' });
    expect(await endSlowMode(services, base)).toEqual({ status: 'not-slow' });
    expect((await post(thread.id, guest.admin.id, guest.pole.id, 'Après le mode lent')).status).toBe('sent');
    expect((await threadAudit(db, thread.id)).map((row) => row.action).sort()).toEqual(
      ['thread.locked', 'thread.slow-mode-ended', 'thread.slow-mode-set', 'thread.unlocked'].sort(),
    );
  });

  test('a muted author is refused in the region’s threads until the end, is told by mail and live, and the mute can be lifted', async () => {
    const { thread, guest } = await threadWithMessage(services);
    const coordinator = await demoUser(db, 'coord.occitanie@demo.ptce.fr');
    const muted = await publishedDuring(services, () =>
      mutePerson(services, { threadId: thread.id, userId: guest.admin.id, moderatorId: coordinator.id, hours: 24, reason: 'Insultes' }),
    );
    expect(muted.result.status).toBe('muted');
    const until = muted.result.status === 'muted' ? muted.result.until : new Date(0);
    expect(muted.published).toEqual([
      {
        rooms: [rooms.user(guest.admin.id)],
        event: 'moderation:notice',
        payload: { kind: 'muted', threadId: thread.id, messageId: null, reason: 'Insultes', until: until.toISOString() },
      },
    ]);
    expect(await post(thread.id, guest.admin.id, guest.pole.id, 'Malgré la sourdine')).toEqual({ status: 'muted', until });
    // Another thread of the same region: muted there too.
    const other = await threadWithMessage(services);
    const elsewhere = await postMessage(db, services, {
      threadId: other.thread.id,
      authorId: guest.admin.id,
      poleId: guest.pole.id,
      body: 'Ailleurs',
      clientKey: null,
      exemptFromSlowMode: false,
    });
    expect(elsewhere.status).toBe('muted');
    const [mail] = await mailsTo(db, guest.admin.email);
    expect(mail!.text).toContain('Insultes');
    expect(await auditRows(db, 'thread.person-muted', guest.admin.id)).toEqual([expect.objectContaining({ regionCode: '76', reason: 'Insultes' })]);
    // Only an author of the thread; never oneself.
    const stranger = await createPerson(db);
    expect(await mutePerson(services, { threadId: thread.id, userId: stranger.id, moderatorId: coordinator.id, hours: 24, reason: 'Rien' })).toEqual({
      status: 'not-found',
    });
    expect(await mutePerson(services, { threadId: thread.id, userId: coordinator.id, moderatorId: coordinator.id, hours: 24, reason: 'Moi' })).toEqual({
      status: 'self',
    });

    expect(await liftMute(services, { threadId: thread.id, userId: guest.admin.id, moderatorId: coordinator.id })).toEqual({ status: 'unmuted' });
    expect(await liftMute(services, { threadId: thread.id, userId: guest.admin.id, moderatorId: coordinator.id })).toEqual({ status: 'not-muted' });
    expect((await post(thread.id, guest.admin.id, guest.pole.id, 'De nouveau')).status).toBe('sent');
  });
});
