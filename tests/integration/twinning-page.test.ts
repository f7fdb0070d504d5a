import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { poles, twinnings } from '#db/schema';
import { javaMissing, javaMissingReason, nuHtmlErrors } from '#tests/setup/html-checker';
import { plainBrowser, startTestServer } from '#tests/setup/server';
import { createProposedTwinning } from '#tests/setup/twinning-factories';

/**
 * The twinning page over HTTP on the production build, as a browser without JavaScript uses it:
 * plain forms posted, a redirect, the flash note on the next page; and its HTML is valid.
 */
const { origin, services, cookieFor } = await startTestServer();
const db = services.db;

async function poleId(slug: string) {
  const [row] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, slug));
  return row!.id;
}

const { page, submit } = plainBrowser(origin);

describe('the twinning page without JavaScript', () => {
  test('both admins accept with plain forms; a goal is added and ticked; the pages are valid HTML', async () => {
    const figeacteurs = await poleId('figeacteurs');
    await db.update(poles).set({ mentoringCapacity: 5 }).where(eq(poles.id, figeacteurs));
    const twinning = await createProposedTwinning(db, {
      mentorPoleId: figeacteurs,
      menteePoleId: await poleId('causses-cevennes-demo'),
      message: 'Un bon binôme.',
    });
    const address = `/jumelages/${twinning.id}`;
    const mentee = await cookieFor('emergent@demo.ptce.fr');
    const mentor = await cookieFor('figeacteurs@demo.ptce.fr');
    const documents: string[] = [];

    const proposed = await page(address, mentee);
    expect(proposed.status).toBe(200);
    expect(proposed.html).toContain('href="/jumelages"');
    expect(proposed.html).toContain('name="intent" value="accept"');
    expect(proposed.html).toContain('État : Proposé');
    documents.push(proposed.html);

    const invalid = await submit(address, mentee, { intent: 'decline', side: 'mentee', reason: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('Indiquez le motif.');
    documents.push(invalid.html);

    const accepted = await submit(address, mentee, { intent: 'accept', side: 'mentee' });
    expect(accepted.status).toBe(200);
    expect(accepted.html).toContain('Le jumelage commencera quand l’autre pôle aura accepté.');
    const active = await submit(address, mentor, { intent: 'accept', side: 'mentor' });
    expect(active.html).toContain('Les deux pôles ont accepté : le jumelage commence.');
    expect(active.html).toContain('État : En cours');
    expect(active.html).toContain('Ouvrir la conversation entre les deux pôles');

    const withGoal = await submit(address, mentor, { intent: 'addGoal', title: 'Visiter la fabrique', dueOn: '2026-05-04' });
    expect(withGoal.html).toContain('Visiter la fabrique');
    expect(withGoal.html).toContain('type="date"');
    const [goalId] = /name="goalId" value="([0-9a-f-]{36})"/.exec(withGoal.html)!.slice(1);
    const ticked = await submit(address, mentee, { intent: 'tickGoal', goalId: goalId!, done: 'true' });
    expect(ticked.html).toContain('L’objectif est coché.');
    expect(ticked.html).toContain('a coché l’objectif « Visiter la fabrique »');
    documents.push(ticked.html);
    const [row] = await db.select({ state: twinnings.state }).from(twinnings).where(eq(twinnings.id, twinning.id));
    expect(row!.state).toBe('active');

    const list = await page('/jumelages', mentee);
    expect(list.status).toBe(200);
    expect(list.html).toContain(address);
    documents.push(list.html);

    if (javaMissing) console.warn(`\n⚠ HTML validity of these pages not checked: ${javaMissingReason}.\n`);
    else expect(await nuHtmlErrors(new Map(documents.map((html, index) => [`page-${index}`, html])))).toEqual([]);
  }, 120_000);
});
