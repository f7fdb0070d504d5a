import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import * as requestPage from '#app/routes/demandes.$id';
import * as editRequest from '#app/routes/demandes.$id_.modifier';
import * as newRequest from '#app/routes/demandes.nouvelle';
import { requests } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { fieldErrors, idFromLocation, poleIdOf, requestForm, routeCaller, storedTags, userIdOf } from '#tests/setup/market-forms';
import { createPoleWithMember } from '#tests/setup/market-factories';
import { flashOf, inFrench } from '#tests/setup/responses';

/** Requests (« demandes »): creation, page, edits and states, for each role. */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const call = routeCaller(context, cookieFor);

const emergent = 'emergent@demo.ptce.fr';
const figeacteursMember = 'membre@demo.ptce.fr';
const coordinator = 'coord.occitanie@demo.ptce.fr';
const nationalAdmin = 'admin@demo.ptce.fr';
const outsiders: Array<[string, string | undefined, number]> = [
  ['a visitor (sent to sign in)', undefined, 302],
  ['a member of another pole', figeacteursMember, 404],
  ['the region’s coordinator', coordinator, 404],
  ['the national admin', nationalAdmin, 404],
];

let causses: string;
beforeAll(async () => {
  causses = await poleIdOf(db, 'causses-cevennes-demo');
});

async function requestsTitled(title: string) {
  return db.select().from(requests).where(eq(requests.title, title));
}

function create(form: Record<string, string | string[]>, as?: string) {
  return call(newRequest, '/demandes/nouvelle', { as, form });
}

describe('publishing a request', () => {
  test('the form offers the person’s validated pole; a pole waiting for validation is explained instead', async () => {
    const page = await call<{ poles: Array<{ id: string }>; unverifiedPoles: string[] }>(newRequest, '/demandes/nouvelle', { as: emergent });
    expect(page.data.poles.map((pole) => pole.id)).toEqual([causses]);

    const waiting = await createPoleWithMember(db, { verified: false, name: 'Pôle pas encore validé' });
    const blocked = await call<{ poles: unknown[]; unverifiedPoles: string[] }>(newRequest, '/demandes/nouvelle', { as: waiting.email });
    expect(blocked.data).toMatchObject({ poles: [], unverifiedPoles: ['Pôle pas encore validé'] });

    expect((await call(newRequest, '/demandes/nouvelle')).status).toBe(302);
  });

  test('a member publishes: the request is open, tagged, with keywords, and its page says so', async () => {
    const form = requestForm({ poleId: causses });
    const outcome = await create(form, emergent);
    const id = idFromLocation(outcome);
    expect(await flashOf(outcome, context)).toEqual({ message: 'market.notices.requestCreated', values: { title: form.title } });
    const [row] = await requestsTitled(form.title as string);
    expect(row).toMatchObject({
      id,
      poleId: causses,
      createdById: await userIdOf(db, emergent),
      state: 'open',
      urgency: 'high',
      preferredFormats: ['remote_mentoring'],
    });
    expect((await storedTags(db, 'request', [id])).get(id)).toEqual({ topics: ['gouvernance', 'juridique'], sectors: ['batiment'] });
    for (const name of ['Structuration juridique', 'Legal structuring', 'Gouvernance', 'Bâtiment']) expect(row!.keywords).toContain(name);
  });

  test.each([
    ['a context too short', { context: 'Court.' }, 'context', 'market.errors.bodyTooShort'],
    ['no topic', { topics: [] }, 'topics', 'market.errors.topicsRequired'],
    ['no preferred format', { preferredFormats: [] }, 'preferredFormats', 'market.errors.formatsRequired'],
    ['no urgency', { urgency: '' }, 'urgency', 'market.errors.urgencyRequired'],
    ['an unknown urgency', { urgency: 'hier' }, 'urgency', 'market.errors.urgencyRequired'],
    ['a title too short', { title: 'Aide' }, 'title', 'market.errors.titleTooShort'],
  ])('%s is answered in French beside the field, and nothing is written', async (_case, override, field, key) => {
    const title = `Demande refusée ${field} ${key}`;
    const outcome = await create({ ...requestForm({ poleId: causses, title }), ...override }, emergent);
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome)[field]).toEqual([key]);
    expect(inFrench(key)).toBeTruthy();
    expect(await requestsTitled(title)).toHaveLength(0);
  });

  test('an unknown topic fails its insert: nothing is half-saved', async () => {
    const outcome = await create(requestForm({ poleId: causses, title: 'Demande au thème inconnu', topics: ['pas-un-theme'] }), emergent);
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome).topics).toEqual(['market.errors.unknownTopic']);
    expect(await requestsTitled('Demande au thème inconnu')).toHaveLength(0);
  });

  test.each([
    ['a member of another pole posting this pole’s id', figeacteursMember, 404],
    ['the region’s coordinator', coordinator, 404],
    ['the national admin', nationalAdmin, 404],
    ['a visitor', undefined, 302],
  ])('%s cannot publish for the pole', async (_who, email, status) => {
    const title = `Demande tentée par ${email ?? 'un visiteur'}`;
    expect((await create(requestForm({ poleId: causses, title }), email)).status).toBe(status);
    expect(await requestsTitled(title)).toHaveLength(0);
  });

  test('a pole waiting for validation cannot publish, even by posting its id', async () => {
    const waiting = await createPoleWithMember(db, { verified: false });
    expect((await create(requestForm({ poleId: waiting.pole.id, title: 'Demande d’un pôle non validé' }), waiting.email)).status).toBe(404);
    expect(await requestsTitled('Demande d’un pôle non validé')).toHaveLength(0);
  });

  test('two requests published at the same time are two requests, each with its own tags', async () => {
    const first = requestForm({ poleId: causses, title: 'Demande simultanée A', topics: ['financement'], sectors: [] });
    const second = requestForm({ poleId: causses, title: 'Demande simultanée B', topics: ['communication'], sectors: ['batiment'] });
    const ids = (await Promise.all([create(first, emergent), create(second, emergent)])).map(idFromLocation);
    const tags = await storedTags(db, 'request', ids);
    expect(tags.get(ids[0]!)).toEqual({ topics: ['financement'], sectors: [] });
    expect(tags.get(ids[1]!)).toEqual({ topics: ['communication'], sectors: ['batiment'] });
  });
});

describe('an existing request', () => {
  let requestId: string;

  beforeEach(async () => {
    requestId = idFromLocation(await create(requestForm({ poleId: causses }), emergent));
  });

  async function requestRow() {
    const [row] = await db.select().from(requests).where(eq(requests.id, requestId));
    return row!;
  }
  const view = (as?: string) =>
    call<{ need: Record<string, unknown>; isOwner: boolean; canContact: boolean }>(requestPage, `/demandes/${requestId}`, { as, params: { id: requestId } });
  const edit = (form: Record<string, string | string[]>, as?: string) =>
    call(editRequest, `/demandes/${requestId}/modifier`, { as, form, params: { id: requestId } });
  const setState = (state: string, as?: string) =>
    call(requestPage, `/demandes/${requestId}`, { as, form: { intent: 'state', state }, params: { id: requestId } });
  const edited = (overrides: Record<string, string | string[]> = {}) =>
    requestForm({ title: 'Trouver des financements européens', topics: ['financement'], sectors: [], urgency: 'low', ...overrides });

  test('its page is public, shows the pole and region, offers help to other poles only and tells visitors how to join', async () => {
    const page = await view();
    expect(page.status).toBe(200);
    expect(page.data.need).toMatchObject({ pole: { slug: 'causses-cevennes-demo', verified: true }, region: { name: 'Occitanie' }, urgency: 'high' });
    expect(page.data).toMatchObject({ isOwner: false, canContact: false, visitorMayHelp: true });
    expect((await view(figeacteursMember)).data).toMatchObject({ isOwner: false, canContact: true, visitorMayHelp: false });
    expect((await view(emergent)).data).toMatchObject({ isOwner: true, canContact: false, contactRefusal: 'own-pole' });
    expect((await view(coordinator)).data).toMatchObject({ isOwner: false, canContact: false, contactRefusal: 'no-pole' });
    const meta = requestPage.meta({ data: page.data, matches: [] } as unknown as Parameters<typeof requestPage.meta>[0]);
    expect(meta).toEqual([{ title: 'Choisir la forme juridique de notre pôle — Erasmus PTCE' }]);
  });

  test('an answered or closed request stays public but no longer asks for help', async () => {
    for (const state of ['answered', 'closed']) {
      await setState(state, emergent);
      const page = await view(figeacteursMember);
      expect(page.status).toBe(200);
      expect(page.data.canContact).toBe(false);
    }
    expect((await call(requestPage, '/demandes/xyz', { params: { id: 'xyz' } })).status).toBe(404);
  });

  test('a member edits it: fields and tags replaced, keywords recomputed, then its page with a note', async () => {
    const page = await call<{ request: { fields: Record<string, unknown> } }>(editRequest, `/demandes/${requestId}/modifier`, {
      as: emergent,
      params: { id: requestId },
    });
    expect(page.data.request.fields).toMatchObject({ topics: ['gouvernance', 'juridique'], sectors: ['batiment'], urgency: 'high' });

    const outcome = await edit(edited(), emergent);
    expect(outcome.location).toBe(`/demandes/${requestId}`);
    expect(await flashOf(outcome, context)).toEqual({ message: 'market.notices.requestUpdated', values: { title: 'Trouver des financements européens' } });
    const row = await requestRow();
    expect(row).toMatchObject({ title: 'Trouver des financements européens', urgency: 'low', state: 'open' });
    expect(row.keywords).toContain('Fundraising');
    expect(row.keywords).not.toContain('Gouvernance');
    expect((await storedTags(db, 'request', [requestId])).get(requestId)).toEqual({ topics: ['financement'], sectors: [] });
  });

  test.each(outsiders)('%s can neither open the edit page, nor save, nor change the state (%i)', async (_who, email, status) => {
    expect((await call(editRequest, `/demandes/${requestId}/modifier`, { as: email, params: { id: requestId } })).status).toBe(status);
    expect((await edit(edited(), email)).status).toBe(status);
    expect((await setState('closed', email)).status).toBe(status);
    expect(await requestRow()).toMatchObject({ title: 'Choisir la forme juridique de notre pôle', state: 'open' });
  });

  test('an unknown sector on edit rolls everything back, old tags included', async () => {
    const outcome = await edit(edited({ sectors: ['pas-une-filiere'] }), emergent);
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome).sectors).toEqual(['market.errors.unknownSector']);
    expect((await requestRow()).title).toBe('Choisir la forme juridique de notre pôle');
    expect((await storedTags(db, 'request', [requestId])).get(requestId)).toEqual({ topics: ['gouvernance', 'juridique'], sectors: ['batiment'] });
  });

  test('two edits at the same time: the last one wins whole, no mixed tags', async () => {
    const first = edited({ title: 'Version A de la demande', topics: ['juridique', 'gouvernance'], sectors: ['batiment'] });
    const second = edited({ title: 'Version B de la demande', topics: ['communication'], sectors: ['services-entreprises'] });
    expect((await Promise.all([edit(first, emergent), edit(second, emergent)])).map((outcome) => outcome.status)).toEqual([302, 302]);
    const row = await requestRow();
    const winner = row.title === 'Version A de la demande' ? first : second;
    expect((await storedTags(db, 'request', [requestId])).get(requestId)).toEqual({
      topics: [...(winner.topics as string[])].sort(),
      sectors: [...(winner.sectors as string[])].sort(),
    });
  });

  test('a member moves it through its states; an unknown state is answered beside the select', async () => {
    for (const state of ['in_progress', 'answered', 'closed', 'open']) {
      const outcome = await setState(state, emergent);
      expect(outcome.location).toBe(`/demandes/${requestId}`);
      expect((await flashOf(outcome, context))?.message).toBe(`market.notices.requestState.${state}`);
      expect((await requestRow()).state).toBe(state);
    }
    const refused = await setState('draft', emergent);
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused).state).toEqual(['market.errors.stateRequired']);
  });
});
