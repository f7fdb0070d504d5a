import { desc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { sendThreadDigest } from '#app/models/conversation-digests.server';
import { loader as rootLoader } from '#app/root';
import { action as accountAction, loader as accountPage } from '#app/routes/compte';
import { action as signIn } from '#app/routes/connexion';
import { action as startConversation } from '#app/routes/conversations.nouvelle';
import { action as invitationAction } from '#app/routes/invitation.$token';
import { action as switchLanguage } from '#app/routes/langue';
import { action as forgotPassword } from '#app/routes/mot-de-passe-oublie';
import { action as membersAction } from '#app/routes/poles.$slug_.membres';
import { outbox, poles, users } from '#db/schema';
import { addMembership, createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { createOffer } from '#tests/setup/market-factories';
import { flashOf, settle, type Outcome } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const { db } = services;

const password = 'mot de passe de test';
let counter = 0;
/** A person of their own, so tests never depend on each other's language changes. */
async function newPerson(language: 'fr' | 'en' = 'fr') {
  counter += 1;
  const person = await createUser(db, { email: `langue-${counter}@example.fr`, name: `Personne ${counter}`, password });
  await db.update(users).set({ language }).where(eq(users.id, person.id));
  return person;
}

const languageOf = async (email: string) => (await db.select({ language: users.language }).from(users).where(eq(users.email, email)))[0]!.language;

/** The `lng` value an answer sets, if any. */
const languageCookieOf = (outcome: Outcome) =>
  outcome.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .find((pair) => pair.startsWith('lng='));

/** Mails are queued in the outbox in the transaction of the act, so the row is there once the action answers. */
async function lastMailTo(email: string) {
  const [mail] = await db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt));
  return mail!;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let clientCounter = 0;
const fromNewAddress = () => ({ ...context, clientIp: `10.9.0.${++clientCounter}` });

describe('the language switch', () => {
  const post = (form: Record<string, string>, cookie?: string) => settle(switchLanguage(routeArgs(context, makeRequest('/langue', { form, cookie }))));

  test('saves the language on the account of a signed-in person, and sets the cookie', async () => {
    const person = await newPerson();
    const outcome = await post({ lng: 'en', redirectTo: '/offres' }, await cookieFor(person.email));
    expect(outcome).toMatchObject({ status: 302, location: '/offres' });
    expect(languageCookieOf(outcome)).toBe('lng=ImVuIg%3D%3D');
    expect(await languageOf(person.email)).toBe('en');
    await post({ lng: 'fr', redirectTo: '/' }, await cookieFor(person.email));
    expect(await languageOf(person.email)).toBe('fr');
  });

  test('for a visitor it only sets the cookie; an unknown language changes nothing', async () => {
    const before = await db.select({ id: users.id, language: users.language }).from(users).orderBy(users.id);
    const visitor = await post({ lng: 'en', redirectTo: '/' });
    expect(visitor.status).toBe(302);
    expect(languageCookieOf(visitor)).toBeDefined();
    const person = await newPerson();
    const unknown = await post({ lng: 'de', redirectTo: '/' }, await cookieFor(person.email));
    expect(languageCookieOf(unknown)).toBeUndefined();
    expect(await languageOf(person.email)).toBe('fr');
    const after = await db.select({ id: users.id, language: users.language }).from(users).orderBy(users.id);
    expect(after.filter((row) => row.id !== person.id)).toEqual(before);
  });
});

describe('/compte: the language form', () => {
  const post = (form: Record<string, string>, cookie: string) => settle(accountAction(routeArgs(context, makeRequest('/compte', { form, cookie }))));

  test('shows the saved language and changes it; the next page is in the new language', async () => {
    const person = await newPerson();
    const cookie = await cookieFor(person.email);
    expect((await settle(accountPage(routeArgs(context, makeRequest('/compte', { cookie }))))).data.user.language).toBe('fr');
    const outcome = await post({ intent: 'change-language', language: 'en' }, cookie);
    expect(outcome).toMatchObject({ status: 302, location: '/compte' });
    expect(await flashOf(outcome, context)).toEqual({ message: 'account.language.changed' });
    expect(await languageOf(person.email)).toBe('en');
    const page = await settle(rootLoader(routeArgs(context, makeRequest('/compte', { cookie: `${cookie}; ${languageCookieOf(outcome)}` }))));
    expect(page.data.locale).toBe('en');
    expect((await settle(accountPage(routeArgs(context, makeRequest('/compte', { cookie }))))).data.user.language).toBe('en');
  });

  test('an unknown or missing language is refused beside the field, and nothing is saved', async () => {
    const person = await newPerson('en');
    const cookie = await cookieFor(person.email);
    for (const form of [{ intent: 'change-language', language: 'de' }, { intent: 'change-language' }] as Array<Record<string, string>>) {
      const outcome = await post(form, cookie);
      expect(outcome.status).toBe(400);
      expect(outcome.data).toMatchObject({ intent: 'change-language', success: null });
      expect(outcome.data.result.error.language).toEqual(['account.language.unknown']);
      expect(languageCookieOf(outcome)).toBeUndefined();
    }
    expect(await languageOf(person.email)).toBe('en');
  });
});

describe('sign-in', () => {
  const signInAs = (email: string, cookie?: string) =>
    settle(signIn(routeArgs(fromNewAddress(), makeRequest('/connexion', { form: { email, password, redirectTo: '/offres' }, cookie }))));

  test('an English-speaking person gets English pages, even from a browser left in French', async () => {
    const person = await newPerson('en');
    const outcome = await signInAs(person.email, 'lng=ImZyIg%3D%3D');
    expect(outcome).toMatchObject({ status: 302, location: '/offres' });
    const cookies = outcome.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
    expect(cookies).toContain('lng=ImVuIg%3D%3D');
    const page = await settle(rootLoader(routeArgs(context, makeRequest('/offres', { cookie: cookies.join('; ') }))));
    expect(page.data).toMatchObject({ locale: 'en', user: { name: person.email.replace(/^langue-(\d+).*$/, 'Personne $1') } });
  });

  test('a French-speaking person gets French pages', async () => {
    const person = await newPerson('fr');
    const outcome = await signInAs(person.email, 'lng=ImVuIg%3D%3D');
    expect(languageCookieOf(outcome)).toBe('lng=ImZyIg%3D%3D');
  });
});

describe('mails in the recipient’s language', () => {
  test('a reset mail to an English-speaking person is in English; to a French-speaking one, in French', async () => {
    const english = await newPerson('en');
    const french = await newPerson('fr');
    for (const person of [english, french]) {
      const outcome = await settle(forgotPassword(routeArgs(fromNewAddress(), makeRequest('/mot-de-passe-oublie', { form: { email: person.email } }))));
      expect(outcome.status).toBe(200);
    }
    const inEnglish = await lastMailTo(english.email);
    expect(inEnglish.subject).toBe('Choose a new Erasmus PTCE password');
    expect(inEnglish.text).toMatch(/^Hello Personne \d+,/);
    expect(inEnglish.text).toMatch(/Choose a new password: http:\/\/localhost:3000\/reinitialiser\/[A-Za-z0-9_-]+\?lng=en/);
    expect(inEnglish.html).toContain('<html lang="en">');
    expect(inEnglish.html).toContain('<title>Choose a new Erasmus PTCE password</title>');
    expect(inEnglish.html).toContain('You asked to choose a new password');
    const inFrench = await lastMailTo(french.email);
    expect(inFrench.subject).toBe('Choisir un nouveau mot de passe Erasmus PTCE');
    expect(inFrench.text).toContain('Choisir un nouveau mot de passe : http://localhost:3000/reinitialiser/');
    expect(inFrench.html).toContain('<html lang="fr">');
  });

  test('an invitation is in the inviter’s language; the account created from it keeps that language', async () => {
    await db.update(users).set({ language: 'en' }).where(eq(users.email, 'figeacteurs@demo.ptce.fr'));
    try {
      const invited = `invite-en-${++counter}@example.fr`;
      const sent = await settle(
        membersAction(
          routeArgs(
            context,
            makeRequest('/poles/figeacteurs/membres', {
              form: { intent: 'invite-member', email: invited },
              cookie: await cookieFor('figeacteurs@demo.ptce.fr'),
            }),
            { slug: 'figeacteurs' },
          ),
        ),
      );
      expect(sent.status).toBe(200);
      const mail = await lastMailTo(invited);
      expect(mail.subject).toBe('Claire Dubois (démo) invites you to Erasmus PTCE');
      expect(mail.text).toMatch(/^Hello,/);
      expect(mail.text).toContain('invites you to join the pole “');
      expect(mail.html).toContain('<html lang="en">');
      const link = new URL(mail.text.match(/Accept the invitation: (\S+)/)![1]!);
      expect(link.searchParams.get('lng')).toBe('en');
      const token = link.pathname.replace('/invitation/', '');

      // The page opened from the link is in English, so the account created there is too.
      const created = await settle(
        invitationAction(
          routeArgs(
            fromNewAddress(),
            makeRequest(`${link.pathname}${link.search}`, { form: { intent: 'create-account', name: 'New Person', password, confirmPassword: password } }),
            { token },
          ),
        ),
      );
      expect(created.status).toBe(302);
      expect(await languageOf(invited)).toBe('en');
      expect(languageCookieOf(created)).toBe('lng=ImVuIg%3D%3D');
    } finally {
      await db.update(users).set({ language: 'fr' }).where(eq(users.email, 'figeacteurs@demo.ptce.fr'));
    }
  });

  test('a conversation digest reaches each admin of the other pole in their own language', async () => {
    const [figeac] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
    const [causses] = await db.select().from(poles).where(eq(poles.slug, 'causses-cevennes-demo'));
    const offer = await createOffer(db, { poleId: figeac!.id, title: 'Monter une crèche inter-entreprises' });
    const english = await newPerson('en');
    await addMembership(db, { userId: english.id, poleId: figeac!.id, role: 'admin' });
    const message = 'Bonjour, notre pôle émergent aimerait comprendre comment vous avez monté votre SCIC.';
    const outcome = await settle(
      startConversation(
        routeArgs(
          context,
          makeRequest(`/conversations/nouvelle?offre=${offer.id}`, {
            form: { poleId: causses!.id, message },
            cookie: await cookieFor('emergent@demo.ptce.fr'),
          }),
        ),
      ),
    );
    expect(outcome.status).toBe(302);
    const threadId = outcome.location!.replace('/conversations/', '');
    // What the digest job does for each admin once its quarter hour comes.
    const [frenchAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'figeacteurs@demo.ptce.fr'));
    for (const userId of [english.id, frenchAdmin!.id]) {
      expect(await sendThreadDigest(db, services, { userId, threadId })).toMatchObject({ status: 'mailed', count: 1 });
    }
    const inEnglish = await lastMailTo(english.email);
    // The digest's wording is its own (conversation-digests.server.ts); here: English words, English punctuation.
    expect(inEnglish.subject).toMatch(new RegExp(`${literal(` from ${causses!.name}: Monter une crèche inter-entreprises`)}$`));
    expect(inEnglish.text).toMatch(/^Hello Personne \d+,/);
    expect(inEnglish.text).toContain(message);
    expect(inEnglish.text).toContain(`Read and reply: http://localhost:3000/conversations/${threadId}`);
    expect(inEnglish.html).toContain('<html lang="en">');
    const inFrench = await lastMailTo('figeacteurs@demo.ptce.fr');
    expect(inFrench.subject).toMatch(new RegExp(`${literal(` de ${causses!.name} : Monter une crèche inter-entreprises`)}$`));
    expect(inFrench.text).toContain(`Lire et répondre : http://localhost:3000/conversations/${threadId}`);
    expect(inFrench.html).toContain('<html lang="fr">');
  });
});
