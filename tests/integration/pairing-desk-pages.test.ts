import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { poles, requests, twinnings } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { createRequest } from '#tests/setup/market-factories';
import { startTestServer } from '#tests/setup/server';

/**
 * The desk, the cohort and the weights as a browser without JavaScript gets them: server-rendered
 * pages with plain forms, and a proposal sent by a plain form post.
 */
const { origin, services, cookieFor } = await startTestServer();
const db = services.db;

let coordinator = '';
let closedRequestId = '';

beforeAll(async () => {
  coordinator = await cookieFor('coord.occitanie@demo.ptce.fr');
  await db.update(poles).set({ mentoringCapacity: 3, verifiedAt: new Date(), maturity: 'mature' }).where(eq(poles.slug, 'figeacteurs'));
  const emerging = await createPole(db, { name: 'Pôle émergent sans JavaScript', maturity: 'emerging', verifiedAt: new Date() });
  await createRequest(db, { poleId: emerging.id, title: 'Une demande ouverte à apparier' });
  const closed = await createRequest(db, { poleId: emerging.id, title: 'Une demande fermée faute de jumelage', state: 'closed', autoClosedAt: new Date() });
  closedRequestId = closed.id;
});

async function page(path: string, cookie = coordinator) {
  const response = await fetch(`${origin}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

describe('the desk without JavaScript', () => {
  test('renders every section, the suggestions with their details, the propose forms and the reopen form', async () => {
    const { status, html } = await page('/coordination');
    expect(status).toBe(200);
    for (const heading of [
      'Demandes ouvertes, les plus anciennes d’abord',
      'Demandes de jumelage des pôles',
      'Pôles émergents sans jumelage ni demande',
      'Pôles accompagnateurs et leur charge',
      'Jumelages de la région',
      'Demandes fermées faute de jumelage',
      'Coordination régionale',
    ]) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('Une demande ouverte à apparier');
    expect(html).toContain('Proposer ce jumelage');
    expect(html).toContain('<details');
    expect(html).toContain('Détail du score');
    expect(html).toMatch(/jumelages? en cours sur \d+ possibles/);
    expect(html).toContain(`action="/coordination/demandes/${closedRequestId}/rouvrir"`);
    expect(html).toContain('href="/coordination/cohorte?region=76"');
    expect(html).toContain('href="/coordination/ponderations?region=76"');
  });

  test('one plain form post proposes the twinning', async () => {
    const [request] = await db.select().from(requests).where(eq(requests.title, 'Une demande ouverte à apparier'));
    const [figeac] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
    const body = new URLSearchParams({ intent: 'propose', mentorPoleId: figeac!.id, menteePoleId: request!.poleId, requestId: request!.id, message: '' });
    const response = await fetch(`${origin}/coordination?index&region=76`, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: { Cookie: coordinator, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(302);
    const [twinning] = await db
      .select()
      .from(twinnings)
      .where(and(eq(twinnings.mentorPoleId, figeac!.id), eq(twinnings.menteePoleId, request!.poleId)));
    expect(response.headers.get('Location')).toBe('/coordination?region=76');
    // Back on the desk, the request links to its proposal instead of the form.
    const { html } = await page('/coordination?region=76');
    expect(html).toContain(`href="/jumelages/${twinning!.id}"`);
  });

  test('the national admin gets a region select, in a GET form', async () => {
    const { status, html } = await page('/coordination?region=84', await cookieFor('admin@demo.ptce.fr'));
    expect(status).toBe(200);
    expect(html).toMatch(/<form method="get"[^>]*>[\s\S]*<select[^>]*name="region"/);
    expect(html).toContain('Auvergne-Rhône-Alpes');
  });

  test('the cohort and the weights pages render their forms', async () => {
    const cohort = await page('/coordination/cohorte?region=76');
    expect(cohort.status).toBe(200);
    expect(cohort.html).toContain('Cohorte optimale');
    expect(cohort.html).toContain('Pour comparaison, une affectation gloutonne atteint');
    const weights = await page('/coordination/ponderations?region=76');
    expect(weights.status).toBe(200);
    expect(weights.html).toContain('Rétablir les valeurs par défaut');
    expect(weights.html).toContain('Par défaut : 40');
    expect(weights.html).toMatch(/<input[^>]*type="number"[^>]*name="topics"|<input[^>]*name="topics"[^>]*type="number"/);
  });
});
