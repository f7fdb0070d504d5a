import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Language } from '#app/i18n';
import type { Jobs } from '#app/jobs/queue.server';
import type { Database, Executor } from '#db/client';
import { outbox } from '#db/schema';
import type { Logger } from './logger.server';

export type Mail = { to: string; subject: string; text: string; html: string };

/** How many times a mail is tried before it stays `failed` (1 + the `mail.send` job's retries). */
export const mailMaxAttempts = 6;
/** Seconds before a failed mail may be tried again (pg-boss's first retry of `mail.send` waits 1–2× this). */
export const mailRetryDelaySeconds = 20;
/** How long a sender holds a mail it is sending (beyond the transport's own time-outs). */
const leaseSeconds = 300;
/** A queued mail nobody has tried for this long is sent by the relay (its job was lost). */
const relayAfterSeconds = 15 * 60;

export type Delivery = 'sent' | 'kept-locally' | 'retry' | 'failed' | 'not-due';

export type Mailer = {
  /**
   * Queues a mail in the caller's transaction: the outbox row and the job that sends it are
   * written with the act that causes the mail, so a rollback sends nothing and a crash after the
   * commit loses nothing. The request never waits for the mail server.
   */
  queue(tx: Executor, mail: Mail): Promise<string>;
  /** Tries one queued mail (the `mail.send` job); 'retry' asks the job to try again later. */
  deliver(id: string): Promise<Delivery>;
  /**
   * Tries every queued mail that is due, now (what the relay does for forgotten mails; tests call
   * it instead of running jobs). `staleOnly`: only mails nobody has tried for a while.
   */
  flush(options?: { staleOnly?: boolean }): Promise<Record<Delivery, number>>;
};

/** The one way a mail enters the outbox: in the transaction of the act that causes it. */
export async function queueMail(tx: Executor, mail: Mail): Promise<string> {
  const [row] = await tx.insert(outbox).values({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html }).returning({ id: outbox.id });
  return row!.id;
}

/**
 * Sends through SMTP when SMTP_URL is set (or through `send`, in tests); otherwise the mail is
 * kept in the local outbox, marked sent, readable at /dev/outbox outside production.
 */
export function createMailer(options: {
  db: Database;
  jobs: Pick<Jobs, 'send'>;
  smtpUrl: string | undefined;
  from: string;
  logger: Logger;
  send?: (mail: Mail) => Promise<void>;
}): Mailer {
  const { db, logger } = options;
  let send = options.send;
  if (!send && options.smtpUrl) {
    // Time-outs well under the lease, so a hung server never lets a second sender in.
    const transport = nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
    send = async (mail) => {
      await transport.sendMail({ from: options.from, ...mail });
    };
  }

  async function deliver(id: string): Promise<Delivery> {
    // Claimed under a row lock with a lease: a retried job, the relay and another process never
    // send the same mail twice (at most, a crash between the server's answer and the update below).
    const claimable = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.id, id), eq(outbox.status, 'queued'), lte(outbox.availableAt, sql`now()`)))
      .for('update', { skipLocked: true });
    const [mail] = await db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, availableAt: sql`now() + make_interval(secs => ${leaseSeconds})` })
      .where(inArray(outbox.id, claimable))
      .returning({ to: outbox.to, subject: outbox.subject, text: outbox.text, html: outbox.html, attempts: outbox.attempts });
    if (!mail) {
      const [row] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id));
      return row?.status === 'queued' ? 'not-due' : row?.status === 'failed' ? 'failed' : 'sent';
    }
    try {
      if (send) await send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (error) {
      const finalTry = mail.attempts >= mailMaxAttempts;
      await db
        .update(outbox)
        .set({
          status: finalTry ? 'failed' : 'queued',
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          availableAt: sql`now() + make_interval(secs => ${mailRetryDelaySeconds})`,
        })
        .where(eq(outbox.id, id));
      logger.warn({ err: error, mailId: id, attempt: mail.attempts }, finalTry ? 'mail failed for good' : 'mail not sent, will retry');
      return finalTry ? 'failed' : 'retry';
    }
    await db
      .update(outbox)
      .set({ status: 'sent', sentAt: sql`now()`, lastError: null })
      .where(eq(outbox.id, id));
    logger.info({ mailId: id, subject: mail.subject }, send ? 'mail sent' : 'mail kept in the local outbox');
    return send ? 'sent' : 'kept-locally';
  }

  return {
    async queue(tx, mail) {
      const id = await queueMail(tx, mail);
      await options.jobs.send('mail.send', { outboxId: id }, { tx });
      return id;
    },
    deliver,
    async flush({ staleOnly = false } = {}) {
      const counts: Record<Delivery, number> = { sent: 0, 'kept-locally': 0, retry: 0, failed: 0, 'not-due': 0 };
      const due = await db
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.status, 'queued'), lte(outbox.availableAt, staleOnly ? sql`now() - make_interval(secs => ${relayAfterSeconds})` : sql`now()`)))
        .orderBy(asc(outbox.createdAt))
        .limit(100);
      for (const { id } of due) counts[await deliver(id)] += 1;
      return counts;
    },
  };
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A mail with a call to action, as text and as simple accessible HTML, in the recipient's
 * language: `lang` tells screen readers how to pronounce it, and French puts a space before a colon.
 */
export function composeMail(input: {
  to: string;
  language: Language;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer: string;
}): Mail {
  const colon = input.language === 'fr' ? ' :' : ':';
  const text = [
    input.greeting,
    '',
    ...input.paragraphs.flatMap((p) => [p, '']),
    `${input.action.label}${colon} ${input.action.url}`,
    '',
    input.footer,
    '',
    '— Erasmus PTCE',
  ].join('\n');
  const html = `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head><body style="font-family:sans-serif;line-height:1.5;color:#1f2937">
<p>${escapeHtml(input.greeting)}</p>
${input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(input.action.url)}" style="background:#155640;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px">${escapeHtml(input.action.label)}</a></p>
<p style="font-size:14px">${escapeHtml(input.footer)}</p>
<p style="font-size:14px">— Erasmus PTCE</p>
</body></html>`;
  return { to: input.to, subject: input.subject, text, html };
}

/** The newest mails of the outbox, queued, sent or failed, for /dev/outbox. */
export function listOutbox(db: Database, limit = 50) {
  return db
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      text: outbox.text,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      sentAt: outbox.sentAt,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

export type MailTexts = { subject: string; greeting: string; paragraphs: string[]; action: string; footer: string };

/**
 * A mail from catalogue texts, with `{{name}}`-style values filled in. The texts come from the
 * catalogue of `language`, the recipient's (`catalogueOf(language)`), so both always agree.
 */
export function catalogueMail(to: string, texts: MailTexts, url: string, values: Record<string, string>, language: Language): Mail {
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
  return composeMail({
    to,
    language,
    subject: fill(texts.subject),
    greeting: fill(texts.greeting),
    paragraphs: texts.paragraphs.map(fill),
    action: { label: fill(texts.action), url },
    footer: fill(texts.footer),
  });
}
