import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { postMessage } from '#app/models/threads.server';
import { poles, threads, users } from '#db/schema';
import { javaMissing, javaMissingReason, expectValidHtml, nuTestTitle } from '#tests/setup/html-checker';
import { plainBrowser, startTestServer } from '#tests/setup/server';
import { createVisit } from '#tests/setup/visit-factories';

/**
 * The live thread pages as served to a browser without JavaScript (decision 019): valid HTML for
 * the W3C Nu checker (RGAA 8.2), the messages and the form in the page, and a message posted by
 * the plain form shown after the redirect. The checker needs `java`; without it that part is skipped.
 */
const { origin, services, cookieFor } = await startTestServer();
const db = services.db;
const browser = plainBrowser(origin);

if (javaMissing) console.warn(`\n⚠ HTML validity check skipped: ${javaMissingReason}.\n`);

let conversation: string;
let visitId: string;
let topic: string;
const documents = new Map<string, string>();

beforeAll(async () => {
  const [figeac] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
  const [causses] = await db.select().from(poles).where(eq(poles.slug, 'causses-cevennes-demo'));
  const [emergent] = await db.select().from(users).where(eq(users.email, 'emergent@demo.ptce.fr'));
  const [thread] = await db
    .insert(threads)
    .values({ subjectType: 'offer', initiatorPoleId: causses!.id, recipientPoleId: figeac!.id, regionCode: '76', title: 'Une conversation à valider' })
    .returning();
  conversation = thread!.id;
  await postMessage(db, services, {
    threadId: conversation,
    authorId: emergent!.id,
    poleId: causses!.id,
    body: 'Voici notre site https://exemple.org/page?a=1 et la fiche http://127.0.0.1/poles/figeacteurs, @Claire Dubois (démo) !',
    clientKey: null,
    exemptFromSlowMode: false,
  });
  visitId = (await createVisit(db)).id;
  const [forumTopic] = await db.select({ id: threads.id }).from(threads).where(eq(threads.subjectType, 'forum')).limit(1);
  topic = forumTopic!.id;
});

describe('thread pages without JavaScript', () => {
  test('a member posts with the plain form and reads the message after the redirect, links and mention rendered', async () => {
    const cookie = await cookieFor('figeacteurs@demo.ptce.fr');
    const before = await browser.page(`/conversations/${conversation}`, cookie);
    expect(before.status).toBe(200);
    expect(before.html).toContain('href="https://exemple.org/page?a=1" rel="nofollow noopener noreferrer ugc"');
    expect(before.html).toMatch(/<strong[^>]*>@Claire Dubois \(démo\)<\/strong>/);
    expect(before.html).toContain('id="premier-non-lu"');
    const key = /name="key" value="([0-9a-f-]{36})"/.exec(before.html)![1]!;
    const after = await browser.submit(`/conversations/${conversation}`, cookie, { intent: 'post', key, message: 'Réponse <b>sans</b> JavaScript' });
    expect(after.status).toBe(200);
    expect(after.html).toContain('Réponse &lt;b&gt;sans&lt;/b&gt; JavaScript');
    expect(after.html).toContain('Vous, pour Figeacteurs');
    documents.set('conversation', after.html);
    const coordinator = await cookieFor('coord.occitanie@demo.ptce.fr');
    documents.set('conversation (moderator)', (await browser.page(`/conversations/${conversation}`, coordinator)).html);
    documents.set('visit discussion', (await browser.page(`/visites/${visitId}/discussion`, cookie)).html);
    documents.set('forum topic', (await browser.page(`/forum/76/${topic}`, cookie)).html);
    documents.set('forum', (await browser.page('/forum/76', cookie)).html);
    documents.set('forums', (await browser.page('/forum', cookie)).html);
    for (const [name, html] of documents) expect(html, name).toContain('</html>');
  });

  test.skipIf(javaMissing)(
    nuTestTitle,
    async () => {
      await expectValidHtml(documents);
    },
    120_000,
  );
});
