import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { threadPagePath } from '#app/domain/paths';
import { formatInParis } from '#app/domain/visits/time';
import { catalogueOf } from '#app/locales/catalogues.server';
import type { Jobs } from '#app/jobs/queue.server';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import { allowed, loadActor } from '#app/utils/permissions.server';
import type { Database, Executor } from '#db/client';
import { messageMentions, messages, poles, threadReaders, threads, users, visits } from '#db/schema';
import { findThreadFacts } from './threads.server';

/**
 * The mail about `@mentions` (decision 019): a person named in messages gets one mail per quarter
 * hour at most, listing the mentions not mailed yet whose message is still visible, that they have
 * not read on the site since, in threads they may still read, with a link to each thread's page.
 *
 * Each message that names people asks, in its transaction, for one `thread.mentions` job per
 * person, debounced by pg-boss over 15-minute slots (as the conversation digests): a burst of
 * mentions makes one mail. The handler locks the person's unmailed mentions, so two jobs never
 * mail the same mention twice.
 */

export const mentionJob = 'thread.mentions';
export const mentionWindowSeconds = 15 * 60;
/** A short wait before the mail, so mentions written in a burst go out together. */
const firstMailDelaySeconds = 60;
const listedMentions = 10;
const quoteLength = 300;

export type MentionJobData = { userId: string };
export type MentionMailOutcome = { status: 'mailed'; count: number } | { status: 'nothing' };

/** In the message's transaction: one debounced mail job per person named. */
export async function scheduleMentionMails(tx: Executor, jobs: Pick<Jobs, 'send'>, userIds: readonly string[]) {
  for (const userId of new Set(userIds)) {
    await jobs.send(mentionJob, { userId } satisfies MentionJobData, {
      tx,
      startAfter: firstMailDelaySeconds,
      singletonKey: userId,
      singletonSeconds: mentionWindowSeconds,
      singletonNextSlot: true,
    });
  }
}

/**
 * The job's work for one person at `now`: queues one mail through the outbox listing what is left
 * to tell, sets `mailed_at` on those mentions, all in one transaction.
 */
export async function sendMentionMail(
  db: Database,
  services: { mailer: Pick<Mailer, 'queue'>; env: { appUrl: URL } },
  input: MentionJobData & { now?: Date },
): Promise<MentionMailOutcome> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ email: users.email, name: users.name, language: users.language }).from(users).where(eq(users.id, input.userId));
    if (!person) return { status: 'nothing' };
    // Locked: a second job for the same person waits here, then finds these mailed.
    const pending = await tx
      .select({ messageId: messageMentions.messageId })
      .from(messageMentions)
      .where(and(eq(messageMentions.userId, input.userId), isNull(messageMentions.mailedAt)))
      .for('update');
    if (pending.length === 0) return { status: 'nothing' };

    const rows = await tx
      .select({
        messageId: messages.id,
        threadId: messages.threadId,
        body: messages.body,
        createdAt: messages.createdAt,
        authorName: users.name,
        poleName: poles.name,
        title: threads.title,
        subjectType: threads.subjectType,
        regionCode: threads.regionCode,
        visitId: visits.id,
      })
      .from(messages)
      .innerJoin(threads, eq(threads.id, messages.threadId))
      .leftJoin(users, eq(users.id, messages.authorId))
      .leftJoin(poles, eq(poles.id, messages.authorPoleId))
      .leftJoin(visits, eq(visits.threadId, threads.id))
      .leftJoin(threadReaders, and(eq(threadReaders.threadId, messages.threadId), eq(threadReaders.userId, input.userId)))
      .where(
        and(
          inArray(
            messages.id,
            pending.map((mention) => mention.messageId),
          ),
          isNull(messages.hiddenAt),
          gt(messages.seq, sql`coalesce(${threadReaders.lastReadSeq}, 0)`),
        ),
      )
      .orderBy(asc(messages.seq));

    // Only threads the person may still read (a pole left, a booking cancelled since).
    const actor = await loadActor(tx, input.userId);
    const readable = new Map<string, boolean>();
    for (const threadId of new Set(rows.map((row) => row.threadId))) {
      const facts = await findThreadFacts(tx, threadId);
      readable.set(threadId, facts !== null && allowed(actor, { action: 'thread:read', thread: facts.access }));
    }
    const told = rows.filter((row) => readable.get(row.threadId));
    if (told.length === 0) return { status: 'nothing' };

    const language = person.language;
    const texts = catalogueOf(language).threads.mail.mentions;
    const origin = services.env.appUrl.origin;
    const urlOf = (row: (typeof told)[number]) =>
      new URL(threadPagePath({ id: row.threadId, subjectType: row.subjectType, regionCode: row.regionCode, visitId: row.visitId }), origin).href;
    const excerpt = (body: string) => (body.length > quoteLength ? `${body.slice(0, quoteLength).trimEnd()}…` : body);
    const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
    const first = told[0]!;
    const values: Record<string, string> = { name: person.name, count: String(told.length), author: first.authorName ?? '', title: first.title };
    // Each mention goes in as a value, so a message's text is never read as a placeholder.
    const items = told.slice(0, listedMentions).map((row, index) => {
      values[`mention${index}`] = fill(texts.item, {
        author: row.authorName ?? texts.deletedAuthor,
        pole: row.poleName ? fill(texts.forPole, { pole: row.poleName }) : '',
        title: row.title,
        date: formatInParis(row.createdAt, language, 'long'),
        body: excerpt(row.body),
        url: urlOf(row),
      });
      return `{{mention${index}}}`;
    });
    const more = told.length > listedMentions ? [fill(texts.more, { count: String(told.length - listedMentions) })] : [];
    const mail = catalogueMail(
      person.email,
      {
        subject: told.length === 1 ? texts.subjectOne : texts.subjectMany,
        greeting: texts.greeting,
        paragraphs: [told.length === 1 ? texts.introOne : texts.introMany, ...items, ...more],
        action: texts.action,
        footer: texts.footer,
      },
      urlOf(first),
      values,
      language,
    );
    await services.mailer.queue(tx, mail);
    await tx
      .update(messageMentions)
      .set({ mailedAt: now })
      .where(
        and(
          eq(messageMentions.userId, input.userId),
          inArray(
            messageMentions.messageId,
            told.map((row) => row.messageId),
          ),
        ),
      );
    return { status: 'mailed', count: told.length };
  });
}
