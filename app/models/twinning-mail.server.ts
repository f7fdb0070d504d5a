import { twinningPath } from '#app/domain/paths';
import { catalogueOf } from '#app/locales/catalogues.server';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import type { Database, Executor } from '#db/client';
import { coordinatorsOf, poleAdminsOf, uniqueRecipients, type Recipient } from './pairing-people.server';

/** What the twinning acts need: the database, the outbox, and the app's address for the links. */
export type TwinningServices = { db: Database; mailer: Pick<Mailer, 'queue'>; env: { appUrl: URL } };

export type TwinningMailKind = keyof ReturnType<typeof catalogueOf>['twinnings']['mail']['kinds'];

/** The facts of a twinning every mail about it names. */
export type TwinningMailFacts = { id: string; mentorName: string; menteeName: string };

/**
 * Queues one mail per recipient, each in the recipient's language, in the act's transaction:
 * nothing leaves for an act that rolls back. `values` fill the catalogue texts; `reason` (a
 * person's words) is added as its own paragraph.
 */
export async function mailTwinning(
  tx: Executor,
  services: Pick<TwinningServices, 'mailer' | 'env'>,
  input: { recipients: readonly Recipient[]; kind: TwinningMailKind; twinning: TwinningMailFacts; values?: Record<string, string>; reason?: string },
): Promise<void> {
  const url = new URL(twinningPath(input.twinning.id), services.env.appUrl.origin).href;
  for (const recipient of uniqueRecipients(input.recipients)) {
    const mail = catalogueOf(recipient.language).twinnings.mail;
    const texts = mail.kinds[input.kind];
    const paragraphs = [texts.body, ...(input.reason ? [mail.reason] : [])];
    const values = { name: recipient.name, mentor: input.twinning.mentorName, mentee: input.twinning.menteeName, reason: input.reason ?? '', ...input.values };
    await services.mailer.queue(
      tx,
      catalogueMail(
        recipient.email,
        { subject: texts.subject, greeting: mail.greeting, paragraphs, action: mail.action, footer: mail.footer },
        url,
        values,
        recipient.language,
      ),
    );
  }
}

/** The admins of one or both poles of a twinning. */
export function adminsOf(tx: Executor, poleIds: readonly string[]): Promise<Recipient[]> {
  return poleAdminsOf(tx, poleIds);
}

/** The coordinators who follow a twinning: its region's, and the mentor's region's when it differs. */
export function followingCoordinators(tx: Executor, regionCodes: readonly string[]): Promise<Recipient[]> {
  return coordinatorsOf(tx, [...new Set(regionCodes)]);
}
