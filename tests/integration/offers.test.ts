import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import * as offerPage from '#app/routes/offres.$id';
import * as newOffer from '#app/routes/offres.nouvelle';
import { offers } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { fieldErrors, idFromLocation, offerForm, poleIdOf, routeCaller, storedTags, userIdOf } from '#tests/setup/market-forms';
import { createPoleWithMember } from '#tests/setup/market-factories';
import { flashOf, inFrench } from '#tests/setup/responses';

/** Creating offers (/offres/nouvelle) and reading them (/offres/<id>). Edits and states: offer-edits.test.ts. */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const call = routeCaller(context, cookieFor);

const admin = 'figeacteurs@demo.ptce.fr';
const member = 'membre@demo.ptce.fr';
const otherPole = 'emergent@demo.ptce.fr';
const coordinator = 'coord.occitanie@demo.ptce.fr';
const nationalAdmin = 'admin@demo.ptce.fr';

let figeacteurs: string;
beforeAll(async () => {
  figeacteurs = await poleIdOf(db, 'figeacteurs');
});

async function offersTitled(title: string) {
  return db.select().from(offers).where(eq(offers.title, title));
}

function create(form: Record<string, string | string[]>, as?: string) {
  return call(newOffer, '/offres/nouvelle', { as, form });
}

describe('the new offer page', () => {
  test('a visitor is sent to sign in, and comes back here after', async () => {
    const page = await call(newOffer, '/offres/nouvelle');
    expect(page.status).toBe(302);
    expect(page.location).toBe('/connexion?redirectTo=%2Foffres%2Fnouvelle');
  });

  test('a member of one validated pole gets the form with that pole chosen', async () => {
    const page = await call<{ poles: Array<{ id: string }>; unverifiedPoles: string[] }>(newOffer, '/offres/nouvelle', { as: member });
    expect(page.data.poles.map((pole) => pole.id)).toEqual([figeacteurs]);
    expect(page.data.unverifiedPoles).toEqual([]);
  });

  test('a pole waiting for validation is named, not offered, and explained in French', async () => {
    const waiting = await createPoleWithMember(db, { verified: false, name: 'Pôle en attente de validation' });
    const page = await call<{ poles: unknown[]; unverifiedPoles: string[] }>(newOffer, '/offres/nouvelle', { as: waiting.email });
    expect(page.data).toMatchObject({ poles: [], unverifiedPoles: ['Pôle en attente de validation'] });
    expect(inFrench('market.editor.unverified_one')).toMatch(/coordination régionale.*valider le pôle/);
  });

  test('someone in no pole (a coordinator, the national admin) gets the explanation, no form', async () => {
    for (const email of [coordinator, nationalAdmin]) {
      const page = await call<{ poles: unknown[]; unverifiedPoles: string[] }>(newOffer, '/offres/nouvelle', { as: email });
      expect(page.data).toMatchObject({ poles: [], unverifiedPoles: [] });
    }
  });
});

describe('creating an offer', () => {
  test('a member publishes: one offer, its tags and keywords, then its page with a note', async () => {
    const form = offerForm({ poleId: figeacteurs, title: 'Crèche inter-entreprises : notre montage' });
    const outcome = await create(form, member);
    const id = idFromLocation(outcome);
    expect(await flashOf(outcome, context)).toEqual({ message: 'market.notices.offerCreated', values: { title: form.title } });

    const [offer] = await offersTitled(form.title as string);
    expect(offer).toMatchObject({
      id,
      poleId: figeacteurs,
      createdById: await userIdOf(db, member),
      state: 'published',
      formats: ['learning_visit', 'remote_mentoring'],
      reach: 'national',
      languages: ['fr', 'en'],
      capacity: 3,
    });
    expect(offer!.publishedAt).toBeInstanceOf(Date);
    expect((await storedTags(db, 'offer', [id])).get(id)).toEqual({ topics: ['animation-cooperation', 'incubation'], sectors: ['services-entreprises'] });
    for (const name of ['Animation de la coopération', 'Animating cooperation', 'Services aux entreprises', 'Business services']) {
      expect(offer!.keywords).toContain(name);
    }
    // The keywords reach the search document: an English sector name finds the French offer.
    const found = await db
      .select({ id: offers.id })
      .from(offers)
      .where(and(eq(offers.id, id), sql`${offers.search} @@ plainto_tsquery('public.fr_unaccent', 'business')`));
    expect(found).toEqual([{ id }]);
  });

  test('a draft has no publication date', async () => {
    const outcome = await create(offerForm({ poleId: figeacteurs, title: 'Brouillon de notre offre', state: 'draft' }), admin);
    expect(outcome.status).toBe(302);
    const [offer] = await offersTitled('Brouillon de notre offre');
    expect(offer).toMatchObject({ state: 'draft', publishedAt: null });
  });

  const broken: Array<[string, Record<string, string | string[]>, string, string]> = [
    ['a title too short', { title: 'Abc' }, 'title', 'market.errors.titleTooShort'],
    ['a title too long', { title: 'T'.repeat(121) }, 'title', 'market.errors.titleTooLong'],
    ['no title', { title: '' }, 'title', 'market.errors.titleRequired'],
    ['a description too short', { description: 'Trop court.' }, 'description', 'market.errors.bodyTooShort'],
    ['a description too long', { description: 'd'.repeat(5001) }, 'description', 'market.errors.bodyTooLong'],
    ['no topic', { topics: [] }, 'topics', 'market.errors.topicsRequired'],
    [
      'six topics',
      { topics: ['juridique', 'financement', 'communication', 'gouvernance', 'incubation', 'tiers-lieu'] },
      'topics',
      'market.errors.topicsTooMany',
    ],
    [
      'six sectors',
      { sectors: ['batiment', 'services-entreprises', 'agriculture-alimentation', 'emploi-parcours', 'solidarite-democratie', 'eco-activites-recyclage'] },
      'sectors',
      'market.errors.sectorsTooMany',
    ],
    ['no format', { formats: [] }, 'formats', 'market.errors.formatsRequired'],
    ['an unknown format', { formats: ['teleportation'] }, 'formats[0]', 'market.errors.unknownChoice'],
    ['no reach', { reach: '' }, 'reach', 'market.errors.reachRequired'],
    ['no language', { languages: [] }, 'languages', 'market.errors.languagesRequired'],
    ['an unknown language', { languages: ['klingon'] }, 'languages[0]', 'market.errors.unknownChoice'],
    ['no capacity', { capacity: '' }, 'capacity', 'market.errors.capacityRequired'],
    ['a capacity of 0', { capacity: '0' }, 'capacity', 'market.errors.capacityRange'],
    ['a capacity of 51', { capacity: '51' }, 'capacity', 'market.errors.capacityRange'],
    ['a capacity of 2.5', { capacity: '2.5' }, 'capacity', 'market.errors.capacityInvalid'],
    ['a capacity in words', { capacity: 'trois' }, 'capacity', 'market.errors.capacityInvalid'],
    ['no pole', { poleId: '' }, 'poleId', 'market.errors.poleRequired'],
    ['a first state other than draft or published', { state: 'closed' }, 'state', 'market.errors.stateRequired'],
  ];

  test.each(broken)('%s is answered in French beside the field, and nothing is written', async (_case, override, field, key) => {
    const title = `Offre refusée ${field} ${key}`.slice(0, 110);
    const outcome = await create({ ...offerForm({ poleId: figeacteurs, title }), ...override }, member);
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome)[field]).toEqual([key]);
    expect(inFrench(key)).toBeTruthy();
    expect(await offersTitled(title)).toHaveLength(0);
  });

  test.each([
    ['topics', { topics: ['juridique', 'pas-un-theme'] }, 'market.errors.unknownTopic'],
    ['sectors', { sectors: ['pas-une-filiere'] }, 'market.errors.unknownSector'],
  ])('an unknown %s slug fails its insert: the whole save is rolled back and the field says why', async (field, override, key) => {
    const title = `Offre au ${field} inconnu`;
    const outcome = await create(offerForm({ poleId: figeacteurs, title, ...override }), member);
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome)[field]).toEqual([key]);
    expect(inFrench(key)).toMatch(/n’existe pas/);
    expect(await offersTitled(title)).toHaveLength(0);
  });

  test('another pole’s id is refused (404, as an unknown pole) and nothing is written', async () => {
    const outcome = await create(offerForm({ poleId: figeacteurs, title: 'Offre au nom d’un autre pôle' }), otherPole);
    expect(outcome.status).toBe(404);
    expect(await offersTitled('Offre au nom d’un autre pôle')).toHaveLength(0);
  });

  test('a pole waiting for validation cannot publish, even by posting its id', async () => {
    const waiting = await createPoleWithMember(db, { verified: false });
    const outcome = await create(offerForm({ poleId: waiting.pole.id, title: 'Offre d’un pôle non validé' }), waiting.email);
    expect(outcome.status).toBe(404);
    expect(await offersTitled('Offre d’un pôle non validé')).toHaveLength(0);
  });

  test.each([
    ['a coordinator', coordinator, 404],
    ['the national admin', nationalAdmin, 404],
    ['a visitor', undefined, 302],
  ])('%s cannot create an offer for a pole', async (_who, email, status) => {
    const title = `Offre tentée par ${email ?? 'un visiteur'}`;
    const outcome = await create(offerForm({ poleId: figeacteurs, title }), email);
    expect(outcome.status).toBe(status);
    expect(await offersTitled(title)).toHaveLength(0);
  });

  test('an unknown pole id is not found', async () => {
    const outcome = await create(offerForm({ poleId: '00000000-0000-4000-8000-000000000000' }), member);
    expect(outcome.status).toBe(404);
  });

  test('two offers created at the same time are two offers, each with its own tags', async () => {
    const first = offerForm({ poleId: figeacteurs, title: 'Offre simultanée A', topics: ['juridique'], sectors: [] });
    const second = offerForm({ poleId: figeacteurs, title: 'Offre simultanée B', topics: ['financement', 'communication'], sectors: ['batiment'] });
    const [a, b] = await Promise.all([create(first, member), create(second, admin)]);
    const ids = [idFromLocation(a), idFromLocation(b)];
    expect(new Set(ids).size).toBe(2);
    const tags = await storedTags(db, 'offer', ids);
    expect(tags.get(ids[0]!)).toEqual({ topics: ['juridique'], sectors: [] });
    expect(tags.get(ids[1]!)).toEqual({ topics: ['communication', 'financement'], sectors: ['batiment'] });
  });
});

describe('the offer page', () => {
  type Page = {
    offer: { id: string; title: string; pole: { slug: string; verified: boolean }; region: { name: string }; topics: Array<{ name: string }> };
    isOwner: boolean;
    canContact: boolean;
  };
  const offerIds: Record<string, string> = {};

  beforeAll(async () => {
    for (const state of ['published', 'draft', 'paused', 'closed'] as const) {
      const outcome = await create(
        offerForm({ poleId: figeacteurs, title: `Offre à l’état ${state}`, state: state === 'draft' ? 'draft' : 'published' }),
        admin,
      );
      offerIds[state] = idFromLocation(outcome);
      if (state === 'paused' || state === 'closed') {
        await call(offerPage, `/offres/${offerIds[state]}`, { as: admin, form: { intent: 'state', state }, params: { id: offerIds[state]! } });
      }
    }
  });

  function view(state: string, as?: string) {
    return call<Page>(offerPage, `/offres/${offerIds[state]}`, { as, params: { id: offerIds[state]! } });
  }

  test('a published offer is shown to everyone, with its pole, region and tags; visitors are told how to join', async () => {
    const page = await view('published');
    expect(page.status).toBe(200);
    expect(page.data.offer).toMatchObject({ title: 'Offre à l’état published', pole: { slug: 'figeacteurs', verified: true }, region: { name: 'Occitanie' } });
    expect(page.data.offer.topics.map((topic) => topic.name)).toEqual(['Animation de la coopération', 'Incubation de projets (« Start-up de territoire »)']);
    // Instead of a contact link that leads to sign-in, a visitor learns how a pole joins (issue 12).
    expect(page.data).toMatchObject({ isOwner: false, canContact: false, contactRefusal: null, joining: { regionCode: null } });
  });

  test('the contact link is for members of another pole, not for the owning pole nor people in no pole', async () => {
    expect((await view('published', otherPole)).data).toMatchObject({ isOwner: false, canContact: true });
    // Where the link is hidden, the page says why.
    expect((await view('published', member)).data).toMatchObject({ isOwner: true, canContact: false, contactRefusal: 'own-pole' });
    expect((await view('published', coordinator)).data).toMatchObject({ isOwner: false, canContact: false, contactRefusal: 'no-pole' });
  });

  test.each(['draft', 'paused', 'closed'])('a %s offer does not exist outside its pole (404), its members see it', async (state) => {
    for (const email of [undefined, otherPole, coordinator, nationalAdmin]) {
      expect((await view(state, email)).status).toBe(404);
    }
    const mine = await view(state, member);
    expect(mine.status).toBe(200);
    expect(mine.data).toMatchObject({ isOwner: true, canContact: false });
  });

  test('an unknown or malformed id is not found', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'pas-un-identifiant']) {
      expect((await call(offerPage, `/offres/${id}`, { params: { id } })).status).toBe(404);
    }
  });

  test('the page title is the offer’s title', async () => {
    const page = await view('published');
    const meta = offerPage.meta({ data: page.data, matches: [] } as unknown as Parameters<typeof offerPage.meta>[0]);
    expect(meta).toEqual([{ title: 'Offre à l’état published — Erasmus PTCE' }]);
  });
});
