import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import * as offerPage from '#app/routes/offres.$id';
import * as editOffer from '#app/routes/offres.$id_.modifier';
import * as newOffer from '#app/routes/offres.nouvelle';
import { offers } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { fieldErrors, idFromLocation, offerForm, poleIdOf, routeCaller, storedTags } from '#tests/setup/market-forms';
import { flashOf } from '#tests/setup/responses';

/** Editing offers (/offres/<id>/modifier) and changing their state (the form on /offres/<id>). */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const call = routeCaller(context, cookieFor);

const admin = 'figeacteurs@demo.ptce.fr';
const member = 'membre@demo.ptce.fr';
const outsiders: Array<[string, string | undefined, number]> = [
  ['a visitor (sent to sign in)', undefined, 302],
  ['a member of another pole', 'emergent@demo.ptce.fr', 404],
  ['the region’s coordinator', 'coord.occitanie@demo.ptce.fr', 404],
  ['the national admin', 'admin@demo.ptce.fr', 404],
];

let figeacteurs: string;
let offerId: string;
const original = () => offerForm({ poleId: figeacteurs, title: 'Notre savoir-faire juridique', topics: ['juridique'], sectors: ['batiment'] });

beforeAll(async () => {
  figeacteurs = await poleIdOf(db, 'figeacteurs');
});

// A fresh offer for each test, so no test depends on what another changed.
beforeEach(async () => {
  offerId = idFromLocation(await call(newOffer, '/offres/nouvelle', { as: admin, form: original() }));
});

async function offerRow() {
  const [row] = await db.select().from(offers).where(eq(offers.id, offerId));
  return row!;
}

function edit(form: Record<string, string | string[]>, as?: string) {
  return call(editOffer, `/offres/${offerId}/modifier`, { as, form, params: { id: offerId } });
}

function setState(state: string, as?: string) {
  return call(offerPage, `/offres/${offerId}`, { as, form: { intent: 'state', state }, params: { id: offerId } });
}

const edited = (overrides: Record<string, string | string[]> = {}) =>
  offerForm({ title: 'Notre savoir-faire en financement', topics: ['financement', 'communication'], sectors: [], capacity: '5', ...overrides });

describe('the edit page', () => {
  test('a member of the owning pole gets the form filled with the offer', async () => {
    const page = await call<{ offer: { fields: Record<string, unknown> } }>(editOffer, `/offres/${offerId}/modifier`, { as: member, params: { id: offerId } });
    expect(page.status).toBe(200);
    expect(page.data.offer.fields).toMatchObject({
      title: 'Notre savoir-faire juridique',
      topics: ['juridique'],
      sectors: ['batiment'],
      capacity: 3,
      languages: ['fr', 'en'],
    });
  });

  test.each(outsiders)('%s cannot open it (%i)', async (_who, email, status) => {
    const page = await call(editOffer, `/offres/${offerId}/modifier`, { as: email, params: { id: offerId } });
    expect(page.status).toBe(status);
    if (status === 302) expect(page.location).toMatch(/^\/connexion\?redirectTo=/);
  });

  test('an unknown or malformed id is not found', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nimporte-quoi']) {
      expect((await call(editOffer, `/offres/${id}/modifier`, { as: member, params: { id } })).status).toBe(404);
    }
  });
});

describe('saving an edit', () => {
  test('replaces the fields and the tags, recomputes the keywords, keeps the state and first publication', async () => {
    const before = await offerRow();
    const outcome = await edit(edited(), member);
    expect(outcome.location).toBe(`/offres/${offerId}`);
    expect(await flashOf(outcome, context)).toEqual({ message: 'market.notices.offerUpdated', values: { title: 'Notre savoir-faire en financement' } });

    const after = await offerRow();
    expect(after).toMatchObject({
      title: 'Notre savoir-faire en financement',
      capacity: 5,
      state: 'published',
      publishedAt: before.publishedAt,
      poleId: figeacteurs,
    });
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect((await storedTags(db, 'offer', [offerId])).get(offerId)).toEqual({ topics: ['communication', 'financement'], sectors: [] });
    expect(after.keywords).toContain('Fundraising');
    expect(after.keywords).not.toContain('Structuration juridique');
    expect(after.keywords).not.toContain('Bâtiment');
  });

  test.each(outsiders)('%s cannot save one (%i), and the offer is unchanged', async (_who, email, status) => {
    const outcome = await edit(edited(), email);
    expect(outcome.status).toBe(status);
    expect((await offerRow()).title).toBe('Notre savoir-faire juridique');
    expect((await storedTags(db, 'offer', [offerId])).get(offerId)?.topics).toEqual(['juridique']);
  });

  test('a bad field is answered beside it and nothing changes', async () => {
    const outcome = await edit(edited({ description: 'court' }), member);
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome).description).toEqual(['market.errors.bodyTooShort']);
    expect((await offerRow()).title).toBe('Notre savoir-faire juridique');
  });

  test('an unknown topic fails after the old tags were deleted: the rollback brings everything back', async () => {
    const outcome = await edit(edited({ topics: ['financement', 'pas-un-theme'] }), member);
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome).topics).toEqual(['market.errors.unknownTopic']);
    const row = await offerRow();
    expect(row.title).toBe('Notre savoir-faire juridique');
    expect(row.keywords).toContain('Structuration juridique');
    expect((await storedTags(db, 'offer', [offerId])).get(offerId)).toEqual({ topics: ['juridique'], sectors: ['batiment'] });
  });

  test('the pole cannot be changed by posting another one', async () => {
    const other = await poleIdOf(db, 'causses-cevennes-demo');
    expect((await edit(edited({ poleId: other }), member)).status).toBe(302);
    expect((await offerRow()).poleId).toBe(figeacteurs);
  });

  test('two edits at the same time both succeed; the last one wins whole, with no mixed or repeated tags', async () => {
    const first = edited({ title: 'Version A de l’offre', topics: ['juridique', 'gouvernance'], sectors: ['batiment'] });
    const second = edited({ title: 'Version B de l’offre', topics: ['financement', 'communication', 'tiers-lieu'], sectors: ['services-entreprises'] });
    const outcomes = await Promise.all([edit(first, member), edit(second, admin)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([302, 302]);

    const row = await offerRow();
    const winner = row.title === 'Version A de l’offre' ? first : second;
    expect(row.title).toBe(winner.title);
    expect((await storedTags(db, 'offer', [offerId])).get(offerId)).toEqual({
      topics: [...(winner.topics as string[])].sort(),
      sectors: [...(winner.sectors as string[])].sort(),
    });
  });
});

describe('changing the state', () => {
  test('a member pauses and republishes: the first publication date stays', async () => {
    const publishedAt = (await offerRow()).publishedAt;
    const paused = await setState('paused', member);
    expect(paused.location).toBe(`/offres/${offerId}`);
    expect(await flashOf(paused, context)).toEqual({ message: 'market.notices.offerState.paused', values: { title: 'Notre savoir-faire juridique' } });
    expect(await offerRow()).toMatchObject({ state: 'paused', publishedAt });

    await setState('published', member);
    expect(await offerRow()).toMatchObject({ state: 'published', publishedAt });
  });

  test('a draft gets its publication date when first published', async () => {
    offerId = idFromLocation(await call(newOffer, '/offres/nouvelle', { as: admin, form: offerForm({ poleId: figeacteurs, state: 'draft' }) }));
    expect((await offerRow()).publishedAt).toBeNull();
    await setState('published', member);
    const row = await offerRow();
    expect(row.state).toBe('published');
    expect(row.publishedAt).toBeInstanceOf(Date);
  });

  test('the pole admin closes the offer', async () => {
    expect((await setState('closed', admin)).status).toBe(302);
    expect((await offerRow()).state).toBe('closed');
  });

  test('an unknown state is answered beside the select', async () => {
    const outcome = await setState('archived', member);
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome).state).toEqual(['market.errors.stateRequired']);
    expect((await offerRow()).state).toBe('published');
  });

  test.each(outsiders)('%s cannot change it (%i)', async (_who, email, status) => {
    expect((await setState('closed', email)).status).toBe(status);
    expect((await offerRow()).state).toBe('published');
  });

  test('the page shows the state form to members only', async () => {
    const mine = await call<{ isOwner: boolean }>(offerPage, `/offres/${offerId}`, { as: member, params: { id: offerId } });
    const theirs = await call<{ isOwner: boolean }>(offerPage, `/offres/${offerId}`, { as: 'emergent@demo.ptce.fr', params: { id: offerId } });
    expect([mine.data.isOwner, theirs.data.isOwner]).toEqual([true, false]);
  });
});
