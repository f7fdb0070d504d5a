import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { poles, visits } from '#db/schema';
import { startTestServer } from '#tests/setup/server';
import { createVisit } from '#tests/setup/visit-factories';

/**
 * The hosting pages as a browser without JavaScript gets them: server-rendered forms with labels,
 * plain posts, French errors beside their fields, redirects.
 */
const { origin, services, cookieFor } = await startTestServer();
const db = services.db;
let host = '';
let figeacteurs = '';

beforeAll(async () => {
  host = await cookieFor('figeacteurs@demo.ptce.fr');
  const [pole] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'figeacteurs'));
  figeacteurs = pole!.id;
});

async function page(path: string, cookie = host) {
  const response = await fetch(`${origin}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

async function post(path: string, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { Cookie: host, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  return { status: response.status, location: response.headers.get('Location'), html: await response.text() };
}

const form = (overrides: Record<string, string | string[]> = {}) => ({
  poleId: figeacteurs,
  title: 'Visite sans JavaScript',
  programme: 'Accueil, visite des ateliers, déjeuner partagé avec les membres.',
  topics: ['incubation'],
  date: '2027-01-15',
  time: '09:30',
  durationMinutes: '240',
  address: '2 place Champollion',
  town: 'Figeac',
  seats: '12',
  deadlineDate: '2027-01-08',
  deadlineTime: '18:00',
  bookingMode: 'instant',
  costs: 'free',
  ...overrides,
});

describe('hosting without JavaScript', () => {
  test('the new visit form renders with its labels, Paris times and choices', async () => {
    const { status, html } = await page('/visites/nouvelle');
    expect(status).toBe(200);
    for (const text of [
      'Proposer une visite apprenante',
      'Heure de début (heure de Paris)',
      'Nombre de places',
      'Déplacement pris en charge par le programme',
      'Confirmées par nous, une à une',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain('type="date"');
    expect(html).toContain('type="time"');
  });

  test('a bad post comes back with the French message beside the field; a good one redirects to the visit', async () => {
    const refused = await post('/visites/nouvelle', form({ date: '2027-03-28', time: '02:30', deadlineDate: '2027-03-20' }));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Cette heure n’existe pas ce jour-là à Paris');
    const created = await post('/visites/nouvelle', form());
    expect(created.status).toBe(302);
    const [visit] = await db.select().from(visits).where(eq(visits.title, 'Visite sans JavaScript'));
    expect(created.location).toBe(`/visites/${visit!.id}`);
    expect(visit!.startsAt.toISOString()).toBe('2027-01-15T08:30:00.000Z');
  });

  test('the edit page shows the stored Paris time and the separate cancellation form', async () => {
    const visit = await createVisit(db, {
      title: 'Visite à modifier sans JavaScript',
      startsAt: new Date('2027-01-15T08:30:00Z'),
      bookingDeadline: new Date('2027-01-10T17:00:00Z'),
    });
    const { status, html } = await page(`/visites/${visit.id}/modifier`);
    expect(status).toBe(200);
    expect(html).toContain('value="09:30"');
    expect(html).toContain('value="2027-01-15"');
    expect(html).toContain('name="intent" value="cancel"');
    expect(html).toContain('Motif de l’annulation');
    expect(html).toContain('0 places sur 10 sont prises');
    const cancelled = await post(`/visites/${visit.id}/modifier`, { intent: 'cancel', reason: 'Trop court' });
    expect(cancelled.status).toBe(302);
    expect((await page(`/visites/${visit.id}/modifier`)).html).toContain('Cette visite est annulée.');
  });
});
