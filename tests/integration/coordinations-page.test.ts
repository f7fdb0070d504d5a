import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { action as editContact, loader as contactPage } from '#app/routes/coordination.contact';
import { loader as coordinationsPage } from '#app/routes/coordinations';
import { offers, poleApplications, regionalBodies } from '#db/schema';
import { expectValidHtml, javaMissing, javaMissingReason, nuTestTitle } from '#tests/setup/html-checker';
import { makeRequest, routeArgs } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';
import { plainBrowser, startTestServer } from '#tests/setup/server';

/**
 * The public page of the regional coordinations (/coordinations), the form by which coordinators
 * keep their body's contact, and the joining pages as a browser without JavaScript gets them: every
 * one valid HTML.
 */

const { origin, context, services, cookieFor } = await startTestServer();
const { db } = services;
const { page, submit } = plainBrowser(origin);
if (javaMissing) console.warn(`\n⚠ HTML validity check skipped: ${javaMissingReason}.\n`);

const bodyBySlug = async (slug: string) => (await db.select().from(regionalBodies).where(eq(regionalBodies.slug, slug)))[0]!;
const occitanie = await bodyBySlug('cress-occitanie');
const aura = await bodyBySlug('cress-auvergne-rhone-alpes');

const contactAs = async (email: string, path = '/coordination/contact') =>
  settle(contactPage(routeArgs(context, makeRequest(path, { cookie: await cookieFor(email) }))));
const postContact = async (email: string, form: Record<string, string>) =>
  settle(editContact(routeArgs(context, makeRequest('/coordination/contact', { form, cookie: await cookieFor(email) }))));

describe('/coordinations', () => {
  test('every region with its body, public contact, coordinators and number of poles; regions without a body say who answers', async () => {
    const { regions } = await coordinationsPage(routeArgs(context, makeRequest('/coordinations')));
    expect(regions).toHaveLength(18);
    const occitan = regions.find((region) => region.code === '76')!;
    expect(occitan).toMatchObject({
      name: 'Occitanie',
      body: { name: 'CRESS Occitanie', contactEmail: 'contact.occitanie@demo.ptce.fr', contactPhone: '01 99 00 00 76', website: null },
      coordinators: ['Inès Garcia (démo)'],
    });
    expect(occitan.poleCount).toBeGreaterThan(10);
    expect(regions.find((region) => region.code === '84')!.body).toMatchObject({ contactEmail: 'contact.aura@demo.ptce.fr' });
    expect(regions.find((region) => region.code === '94')).toMatchObject({ name: 'Corse', body: null, coordinators: [], poleCount: 0 });

    const html = (await page('/coordinations')).html;
    expect(html).toContain('href="mailto:contact.occitanie@demo.ptce.fr"');
    expect(html).toContain('href="tel:0199000076"');
    expect(html).toContain('href="/inscrire-mon-pole?region=76"');
    expect(html).toContain('examinées par l’équipe nationale d’Erasmus PTCE');
  });
});

describe('a body’s public contact', () => {
  test('its coordinator sees their body; another body’s page is a 404 for them, not for the national admin', async () => {
    expect((await contactAs('coord.occitanie@demo.ptce.fr')).data).toMatchObject({ body: { id: occitanie.id, name: 'CRESS Occitanie' } });
    expect((await contactAs('coord.occitanie@demo.ptce.fr', '/coordination/contact?instance=cress-auvergne-rhone-alpes')).status).toBe(404);
    expect((await contactAs('admin@demo.ptce.fr', '/coordination/contact?instance=cress-auvergne-rhone-alpes')).data.body).toMatchObject({ id: aura.id });
    for (const email of ['membre@demo.ptce.fr', 'observateur@demo.ptce.fr']) expect((await contactAs(email)).status, email).toBe(404);
  });

  test('bad values are answered beside their fields, nothing saved', async () => {
    const outcome = await postContact('coord.occitanie@demo.ptce.fr', {
      bodyId: occitanie.id,
      contactEmail: 'pas-une-adresse',
      contactPhone: 'appelez-nous',
      website: 'javascript:alert(1)',
    });
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error).toEqual({
      contactEmail: ['joining.errors.emailInvalid'],
      contactPhone: ['joining.errors.phoneInvalid'],
      website: ['joining.errors.websiteInvalid'],
    });
    expect(await bodyBySlug('cress-occitanie')).toMatchObject({
      contactEmail: 'contact.occitanie@demo.ptce.fr',
      contactPhone: '01 99 00 00 76',
      website: null,
    });
  });

  test('saved by its coordinator and shown on the public page; an empty field clears it; another body’s is refused', async () => {
    const outcome = await postContact('coord.occitanie@demo.ptce.fr', {
      bodyId: occitanie.id,
      contactEmail: 'Accueil@Cress-Occitanie.example',
      contactPhone: '+33 5 61 00 00 00',
      website: 'https://cress-occitanie.example/ptce',
    });
    expect(outcome).toMatchObject({ status: 302, location: '/coordination/contact?instance=cress-occitanie' });
    expect(await bodyBySlug('cress-occitanie')).toMatchObject({
      contactEmail: 'accueil@cress-occitanie.example',
      contactPhone: '+33 5 61 00 00 00',
      website: 'https://cress-occitanie.example/ptce',
    });
    const html = (await page('/coordinations')).html;
    expect(html).toContain('href="tel:+33561000000"');
    expect(html).toContain('href="https://cress-occitanie.example/ptce"');

    expect((await postContact('coord.occitanie@demo.ptce.fr', { bodyId: occitanie.id, contactEmail: 'accueil@cress-occitanie.example' })).status).toBe(302);
    expect(await bodyBySlug('cress-occitanie')).toMatchObject({ contactPhone: null, website: null });

    const refused = await postContact('coord.occitanie@demo.ptce.fr', { bodyId: aura.id, contactEmail: 'pirate@exemple.fr' });
    expect(refused.status).toBe(404);
    expect((await bodyBySlug('cress-auvergne-rhone-alpes')).contactEmail).toBe('contact.aura@demo.ptce.fr');
    expect(
      (await postContact('admin@demo.ptce.fr', { bodyId: aura.id, contactEmail: 'contact.aura@demo.ptce.fr', website: 'https://aura.example' })).status,
    ).toBe(302);
  });
});

describe('the joining pages without JavaScript', () => {
  const documents = new Map<string, string>();
  let applicationId = '';

  beforeAll(async () => {
    const [offer] = await db.select({ id: offers.id }).from(offers).where(eq(offers.state, 'published')).limit(1);
    const visitorOffer = await page(`/offres/${offer!.id}`);
    documents.set('offer, visitor', visitorOffer.html);
    documents.set('/inscrire-mon-pole', (await page('/inscrire-mon-pole?region=84')).html);
    documents.set('/coordinations', (await page('/coordinations')).html);
    documents.set('/connexion', (await page('/connexion')).html);
    const invalid = await submit('/inscrire-mon-pole', '', {
      poleName: 'P',
      town: 'Nyons',
      postalCode: '2611',
      regionCode: '84',
      contactName: 'K',
      contactEmail: 'x',
      description: '',
    });
    documents.set('/inscrire-mon-pole, errors', invalid.html);
    const coordinator = await cookieFor('coord.aura@demo.ptce.fr');
    documents.set('/coordination/inscriptions', (await page('/coordination/inscriptions', coordinator)).html);
    documents.set('/coordination/contact', (await page('/coordination/contact', coordinator)).html);
  });

  test('the applications desk and the contact page share one frame: title, links, and a chooser only for a person with several', async () => {
    const chooser = (name: string) => new RegExp(`<form method="get"[^>]*>.*?<select[^>]*name="${name}"`, 's');
    const coordinator = await cookieFor('coord.aura@demo.ptce.fr');
    const desk = (await page('/coordination/inscriptions', coordinator)).html;
    expect(desk).toContain('<h1 class="text-3xl font-bold">Demandes d’inscription</h1>');
    expect(desk).toMatch(/<a [^>]*href="\/coordination"[^>]*>Bureau des jumelages/);
    expect(desk).toMatch(/<a [^>]*href="\/coordination\/contact"[^>]*>Contact public de mon instance<\/a>/);
    expect(desk).not.toMatch(chooser('region'));
    const contact = (await page('/coordination/contact', coordinator)).html;
    expect(contact).toContain('<h1 class="text-3xl font-bold">Contact public de l’instance régionale</h1>');
    expect(contact).toMatch(/<a [^>]*href="\/coordination\/inscriptions"[^>]*>Demandes d’inscription<\/a>/);
    expect(contact).toMatch(/<a [^>]*href="\/coordinations"[^>]*>Voir la page publique<\/a>/);
    expect(contact).not.toMatch(chooser('instance'));

    // The national admin has every region and every body: each page offers the choice, as a plain GET form.
    const admin = await cookieFor('admin@demo.ptce.fr');
    const adminDesk = (await page('/coordination/inscriptions?region=84', admin)).html;
    expect(adminDesk).toMatch(chooser('region'));
    expect(adminDesk).toContain('<option value="">Toutes mes régions</option>');
    expect(adminDesk).toContain('<option value="84" selected="">');
    expect(adminDesk).toMatch(/<a [^>]*href="\/coordination\?region=84"/);
    const adminContact = (await page(`/coordination/contact?instance=${aura.slug}`, admin)).html;
    expect(adminContact).toMatch(chooser('instance'));
    expect(adminContact).toContain(`<option value="${aura.slug}" selected="">`);
    documents.set('/coordination/inscriptions?region=84 (national admin)', adminDesk);
    documents.set('/coordination/contact (national admin)', adminContact);
  });

  test('a visitor on an offer is told how to join instead of being sent to sign in', () => {
    const html = documents.get('offer, visitor')!;
    expect(html).toContain('Pour demander un accompagnement, votre pôle doit être inscrit sur Erasmus PTCE');
    expect(html).toContain('href="/connexion?redirectTo=%2Foffres%2F');
    expect(html).toContain('href="/coordinations"');
    expect(html).not.toContain('href="/conversations/nouvelle?offre=');
    expect(documents.get('/connexion')).toContain('href="/inscrire-mon-pole"');
  });

  test('the form preselects the region, answers errors beside the fields, and a plain post lands on the receipt', async () => {
    expect(documents.get('/inscrire-mon-pole')).toMatch(/<option value="84" selected="">/);
    const errors = documents.get('/inscrire-mon-pole, errors')!;
    expect(errors).toContain('Saisissez un code postal français à 5 chiffres, par exemple 46100.');
    expect(errors).toContain('aria-invalid="true"');

    const sent = await submit('/inscrire-mon-pole', '', {
      poleName: 'Pôle sans JavaScript (test)',
      town: 'Nyons',
      postalCode: '26110',
      regionCode: '84',
      contactName: 'Karim Test',
      contactEmail: 'sans-js@exemple.fr',
      description: 'Une coopération d’entreprises et d’associations autour du réemploi et de l’énergie.',
      website: '',
      nickname: '',
    });
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('Un e-mail de confirmation vient de vous être envoyé.');
    expect(sent.html).toContain('a été transmise à CRESS Auvergne-Rhône-Alpes, coordination régionale de la région Auvergne-Rhône-Alpes');
    const [row] = await db.select().from(poleApplications).where(eq(poleApplications.contactEmail, 'sans-js@exemple.fr'));
    expect(row).toMatchObject({ state: 'pending', regionCode: '84', website: null });
    applicationId = row!.id;
    documents.set('receipt', sent.html);
    const deskHtml = (await page('/coordination/inscriptions', await cookieFor('coord.aura@demo.ptce.fr'))).html;
    expect(deskHtml).toContain('Pôle sans JavaScript (test)');
    documents.set('/coordination/inscriptions, with the new one', deskHtml);
  });

  test.skipIf(javaMissing)(
    nuTestTitle,
    async () => {
      expect(applicationId).not.toBe('');
      await expectValidHtml(documents);
    },
    120_000,
  );
});
