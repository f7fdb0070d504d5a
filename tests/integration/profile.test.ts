import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { loader as coordinationLoader } from '#app/routes/coordination';
import { loader as poleLoader } from '#app/routes/poles.$slug';
import { action, loader } from '#app/routes/poles.$slug_.modifier';
import { auditLog, poleSectors, poles, users } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { multipartRequest } from '#tests/setup/multipart';
import { flashOf, inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const admin = 'figeacteurs@demo.ptce.fr';
const path = '/poles/figeacteurs/modifier';

/** A complete, valid form: each test changes what it is about. */
const validFields = {
  description: 'Pôle de coopération du Grand Figeac : crèche inter-entreprises, tiers-lieu, Start-up de territoire.',
  sectors: ['services-entreprises', 'sante-soin-service-personne'],
  maturity: 'mature',
  foundedYear: '2011',
  memberCount: '45',
  animation: 'dedicated_team',
  website: 'https://www.figeacteurs.fr',
  publicContact: '05 65 34 00 00',
  mentoringCapacity: '3',
  mentoringTopics: ['juridique', 'gouvernance'],
  languages: ['fr'],
};

async function poleRow(slug = 'figeacteurs') {
  const [row] = await db.select().from(poles).where(eq(poles.slug, slug));
  return row!;
}

async function sectorsOf(poleId: string) {
  const rows = await db.select({ slug: poleSectors.sectorSlug }).from(poleSectors).where(eq(poleSectors.poleId, poleId));
  return rows.map((row) => row.slug).sort();
}

async function maturityAudit(poleId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'pole.maturity-changed'), eq(auditLog.subjectId, poleId)))
    .orderBy(auditLog.createdAt);
}

async function save(fields: Record<string, string | string[]>, email: string | null = admin, slug = 'figeacteurs') {
  const cookie = email ? await cookieFor(email) : undefined;
  const request = multipartRequest(`/poles/${slug}/modifier`, { fields, cookie });
  return settle(action({ request, context, params: { slug } }));
}

async function view(email: string | null, slug = 'figeacteurs') {
  const cookie = email ? await cookieFor(email) : undefined;
  return settle(loader({ request: makeRequest(`/poles/${slug}/modifier`, { cookie }), context, params: { slug } }));
}

function fieldErrors(outcome: { data: { result: { error?: Record<string, string[] | null> } } | null }) {
  return outcome.data?.result.error ?? {};
}

describe('who may edit a pole profile', () => {
  test('a visitor is sent to sign in, and comes back to the editor after', async () => {
    for (const outcome of [await view(null), await save(validFields, null)]) {
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe(`/connexion?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  test.each(['membre@demo.ptce.fr', 'emergent@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr', 'admin@demo.ptce.fr'])(
    '%s is answered 404, as for an unknown pole, and changes nothing',
    async (email) => {
      const before = await poleRow();
      expect((await view(email)).status).toBe(404);
      expect((await save({ ...validFields, description: 'Pris en main par un autre.' }, email)).status).toBe(404);
      expect((await poleRow()).description).toBe(before.description);
    },
  );

  test('the admin of another pole cannot edit it, even by posting to its address', async () => {
    const outcome = await save(validFields, 'emergent@demo.ptce.fr', 'figeacteurs');
    expect(outcome.status).toBe(404);
  });

  test('an unknown pole is a 404', async () => {
    expect((await view(admin, 'pas-un-pole')).status).toBe(404);
    expect((await save(validFields, admin, 'pas-un-pole')).status).toBe(404);
  });

  test('the pole admin gets the form with the current values; only they see the edit link', async () => {
    const page = await view(admin);
    expect(page.status).toBe(200);
    expect(page.data.pole.slug).toBe('figeacteurs');
    expect(page.data.profile.maturity).toBe((await poleRow()).maturity);
    expect(page.data.sectorOptions.length).toBeGreaterThan(10);

    const asAdmin = await poleLoader({
      request: makeRequest('/poles/figeacteurs', { cookie: await cookieFor(admin) }),
      context,
      params: { slug: 'figeacteurs' },
    });
    expect(asAdmin.canEdit).toBe(true);
    for (const email of ['membre@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr']) {
      const other = await poleLoader({
        request: makeRequest('/poles/figeacteurs', { cookie: await cookieFor(email) }),
        context,
        params: { slug: 'figeacteurs' },
      });
      expect(other.canEdit).toBe(false);
    }
    const visitor = await poleLoader({ request: makeRequest('/poles/figeacteurs'), context, params: { slug: 'figeacteurs' } });
    expect(visitor.canEdit).toBe(false);
  });
});

describe('saving the profile', () => {
  test('every field is saved, the sectors replaced, and the pole page says so', async () => {
    const outcome = await save(validFields);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe('/poles/figeacteurs');
    expect((await flashOf(outcome, context))?.message).toBe('profile.notices.saved');

    const row = await poleRow();
    expect(row).toMatchObject({
      description: validFields.description,
      maturity: 'mature',
      foundedYear: 2011,
      memberCount: 45,
      animation: 'dedicated_team',
      website: 'https://www.figeacteurs.fr',
      publicContact: '05 65 34 00 00',
      mentoringCapacity: 3,
      languages: ['fr'],
    });
    expect(await sectorsOf(row.id)).toEqual([...validFields.sectors].sort());

    const page = await poleLoader({ request: makeRequest('/poles/figeacteurs'), context, params: { slug: 'figeacteurs' } });
    expect(page.pole.publicContact).toBe('05 65 34 00 00');
  });

  test('optional fields can be emptied, and no sector is allowed', async () => {
    const outcome = await save({ ...validFields, sectors: [], foundedYear: '', memberCount: '', website: '', publicContact: '', description: '' });
    expect(outcome.status).toBe(302);
    const row = await poleRow();
    expect(row).toMatchObject({ foundedYear: null, memberCount: null, website: null, publicContact: null, description: '' });
    expect(await sectorsOf(row.id)).toEqual([]);
  });

  test('an e-mail address is a valid public contact', async () => {
    expect((await save({ ...validFields, publicContact: 'contact@figeacteurs.fr' })).status).toBe(302);
    expect((await poleRow()).publicContact).toBe('contact@figeacteurs.fr');
  });
});

describe('bad input gets a French message beside its field, and nothing is saved', () => {
  const currentYear = new Date().getFullYear();
  const cases: Array<[string, Record<string, string | string[]>, string, string]> = [
    ['a description over 5000 characters', { description: 'a'.repeat(5001) }, 'description', 'profile.errors.descriptionTooLong'],
    [
      'seven sectors',
      { sectors: ['batiment', 'mobilite', 'finance', 'tourisme', 'commerce', 'numerique', 'textile-mode'] },
      'sectors',
      'profile.errors.tooManySectors',
    ],
    ['an unknown sector', { sectors: ['pas-une-filiere'] }, 'sectors[0]', 'profile.errors.unknownSector'],
    ['no maturity', { maturity: '' }, 'maturity', 'profile.errors.maturityRequired'],
    ['an unknown maturity', { maturity: 'legendary' }, 'maturity', 'profile.errors.maturityRequired'],
    ['a year before 1990', { foundedYear: '1989' }, 'foundedYear', 'profile.errors.foundedYearRange'],
    ['a year in the future', { foundedYear: String(currentYear + 1) }, 'foundedYear', 'profile.errors.foundedYearRange'],
    ['a year in words', { foundedYear: 'deux mille' }, 'foundedYear', 'profile.errors.foundedYearInvalid'],
    ['a negative member count', { memberCount: '-1' }, 'memberCount', 'profile.errors.memberCountRange'],
    ['too many members', { memberCount: '100001' }, 'memberCount', 'profile.errors.memberCountRange'],
    ['a fractional member count', { memberCount: '12.5' }, 'memberCount', 'profile.errors.memberCountInvalid'],
    ['no animation', { animation: 'sometimes' }, 'animation', 'profile.errors.animationRequired'],
    ['a javascript: website', { website: 'javascript:alert(1)' }, 'website', 'profile.errors.websiteInvalid'],
    ['an ftp website', { website: 'ftp://figeacteurs.fr' }, 'website', 'profile.errors.websiteInvalid'],
    ['a website without scheme', { website: 'www.figeacteurs.fr' }, 'website', 'profile.errors.websiteInvalid'],
    ['a contact that is neither', { publicContact: 'demandez à Claire' }, 'publicContact', 'profile.errors.contactInvalid'],
    ['a broken e-mail', { publicContact: 'claire@' }, 'publicContact', 'profile.errors.contactInvalid'],
    ['a contact over 120 characters', { publicContact: `${'a'.repeat(110)}@exemple.fr` }, 'publicContact', 'profile.errors.contactTooLong'],
  ];

  beforeEach(async () => {
    expect((await save(validFields)).status).toBe(302);
  });

  test.each(cases)('%s', async (_label, change, field, message) => {
    const before = await poleRow();
    const sectorsBefore = await sectorsOf(before.id);
    const outcome = await save({ ...validFields, ...change, description: change.description ?? 'Ne doit pas être enregistré.' });
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome)[field]).toContain(message);
    expect(inFrench(message)).toMatch(/\p{L}/u);
    const after = await poleRow();
    expect(after.description).toBe(before.description);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await sectorsOf(after.id)).toEqual(sectorsBefore);
  });

  test('several mistakes are all reported at once', async () => {
    const outcome = await save({ ...validFields, foundedYear: '1800', website: 'nope', publicContact: 'x' });
    expect(outcome.status).toBe(400);
    expect(Object.keys(fieldErrors(outcome)).sort()).toEqual(['foundedYear', 'publicContact', 'website']);
  });

  test('a form that is not multipart is refused', async () => {
    const request = makeRequest(path, { form: validFields, cookie: await cookieFor(admin) });
    expect((await settle(action({ request, context, params: { slug: 'figeacteurs' } }))).status).toBe(415);
  });
});

describe('a change of maturity is shown to the regional coordinator', () => {
  async function coordinationFor(email: string) {
    return coordinationLoader({ request: makeRequest('/coordination', { cookie: await cookieFor(email) }), context, params: {} });
  }

  test('a validated pole changing its maturity leaves one audit row, listed on /coordination', async () => {
    expect((await save({ ...validFields, maturity: 'mature' })).status).toBe(302);
    const pole = await poleRow();
    expect(pole.verifiedAt).not.toBeNull();
    const before = await maturityAudit(pole.id);

    expect((await save({ ...validFields, maturity: 'consolidating' })).status).toBe(302);
    const rows = await maturityAudit(pole.id);
    expect(rows).toHaveLength(before.length + 1);
    const [adminUser] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, admin));
    expect(rows.at(-1)).toMatchObject({
      data: { from: 'mature', to: 'consolidating' },
      reason: null,
      subjectType: 'pole',
      regionCode: '76',
      actorId: adminUser!.id,
    });

    // Saving again without changing the maturity logs nothing.
    expect((await save({ ...validFields, maturity: 'consolidating', description: 'Autre texte.' })).status).toBe(302);
    expect(await maturityAudit(pole.id)).toHaveLength(before.length + 1);

    const page = await coordinationFor('coord.occitanie@demo.ptce.fr');
    const occitanie = page.regions.find((region) => region.code === '76')!;
    expect(occitanie.maturityChanges[0]).toMatchObject({
      pole: { slug: 'figeacteurs', name: pole.name },
      from: 'mature',
      to: 'consolidating',
      actorName: adminUser!.name,
    });

    const aura = await coordinationFor('coord.aura@demo.ptce.fr');
    expect(aura.regions.flatMap((region) => region.maturityChanges).some((change) => change.pole.slug === 'figeacteurs')).toBe(false);
  });

  test('a pole not yet validated changes its maturity without any audit row', async () => {
    const pole = await createPole(db, { maturity: 'emerging' });
    const owner = await createUser(db, { email: `animation-${pole.slug}@exemple.fr`, name: 'Animatrice de test', password: 'mot-de-passe-de-test' });
    await addMembership(db, { userId: owner.id, poleId: pole.id, role: 'admin' });
    expect(pole.verifiedAt).toBeNull();

    const outcome = await save({ ...validFields, maturity: 'consolidating' }, owner.email, pole.slug);
    expect(outcome.status).toBe(302);
    expect((await poleRow(pole.slug)).maturity).toBe('consolidating');
    expect(await maturityAudit(pole.id)).toHaveLength(0);
  });

  test('the coordination page keeps only the 20 latest changes per region', async () => {
    const maturities = ['emerging', 'mature'];
    for (let index = 0; index < 22; index += 1) {
      expect((await save({ ...validFields, maturity: maturities[index % 2]! })).status).toBe(302);
    }
    const page = await coordinationFor('coord.occitanie@demo.ptce.fr');
    const changes = page.regions.find((region) => region.code === '76')!.maturityChanges;
    expect(changes).toHaveLength(20);
    expect(changes[0]).toMatchObject({ from: 'emerging', to: 'mature' });
  });
});

describe('two simultaneous edits', () => {
  test('the sectors are those of one edit or the other, never a mix', async () => {
    const first = { ...validFields, sectors: ['batiment', 'mobilite', 'finance'] };
    const second = { ...validFields, sectors: ['tourisme', 'commerce'] };
    for (let round = 0; round < 5; round += 1) {
      const outcomes = await Promise.all([save(first), save(second)]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([302, 302]);
      const chosen = await sectorsOf((await poleRow()).id);
      expect([[...first.sectors].sort(), [...second.sectors].sort()]).toContainEqual(chosen);
    }
  });

  test('two maturity changes at once are logged in a chain, each "from" being the value it replaced', async () => {
    expect((await save({ ...validFields, maturity: 'emerging' })).status).toBe(302);
    const pole = await poleRow();
    const before = (await maturityAudit(pole.id)).length;
    await Promise.all([save({ ...validFields, maturity: 'consolidating' }), save({ ...validFields, maturity: 'mature' })]);
    const changes = (await maturityAudit(pole.id)).slice(before).map((row) => [row.data.from, row.data.to]);
    expect(changes).toHaveLength(2);
    const firstChange = changes.find(([from]) => from === 'emerging')!;
    const secondChange = changes.find((change) => change !== firstChange)!;
    expect(secondChange[0]).toBe(firstChange[1]);
    expect((await poleRow()).maturity).toBe(secondChange[1]);
  });
});
