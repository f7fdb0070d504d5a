import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import type { AppContext } from '#app/context.server';
import * as anyOtherUrl from '#app/routes/$';
import * as admin from '#app/routes/admin';
import * as conversationPage from '#app/routes/conversations.$id';
import * as newConversation from '#app/routes/conversations.nouvelle';
import * as coordination from '#app/routes/coordination';
import * as requestPage from '#app/routes/demandes.$id';
import * as editRequest from '#app/routes/demandes.$id_.modifier';
import * as newRequest from '#app/routes/demandes.nouvelle';
import * as offerPage from '#app/routes/offres.$id';
import * as editOffer from '#app/routes/offres.$id_.modifier';
import * as newOffer from '#app/routes/offres.nouvelle';
import * as members from '#app/routes/poles.$slug_.membres';
import * as editPole from '#app/routes/poles.$slug_.modifier';
import { poles } from '#db/schema';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { createOffer, createPoleWithMember, createRequest } from '#tests/setup/market-factories';
import { offerForm, requestForm } from '#tests/setup/market-forms';

/**
 * What a person may not see answers as if it did not exist: for each page and action about one
 * record, a signed-in person without the right gets the very answer of an unknown id (status,
 * status text, body, headers), so the error page rendered from it is the same too.
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

type Form = Record<string, string | string[]>;
type Handler = (args: { request: Request; context: AppContext; params: Record<string, string> }) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- routes answer many shapes; only the refusal is read
type Route = { loader?: (...args: any[]) => unknown; action?: (...args: any[]) => unknown };
type Call = { route: Route; path: string; params?: Record<string, string>; form?: Form };

/** The Response a loader (GET) or an action (POST with `form`) threw, read whole. */
async function refusal(call: Call, email: string) {
  const handler = (call.form ? call.route.action : call.route.loader) as Handler;
  const request = makeRequest(call.path, { cookie: await cookieFor(email), form: call.form });
  let thrown: unknown;
  try {
    const answered = await handler({ request, context, params: call.params ?? {} });
    throw new Error(`${call.path} answered instead of refusing: ${JSON.stringify(answered)?.slice(0, 200)}`);
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof Response)) throw thrown;
  return { status: thrown.status, statusText: thrown.statusText, body: await thrown.text(), headers: Object.fromEntries(thrown.headers) };
}

const unknownId = '00000000-0000-4000-8000-000000000000';
const outsider = 'emergent@demo.ptce.fr';
const aura = 'coord.aura@demo.ptce.fr';

let figeac: string;
let offerId: string;
let draftId: string;
let requestId: string;
let threadId: string;
/** A member of a pole that takes no part in the conversation. */
const thirdPoleMember = (await createPoleWithMember(db, { verified: true })).email;

beforeAll(async () => {
  const [row] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'figeacteurs'));
  figeac = row!.id;
  offerId = (await createOffer(db, { poleId: figeac })).id;
  draftId = (await createOffer(db, { poleId: figeac, state: 'draft', publishedAt: null })).id;
  requestId = (await createRequest(db, { poleId: figeac })).id;
  // Causses (emergent@) asks Figeacteurs about its offer: a conversation the third pole is not part of.
  const started = await newConversation.action({
    request: makeRequest(`/conversations/nouvelle?offre=${offerId}`, {
      cookie: await cookieFor(outsider),
      form: {
        poleId: (await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'causses-cevennes-demo')))[0]!.id,
        message: 'Bonjour, pouvons-nous venir voir votre offre ?',
      },
    }),
    context,
    params: {},
  });
  threadId = (started as Response).headers.get('Location')!.replace('/conversations/', '');
});

/** [what, who asks, the call about a record that exists but is not theirs, the same call about one that does not exist] */
const cases: Array<[string, string, () => Call, () => Call]> = [
  [
    'the edit page of another pole’s offer',
    outsider,
    () => ({ route: editOffer, path: `/offres/${offerId}/modifier`, params: { id: offerId } }),
    () => ({ route: editOffer, path: `/offres/${unknownId}/modifier`, params: { id: unknownId } }),
  ],
  [
    'saving another pole’s offer',
    outsider,
    () => ({ route: editOffer, path: `/offres/${offerId}/modifier`, params: { id: offerId }, form: offerForm() }),
    () => ({ route: editOffer, path: `/offres/${unknownId}/modifier`, params: { id: unknownId }, form: offerForm() }),
  ],
  [
    'changing the state of another pole’s offer',
    outsider,
    () => ({ route: offerPage, path: `/offres/${offerId}`, params: { id: offerId }, form: { intent: 'state', state: 'closed' } }),
    () => ({ route: offerPage, path: `/offres/${unknownId}`, params: { id: unknownId }, form: { intent: 'state', state: 'closed' } }),
  ],
  [
    'another pole’s draft offer',
    outsider,
    () => ({ route: offerPage, path: `/offres/${draftId}`, params: { id: draftId } }),
    () => ({ route: offerPage, path: `/offres/${unknownId}`, params: { id: unknownId } }),
  ],
  [
    'creating an offer for another pole',
    outsider,
    () => ({ route: newOffer, path: '/offres/nouvelle', form: offerForm({ poleId: figeac }) }),
    () => ({ route: newOffer, path: '/offres/nouvelle', form: offerForm({ poleId: unknownId }) }),
  ],
  [
    'the edit page of another pole’s request',
    outsider,
    () => ({ route: editRequest, path: `/demandes/${requestId}/modifier`, params: { id: requestId } }),
    () => ({ route: editRequest, path: `/demandes/${unknownId}/modifier`, params: { id: unknownId } }),
  ],
  [
    'saving another pole’s request',
    outsider,
    () => ({ route: editRequest, path: `/demandes/${requestId}/modifier`, params: { id: requestId }, form: requestForm() }),
    () => ({ route: editRequest, path: `/demandes/${unknownId}/modifier`, params: { id: unknownId }, form: requestForm() }),
  ],
  [
    'changing the state of another pole’s request',
    outsider,
    () => ({ route: requestPage, path: `/demandes/${requestId}`, params: { id: requestId }, form: { intent: 'state', state: 'closed' } }),
    () => ({ route: requestPage, path: `/demandes/${unknownId}`, params: { id: unknownId }, form: { intent: 'state', state: 'closed' } }),
  ],
  [
    'creating a request for another pole',
    outsider,
    () => ({ route: newRequest, path: '/demandes/nouvelle', form: requestForm({ poleId: figeac }) }),
    () => ({ route: newRequest, path: '/demandes/nouvelle', form: requestForm({ poleId: unknownId }) }),
  ],
  [
    'a conversation between two other poles',
    thirdPoleMember,
    () => ({ route: conversationPage, path: `/conversations/${threadId}`, params: { id: threadId } }),
    () => ({ route: conversationPage, path: `/conversations/${unknownId}`, params: { id: unknownId } }),
  ],
  [
    'answering in a conversation between two other poles',
    thirdPoleMember,
    () => ({ route: conversationPage, path: `/conversations/${threadId}`, params: { id: threadId }, form: { poleId: figeac, message: 'Je m’invite.' } }),
    () => ({ route: conversationPage, path: `/conversations/${unknownId}`, params: { id: unknownId }, form: { poleId: figeac, message: 'Je m’invite.' } }),
  ],
  [
    'the members of a pole one is not in, outside one’s region',
    aura,
    () => ({ route: members, path: '/poles/figeacteurs/membres', params: { slug: 'figeacteurs' } }),
    () => ({ route: members, path: '/poles/pas-un-pole/membres', params: { slug: 'pas-un-pole' } }),
  ],
  [
    'inviting a member into a pole one does not run',
    outsider,
    () => ({
      route: members,
      path: '/poles/figeacteurs/membres',
      params: { slug: 'figeacteurs' },
      form: { intent: 'invite-member', email: 'intrus@example.fr' },
    }),
    () => ({
      route: members,
      path: '/poles/pas-un-pole/membres',
      params: { slug: 'pas-un-pole' },
      form: { intent: 'invite-member', email: 'intrus@example.fr' },
    }),
  ],
  [
    'the profile editor of another pole',
    outsider,
    () => ({ route: editPole, path: '/poles/figeacteurs/modifier', params: { slug: 'figeacteurs' } }),
    () => ({ route: editPole, path: '/poles/pas-un-pole/modifier', params: { slug: 'pas-un-pole' } }),
  ],
  [
    'saving the profile of another pole',
    outsider,
    () => ({ route: editPole, path: '/poles/figeacteurs/modifier', params: { slug: 'figeacteurs' }, form: { description: 'Pris en main par un autre pôle.' } }),
    () => ({ route: editPole, path: '/poles/pas-un-pole/modifier', params: { slug: 'pas-un-pole' }, form: { description: 'Pris en main par un autre pôle.' } }),
  ],
  [
    'validating a pole outside one’s regions',
    aura,
    () => ({ route: coordination, path: '/coordination', form: { intent: 'validate', poleId: figeac } }),
    () => ({ route: coordination, path: '/coordination', form: { intent: 'validate', poleId: unknownId } }),
  ],
  [
    'the coordination area, for a pole member',
    outsider,
    () => ({ route: coordination, path: '/coordination' }),
    () => ({ route: anyOtherUrl, path: '/pas-une-page' }),
  ],
  ['the national administration, for a coordinator', aura, () => ({ route: admin, path: '/admin' }), () => ({ route: anyOtherUrl, path: '/pas-une-page' })],
];

describe('a record one may not see answers exactly as one that does not exist', () => {
  test.each(cases)('%s', async (_what, email, theirs, missing) => {
    const [refused, notFound] = await Promise.all([refusal(theirs(), email), refusal(missing(), email)]);
    expect(notFound.status).toBe(404);
    expect(refused).toEqual(notFound);
  });
});
