import { desc } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Database } from '#db/client';
import { outbox } from '#db/schema';
import type { Logger } from './logger.server';

export type Mail = { to: string; subject: string; text: string; html: string };
export type Mailer = {
  /** Sends now: the caller waits for the mail server (or the outbox) and sees a failure. */
  send(mail: Mail): Promise<void>;
  /**
   * Hands the mail off to be sent after the answer: a page never waits for the mail server, so
   * its timing says nothing about whether a mail left. A failure is logged, never thrown.
   */
  sendLater(mail: Mail): void;
  /** Resolves once every mail handed off so far has been sent or has failed (tests, shutdown). */
  idle(): Promise<void>;
};

/**
 * Sends through SMTP when SMTP_URL is set; otherwise keeps the mail in the local outbox,
 * readable at /dev/outbox outside production, so links can be followed with no mail server.
 */
export function createMailer(options: { db: Database; smtpUrl: string | undefined; from: string; logger: Logger }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return mailerFrom(async (mail) => {
      await transport.sendMail({ from: options.from, ...mail });
      options.logger.info({ to: mail.to, subject: mail.subject }, 'mail sent');
    }, options.logger);
  }
  return mailerFrom(async (mail) => {
    await options.db.insert(outbox).values({ ...mail, status: 'sent', sentAt: new Date() });
    options.logger.info({ to: mail.to, subject: mail.subject }, 'mail kept in the local outbox');
  }, options.logger);
}

/**
 * A mailer around one way of sending. Mails handed off run in this process once the current work
 * is done; there is no retry: a real outbox with jobs is the next step (until then a failure
 * is only logged, and a mail still pending when the process stops is lost).
 */
export function mailerFrom(send: (mail: Mail) => Promise<void>, logger: Logger): Mailer {
  const pending = new Set<Promise<void>>();
  return {
    send,
    sendLater(mail) {
      const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => send(mail))
        .catch((error: unknown) => logger.error({ err: error, subject: mail.subject }, 'mail could not be sent'))
        .finally(() => pending.delete(task));
      pending.add(task);
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A French mail with a call to action, as text and as simple accessible HTML. */
export function composeMail(input: { to: string; subject: string; greeting: string; paragraphs: string[]; action: { label: string; url: string }; footer: string }): Mail {
  const text = [input.greeting, '', ...input.paragraphs.flatMap((p) => [p, '']), `${input.action.label} : ${input.action.url}`, '', input.footer, '', '— Erasmus PTCE'].join('\n');
  const html = `<!doctype html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5;color:#1f2937">
<p>${escapeHtml(input.greeting)}</p>
${input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(input.action.url)}" style="background:#155640;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px">${escapeHtml(input.action.label)}</a></p>
<p style="font-size:14px">${escapeHtml(input.footer)}</p>
<p style="font-size:14px">— Erasmus PTCE</p>
</body></html>`;
  return { to: input.to, subject: input.subject, text, html };
}

/** The newest mails kept locally, for /dev/outbox. */
export function listOutbox(db: Database, limit = 50) {
  return db
    .select({ id: outbox.id, to: outbox.to, subject: outbox.subject, text: outbox.text, createdAt: outbox.createdAt })
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

export type MailTexts = { subject: string; greeting: string; paragraphs: string[]; action: string; footer: string };

/** A mail from catalogue texts (French for now), with `{{name}}`-style values filled in. */
export function catalogueMail(to: string, texts: MailTexts, url: string, values: Record<string, string>): Mail {
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
  return composeMail({
    to,
    subject: fill(texts.subject),
    greeting: fill(texts.greeting),
    paragraphs: texts.paragraphs.map(fill),
    action: { label: fill(texts.action), url },
    footer: fill(texts.footer),
  });
}
