import { describe, expect, test } from 'vitest';
import { lockThread, reportMessage } from '#app/models/moderation.server';
import { javaMissing, javaMissingReason, expectValidHtml, nuTestTitle } from '#tests/setup/html-checker';
import { startTestServer } from '#tests/setup/server';
import { createPerson, demoUser, threadWithMessage } from './moderation-fixtures';

/**
 * The /moderation pages as a coordinator's browser gets them (the production build): the queue
 * with a message hidden by three reports (its text, each reason, the forms that work without
 * JavaScript) and the log, in French, valid for the Nu HTML checker (skipped without Java).
 */

const { origin, services, cookieFor } = await startTestServer();
const db = services.db;
if (javaMissing) console.warn(`\n⚠ HTML validity check skipped: ${javaMissingReason}.\n`);

const { thread, message } = await threadWithMessage(services, { body: 'Un texte <b>signalé</b> trois fois' });
const reporters = await Promise.all([createPerson(db), createPerson(db), createPerson(db)]);
for (const reporter of reporters) await reportMessage(services, { messageId: message.id, reporterId: reporter.id, reason: `Motif « ${reporter.name} »` });
await lockThread(services, { threadId: thread.id, moderatorId: (await demoUser(db, 'coord.occitanie@demo.ptce.fr')).id, reason: 'Pause demandée' });

async function page(path: string, email: string) {
  const response = await fetch(`${origin}${path}`, { headers: { Cookie: await cookieFor(email) }, redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

describe('the moderation pages in a browser', () => {
  test('the queue shows the hidden message’s text escaped, each report, and plain forms posting to the page', async () => {
    const { status, html } = await page('/moderation', 'coord.occitanie@demo.ptce.fr');
    expect(status).toBe(200);
    expect(html).toContain('Un texte &lt;b&gt;signalé&lt;/b&gt; trois fois');
    expect(html).toContain('Masqué par les signalements, en attente de votre examen');
    for (const reporter of reporters) expect(html).toContain(`Motif « ${reporter.name} »`);
    expect(html).toContain(`href="/conversations/${thread.id}#message-${message.id}"`);
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toContain('name="intent" value="restore"');
    expect(html).toContain('Rétablir');
  });

  test('the log shows who locked which thread and why; a member gets the 404 page', async () => {
    const { status, html } = await page('/moderation/journal', 'coord.occitanie@demo.ptce.fr');
    expect(status).toBe(200);
    expect(html).toContain('Pause demandée');
    expect(html).toContain('Automatique (signalements)');
    expect(html).toContain(`A verrouillé « ${thread.title} »`);
    expect((await page('/moderation', 'membre@demo.ptce.fr')).status).toBe(404);
  });

  test.skipIf(javaMissing)(
    nuTestTitle,
    async () => {
      const documents = new Map<string, string>();
      for (const path of ['/moderation', '/moderation/journal']) documents.set(path, (await page(path, 'coord.occitanie@demo.ptce.fr')).html);
      await expectValidHtml(documents);
    },
    120_000,
  );
});
