import { eq } from 'drizzle-orm';
import { createInstance } from 'i18next';
import { createElement } from 'react';
import { describe, expect, test } from 'vitest';
import { MentoringCard } from '#app/components/poles/mentoring-card';
import { ProfileForm } from '#app/components/poles/profile-form';
import { i18nConfig } from '#app/i18n';
import { resources } from '#app/locales/catalogues.server';
import { mentoringProfileOf, updatePoleProfile } from '#app/models/pole-profile.server';
import { action, loader } from '#app/routes/poles.$slug_.modifier';
import { poleMentoringTopics, poles, twinnings } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { multipartRequest } from '#tests/setup/multipart';
import { inFrench, settle } from '#tests/setup/responses';
import { renderAt } from '#tests/setup/search-fixtures';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const admin = 'figeacteurs@demo.ptce.fr';

/** The whole profile form, as the page sends it; each test changes what it is about. */
const validFields = {
  description: 'Pôle de coopération du Grand Figeac.',
  sectors: ['agriculture-alimentation', 'services-entreprises'],
  maturity: 'mature',
  animation: 'dedicated_team',
  mentoringCapacity: '2',
  mentoringTopics: ['juridique', 'gouvernance', 'creation-scic'],
  languages: ['fr', 'oc'],
};

type Fields = Record<string, string | string[]>;

async function save(fields: Fields, email: string = admin, slug = 'figeacteurs') {
  const request = multipartRequest(`/poles/${slug}/modifier`, { fields, cookie: await cookieFor(email) });
  return settle(action({ request, context, params: { slug } }));
}

async function view(email: string, slug = 'figeacteurs') {
  return settle(loader({ request: makeRequest(`/poles/${slug}/modifier`, { cookie: await cookieFor(email) }), context, params: { slug } }));
}

async function poleRow(slug = 'figeacteurs') {
  const [row] = await db.select().from(poles).where(eq(poles.slug, slug));
  return row!;
}

async function topicsOf(poleId: string) {
  const rows = await db.select({ slug: poleMentoringTopics.topicSlug }).from(poleMentoringTopics).where(eq(poleMentoringTopics.poleId, poleId));
  return rows.map((row) => row.slug).sort();
}

function fieldErrors(outcome: { data: { result: { error?: Record<string, string[] | null> } } | null }) {
  return outcome.data?.result.error ?? {};
}

/** A pole with its own admin, so that twinnings can be added around it without touching the demo poles. */
async function mentorWithAdmin(capacity: number) {
  const pole = await createPole(db, { maturity: 'mature', mentoringCapacity: capacity, verifiedAt: new Date() });
  const owner = await createUser(db, { email: `animation-${pole.slug}@exemple.fr`, name: 'Animatrice de test', password: 'mot-de-passe-de-test' });
  await addMembership(db, { userId: owner.id, poleId: pole.id, role: 'admin' });
  return { pole, email: owner.email };
}

async function addTwinning(mentorPoleId: string, state: 'proposed' | 'active' | 'completed') {
  const mentee = await createPole(db, { maturity: 'emerging' });
  const now = new Date();
  await db.insert(twinnings).values({
    mentorPoleId,
    menteePoleId: mentee.id,
    regionCode: '76',
    state,
    expiresAt: new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000),
    activatedAt: state === 'proposed' ? null : now,
    endedAt: state === 'completed' ? now : null,
  });
}

describe('declaring what the pole can carry and pass on', () => {
  test('the editor shows the current capacity, topics and languages, the topics to choose from and the current load', async () => {
    const page = await view(admin);
    expect(page.status).toBe(200);
    // The demo values of the seed (data/mentoring.ts).
    expect(page.data.profile).toMatchObject({ mentoringCapacity: 3, languages: ['fr', 'oc'] });
    expect(page.data.profile.mentoringTopics).toEqual(expect.arrayContaining(['juridique', 'creation-scic', 'gouvernance', 'animation-cooperation']));
    expect(page.data.topicOptions.map((topic: { slug: string }) => topic.slug)).toContain('tiers-lieu');
    expect(page.data.activeLoad).toBe(0);
  });

  test('capacity, topics and languages are saved with the profile; the topics are replaced', async () => {
    const outcome = await save(validFields);
    expect(outcome.status).toBe(302);
    const row = await poleRow();
    expect(row.mentoringCapacity).toBe(2);
    expect(row.languages).toEqual(['fr', 'oc']);
    expect(await topicsOf(row.id)).toEqual(['creation-scic', 'gouvernance', 'juridique']);

    expect((await save({ ...validFields, mentoringCapacity: '0', mentoringTopics: ['tiers-lieu'], languages: ['en'] })).status).toBe(302);
    const after = await poleRow();
    expect(after.mentoringCapacity).toBe(0);
    expect(after.languages).toEqual(['en']);
    expect(await topicsOf(row.id)).toEqual(['tiers-lieu']);
  });

  test('no topic at all is allowed, and a topic ticked twice is kept once', async () => {
    expect((await save({ ...validFields, mentoringTopics: [] })).status).toBe(302);
    const row = await poleRow();
    expect(await topicsOf(row.id)).toEqual([]);
    expect((await save({ ...validFields, mentoringTopics: ['juridique', 'juridique'], languages: ['fr', 'fr'] })).status).toBe(302);
    expect(await topicsOf(row.id)).toEqual(['juridique']);
    expect((await poleRow()).languages).toEqual(['fr']);
  });

  test('the pole page reader gives capacity, load, topics with their names and languages', async () => {
    expect((await save(validFields)).status).toBe(302);
    const row = await poleRow();
    const profile = await mentoringProfileOf(db, row.id);
    expect(profile).toEqual({
      capacity: 2,
      activeLoad: 0,
      // In French order of their names.
      topics: [
        { slug: 'creation-scic', name: 'Création d’une SCIC', nameEn: 'Setting up a SCIC' },
        { slug: 'gouvernance', name: 'Gouvernance', nameEn: 'Governance' },
        { slug: 'juridique', name: 'Structuration juridique', nameEn: 'Legal structuring' },
      ],
      languages: ['fr', 'oc'],
    });
    expect(await mentoringProfileOf(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

describe('bad input gets a French message beside its field, and nothing is saved', () => {
  const nineTopics = [
    'juridique',
    'gouvernance',
    'creation-scic',
    'tiers-lieu',
    'financement',
    'communication',
    'incubation',
    'mutualisation',
    'sensibilisation',
  ];
  const cases: Array<[string, Fields, string, string]> = [
    ['a capacity of 21', { mentoringCapacity: '21' }, 'mentoringCapacity', 'profile.errors.mentoringCapacityRange'],
    ['a capacity of -1', { mentoringCapacity: '-1' }, 'mentoringCapacity', 'profile.errors.mentoringCapacityRange'],
    ['a capacity in letters', { mentoringCapacity: 'abc' }, 'mentoringCapacity', 'profile.errors.mentoringCapacityInvalid'],
    ['a fractional capacity', { mentoringCapacity: '1.5' }, 'mentoringCapacity', 'profile.errors.mentoringCapacityInvalid'],
    ['no capacity', { mentoringCapacity: '' }, 'mentoringCapacity', 'profile.errors.mentoringCapacityRequired'],
    ['an unknown topic', { mentoringTopics: ['juridique', 'pas-une-thematique'] }, 'mentoringTopics[1]', 'profile.errors.unknownTopic'],
    ['nine topics', { mentoringTopics: nineTopics }, 'mentoringTopics', 'profile.errors.tooManyTopics'],
    ['no language', { languages: [] }, 'languages', 'profile.errors.languagesRequired'],
    ['an unknown language', { languages: ['fr', 'klingon'] }, 'languages[1]', 'profile.errors.unknownLanguage'],
  ];

  test.each(cases)('%s', async (_label, change, field, message) => {
    expect((await save(validFields)).status).toBe(302);
    const before = await poleRow();
    const outcome = await save({ ...validFields, ...change, description: 'Ne doit pas être enregistré.' });
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome)[field]).toContain(message);
    expect(inFrench(message)).toMatch(/\p{L}/u);
    const after = await poleRow();
    expect(after).toMatchObject({ description: before.description, mentoringCapacity: 2, languages: ['fr', 'oc'], updatedAt: before.updatedAt });
    expect(await topicsOf(after.id)).toEqual(['creation-scic', 'gouvernance', 'juridique']);
  });

  test('every box of the form ticked is read and answered beside the fields, not refused as too heavy', async () => {
    const page = await view(admin);
    const outcome = await save({
      ...validFields,
      sectors: page.data.sectorOptions.map((sector: { slug: string }) => sector.slug),
      mentoringTopics: page.data.topicOptions.map((topic: { slug: string }) => topic.slug),
      languages: ['fr', 'en', 'es', 'de', 'it', 'oc', 'br', 'eu', 'ca', 'pt'],
      foundedYear: '2011',
      memberCount: '45',
      website: 'https://www.figeacteurs.fr',
      publicContact: '05 65 34 00 00',
    });
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome)).toMatchObject({ sectors: ['profile.errors.tooManySectors'], mentoringTopics: ['profile.errors.tooManyTopics'] });
    expect(fieldErrors(outcome).languages).toBeUndefined();
  });

  test('the English catalogue has every message too', async () => {
    const i18n = createInstance();
    await i18n.init({ ...i18nConfig, resources, lng: 'en' });
    for (const [, , , message] of cases) expect(i18n.t(message)).not.toBe(message);
  });
});

describe('the capacity cannot go below the twinnings under way', () => {
  test('2 active twinnings: 1 is refused beside the field, saying so, and nothing is saved; 2 is accepted', async () => {
    const { pole, email } = await mentorWithAdmin(3);
    await addTwinning(pole.id, 'active');
    await addTwinning(pole.id, 'active');
    // Neither a proposal nor a finished twinning counts against the capacity.
    await addTwinning(pole.id, 'proposed');
    await addTwinning(pole.id, 'completed');

    const page = await view(email, pole.slug);
    expect(page.data.activeLoad).toBe(2);

    const refused = await save({ ...validFields, description: 'Ne doit pas être enregistré.', mentoringCapacity: '1' }, email, pole.slug);
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused).mentoringCapacity).toEqual(['profile.errors.capacityBelowLoad']);
    expect(refused.data.activeLoad).toBe(2);
    const unchanged = await poleRow(pole.slug);
    expect(unchanged).toMatchObject({ mentoringCapacity: 3, description: pole.description });
    expect(await topicsOf(pole.id)).toEqual([]);

    // The sentence shown beside the field, in French and in English.
    for (const [language, sentence] of [
      ['fr', '2 jumelages sont en cours : la capacité ne peut pas être inférieure à 2.'],
      ['en', '2 twinnings are under way: the capacity cannot be lower than 2.'],
    ] as const) {
      const html = await renderAt(
        `/poles/${pole.slug}/modifier`,
        createElement(ProfileForm, {
          pole: { slug: pole.slug, name: pole.name, logoUpdatedAt: null },
          profile: page.data.profile,
          sectorOptions: page.data.sectorOptions,
          topicOptions: page.data.topicOptions,
          activeLoad: refused.data.activeLoad,
          lastResult: refused.data.result,
        }),
        language,
      );
      expect(html).toContain(sentence);
      // Announced with the field it is about.
      expect(html).toMatch(/<input[^>]*name="mentoringCapacity"[^>]*aria-invalid="true"/);
    }

    expect((await save({ ...validFields, mentoringCapacity: '2' }, email, pole.slug)).status).toBe(302);
    expect((await poleRow(pole.slug)).mentoringCapacity).toBe(2);
  });

  test('the count is taken under the pole lock the acceptance of a twinning takes', async () => {
    const { pole } = await mentorWithAdmin(2);
    await addTwinning(pole.id, 'active');
    const changes = {
      description: '',
      sectors: [],
      maturity: 'mature' as const,
      foundedYear: null,
      memberCount: null,
      animation: 'dedicated_team' as const,
      website: null,
      publicContact: null,
      mentoring: { capacity: 1, topics: [], languages: ['fr'] },
    };
    // An acceptance holds the mentoring pole's row while it activates a second twinning; the
    // profile save waits for it and then counts two.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const acceptance = db.transaction(async (tx) => {
      await tx.select({ id: poles.id }).from(poles).where(eq(poles.id, pole.id)).for('update');
      locked();
      await held;
      const mentee = await createPole(tx, { maturity: 'emerging' });
      await tx.insert(twinnings).values({ mentorPoleId: pole.id, menteePoleId: mentee.id, regionCode: '76', state: 'active', expiresAt: new Date() });
    });
    await isLocked;
    const saving = updatePoleProfile(db, { poleId: pole.id, actorId: pole.id, changes, logo: { kind: 'keep' } });
    // Without the lock the save would be over by now (on PostgreSQL; PGlite runs one transaction at a time).
    await Promise.race([saving, new Promise((resolve) => setTimeout(resolve, 300))]);
    release();
    await acceptance;
    expect(await saving).toEqual({ refused: 'capacity-below-load', activeLoad: 2 });
    expect((await poleRow(pole.slug)).mentoringCapacity).toBe(2);
  });
});

describe('who may declare it', () => {
  test.each(['membre@demo.ptce.fr', 'emergent@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr'])('%s is answered 404 and changes nothing', async (email) => {
    const before = await poleRow();
    const topicsBefore = await topicsOf(before.id);
    expect((await view(email)).status).toBe(404);
    expect((await save({ ...validFields, mentoringCapacity: '20', mentoringTopics: ['tiers-lieu'] }, email)).status).toBe(404);
    expect((await poleRow()).mentoringCapacity).toBe(before.mentoringCapacity);
    expect(await topicsOf(before.id)).toEqual(topicsBefore);
  });
});

describe('the card on the pole page', () => {
  const topics = [
    { slug: 'gouvernance', name: 'Gouvernance', nameEn: 'Governance' },
    { slug: 'juridique', name: 'Structuration juridique', nameEn: 'Legal structuring' },
  ];

  test('says what the pole can carry, carries now, passes on and speaks', async () => {
    const html = await renderAt(
      '/poles/figeacteurs',
      createElement(MentoringCard, { profile: { capacity: 3, activeLoad: 1, topics, languages: ['fr', 'oc'] } }),
    );
    expect(html).toContain(
      'Peut accompagner 3 pôles à la fois · 1 jumelage en cours · thématiques transmises : Gouvernance, Structuration juridique · langues : Français, Occitan',
    );
    expect(html).toMatch(/<h2[^>]*>Jumelages<\/h2>/);
    const english = await renderAt(
      '/poles/figeacteurs',
      createElement(MentoringCard, { profile: { capacity: 1, activeLoad: 0, topics, languages: ['fr'] } }),
      'en',
    );
    expect(english).toContain('Can mentor 1 pole at a time · no twinning under way · topics passed on: Governance, Legal structuring · languages: French');
  });

  test('is absent for a pole that mentors nobody and passes nothing on', async () => {
    expect(await renderAt('/poles/x', createElement(MentoringCard, { profile: { capacity: 0, activeLoad: 0, topics: [], languages: ['fr'] } }))).toBe('');
    const topicsOnly = await renderAt('/poles/x', createElement(MentoringCard, { profile: { capacity: 0, activeLoad: 0, topics, languages: ['fr'] } }));
    expect(topicsOnly).toContain('N’accompagne pas d’autres pôles pour l’instant · thématiques transmises : Gouvernance, Structuration juridique');
  });
});
