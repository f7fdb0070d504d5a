import { eq } from 'drizzle-orm';
import { threadPagePath } from '#app/domain/paths';
import { catalogueOf } from '#app/locales/catalogues.server';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import type { Executor } from '#db/client';
import { threads, users, visits } from '#db/schema';

/** The mails moderation sends to the person it acted on: which message, which thread, why, until when. */

export type ModerationMailKind = keyof ReturnType<typeof catalogueOf>['moderation']['mail']['kinds'];

/** The page of a thread, whatever it hangs from (a visit's discussion needs the visit's id). */
export async function threadPage(db: Executor, threadId: string): Promise<string | null> {
  const [thread] = await db
    .select({ id: threads.id, subjectType: threads.subjectType, regionCode: threads.regionCode, visitId: visits.id })
    .from(threads)
    .leftJoin(visits, eq(visits.threadId, threads.id))
    .where(eq(threads.id, threadId))
    .limit(1);
  return thread ? threadPagePath(thread) : null;
}

const formatDate = (date: Date, language: 'fr' | 'en') =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date);

/**
 * Queues the mail in the act's transaction, in the person's language. `values` fill the texts
 * (`title`, `excerpt`, `reason`); `sentAt` (the message's date) and `until` (a mute's end) are
 * written in the person's language here.
 */
export async function mailModeration(
  tx: Executor,
  services: { mailer: Pick<Mailer, 'queue'>; env: { appUrl: URL } },
  input: { userId: string; kind: ModerationMailKind; threadId: string; messageId?: string; values: Record<string, string>; sentAt?: Date; until?: Date },
): Promise<void> {
  const [person] = await tx.select({ email: users.email, name: users.name, language: users.language }).from(users).where(eq(users.id, input.userId));
  if (!person) return;
  const path = (await threadPage(tx, input.threadId)) ?? '/';
  const url = new URL(input.messageId ? `${path}#message-${input.messageId}` : path, services.env.appUrl.origin).href;
  const mail = catalogueOf(person.language).moderation.mail;
  const texts = mail.kinds[input.kind];
  const values = {
    name: person.name,
    ...input.values,
    date: input.sentAt ? formatDate(input.sentAt, person.language) : '',
    until: input.until ? formatDate(input.until, person.language) : '',
  };
  await services.mailer.queue(
    tx,
    catalogueMail(
      person.email,
      { subject: texts.subject, greeting: mail.greeting, paragraphs: texts.paragraphs, action: mail.action, footer: mail.footer },
      url,
      values,
      person.language,
    ),
  );
}
