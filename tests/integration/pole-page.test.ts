import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { safeExternalUrl } from '#app/components/format';
import { loader, meta } from '#app/routes/poles.$slug';
import { poles } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { makeRequest, setupTestContext } from '#tests/setup/context';

const { context, services, cookieFor } = await setupTestContext();

async function polePage(slug: string, email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return loader({ request: makeRequest(`/poles/${slug}`, { cookie }), context, params: { slug } });
}

describe('pole page /poles/<slug>', () => {
  test('shows every profile field of a real pole, with its report number', async () => {
    const { pole, canViewMembers } = await polePage('figeacteurs');
    expect(pole).toMatchObject({
      slug: 'figeacteurs',
      name: 'Figeacteurs',
      town: 'Figeac',
      departmentCode: '46',
      region: { code: '76', name: 'Occitanie', nameEn: 'Occitania' },
      status: 'active',
      maturity: 'mature',
      animation: 'carrying_structure',
      fictional: false,
      foundedYear: null,
      memberCount: null,
    });
    expect(pole.reportNumber).toEqual(expect.any(Number));
    expect(pole.description.length).toBeGreaterThan(0);
    expect(pole.sectors.length).toBeGreaterThan(0);
    expect(pole.verifiedAt).toBeInstanceOf(Date);
    expect(canViewMembers).toBe(false);
  });

  test('shows what the pole declared as a mentoring pole, and nothing for a pole that mentors nobody', async () => {
    const { mentoring } = await polePage('figeacteurs');
    expect(mentoring).toMatchObject({ capacity: 3, activeLoad: 0, languages: expect.arrayContaining(['fr']) });
    expect(mentoring!.topics.map((topic) => topic.slug)).toEqual(expect.arrayContaining(['juridique', 'gouvernance']));
    const emerging = await polePage('causses-cevennes-demo');
    expect(emerging.mentoring).toMatchObject({ capacity: 0, topics: [] });
  });

  test('a visitor sees the validation date, not who validated', async () => {
    const { pole } = await polePage('figeacteurs');
    expect(pole.verifiedAt).toBeInstanceOf(Date);
    expect(pole.verifiedByName).toBeNull();
  });

  test('members, coordinators of the region and the national admin get the members link; others do not', async () => {
    const allowed = ['membre@demo.ptce.fr', 'figeacteurs@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr', 'admin@demo.ptce.fr'];
    for (const email of allowed) {
      const page = await polePage('figeacteurs', email);
      expect(page.canViewMembers, email).toBe(true);
      expect(page.pole.verifiedByName, email).toEqual(expect.any(String));
    }
    for (const email of ['coord.aura@demo.ptce.fr', 'emergent@demo.ptce.fr']) {
      const page = await polePage('figeacteurs', email);
      expect(page.canViewMembers, email).toBe(false);
      expect(page.pole.verifiedByName, email).toBeNull();
    }
  });

  test('a fictional pole says so', async () => {
    const { pole } = await polePage('causses-cevennes-demo');
    expect(pole.fictional).toBe(true);
    expect(pole.reportNumber).toBeNull();
  });

  test('optional fields come through when a pole has them', async () => {
    const created = await createPole(services.db, { foundedYear: 2016, memberCount: 42, website: 'https://exemple.fr/pole', animation: 'dedicated_team' });
    const { pole } = await polePage(created.slug);
    expect(pole).toMatchObject({ foundedYear: 2016, memberCount: 42, website: 'https://exemple.fr/pole', animation: 'dedicated_team', verifiedAt: null });
  });

  test('the page title is the pole name', async () => {
    const data = await polePage('figeacteurs');
    const tags = meta({ data, matches: [], params: { slug: 'figeacteurs' } } as unknown as Parameters<typeof meta>[0]);
    expect(tags).toContainEqual({ title: 'Figeacteurs — Erasmus PTCE' });
  });

  test('only http(s) websites become links', () => {
    expect(safeExternalUrl('https://exemple.fr/pole')).toBe('https://exemple.fr/pole');
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('pas une adresse')).toBeNull();
    expect(safeExternalUrl(null)).toBeNull();
  });

  test('an unknown slug is a 404', async () => {
    const error = await polePage('ce-pole-n-existe-pas').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(404);
  });

  test('the profile follows the database', async () => {
    await services.db.update(poles).set({ description: 'Nouvelle présentation.' }).where(eq(poles.slug, 'ardaines'));
    expect((await polePage('ardaines')).pole.description).toBe('Nouvelle présentation.');
  });
});
