import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { poles } from '#db/schema';
import { createOffer, createPoleWithMember } from '#tests/setup/market-factories';
import { startTestServer } from '#tests/setup/server';

/**
 * The same, seen through the whole HTTP stack (needs `npm run build`): the page a person gets for
 * something they may not see is the page of an unknown address, word for word.
 */

const { origin, cookieFor, services } = await startTestServer();
const db = services.db;
const unknownId = '00000000-0000-4000-8000-000000000000';

const poleId = async (slug: string) => (await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, slug)))[0]!.id;
const figeacOffer = (await createOffer(db, { poleId: await poleId('figeacteurs') })).id;
const thirdPole = await createPoleWithMember(db, { verified: true });

/** Causses asks Figeacteurs about its offer: a conversation the third pole takes no part in. */
async function startConversation() {
  const response = await fetch(`${origin}/conversations/nouvelle?offre=${figeacOffer}`, {
    method: 'POST',
    headers: { Cookie: await cookieFor('emergent@demo.ptce.fr'), Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ poleId: await poleId('causses-cevennes-demo'), message: 'Bonjour, pouvons-nous venir voir votre offre ?' }),
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return response.headers.get('Location')!;
}
const conversation = await startConversation();

async function page(path: string, email: string) {
  const response = await fetch(`${origin}${path}`, { headers: { Cookie: await cookieFor(email) }, redirect: 'manual' });
  // What legitimately differs between two requests: the CSP nonce, and the address itself (language switch, sign-out form).
  const html = (await response.text())
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replaceAll(path, '{path}')
    .replaceAll(encodeURIComponent(path), '{path}');
  return {
    status: response.status,
    html,
    errorSection: /<section aria-labelledby="error-title".*?<\/section>/s.exec(html)?.[0],
    title: /<title>.*?<\/title>/s.exec(html)?.[0],
  };
}

describe('the page of something one may not see is the page of an unknown address', () => {
  test.each([
    ['another pole’s offer editor', 'emergent@demo.ptce.fr', () => `/offres/${figeacOffer}/modifier`, `/offres/${unknownId}/modifier`],
    ['another pole’s members', 'coord.aura@demo.ptce.fr', () => '/poles/figeacteurs/membres', '/poles/pas-un-pole/membres'],
    ['another pole’s profile editor', 'emergent@demo.ptce.fr', () => '/poles/figeacteurs/modifier', '/poles/pas-un-pole/modifier'],
    ['a conversation between other poles', thirdPole.email, () => conversation, `/conversations/${unknownId}`],
  ])('%s: the whole page is the same', async (_what, email, theirs, missing) => {
    const [refused, notFound] = await Promise.all([page(theirs(), email), page(missing, email)]);
    expect(notFound.status).toBe(404);
    expect(notFound.errorSection).toContain('Page introuvable');
    expect(refused).toEqual(notFound);
  });

  test.each([
    ['the coordination area, for a pole member', 'emergent@demo.ptce.fr', '/coordination'],
    ['the national administration, for a coordinator', 'coord.aura@demo.ptce.fr', '/admin'],
  ])('%s: the same error page as an unknown address', async (_what, email, path) => {
    const [refused, notFound] = await Promise.all([page(path, email), page('/pas-une-page', email)]);
    expect(refused.status).toBe(404);
    expect(refused.errorSection).toContain('Page introuvable');
    // Another route matched, so its scripts differ: the page shown is compared.
    expect([refused.title, refused.errorSection]).toEqual([notFound.title, notFound.errorSection]);
  });
});
