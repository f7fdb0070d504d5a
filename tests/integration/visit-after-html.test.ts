import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { poles, users, visits } from '#db/schema';
import { demoPastVisit, insertBooking } from '#db/seed/visits';
import { javaMissing, javaMissingReason, nuHtmlErrors } from '#tests/setup/html-checker';
import { plainBrowser, startTestServer } from '#tests/setup/server';
import { createVisit } from '#tests/setup/visit-factories';

/**
 * The pages after a visit over HTTP on the production build, as a browser without JavaScript uses
 * them: attendance posted with plain radios, the printable sheet, feedback given with a plain form,
 * the pole page's record in French number format; their HTML is valid.
 */
const { origin, services, cookieFor } = await startTestServer();
const db = services.db;
const dayMs = 24 * 60 * 60 * 1000;

const { page, submit } = plainBrowser(origin);

/** The value of every `name="…"` hidden input, in order. */
const hiddenValues = (html: string, name: RegExp) =>
  [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]+)"/g)]
    .filter((match) => name.test(match[1]!))
    .map((match): [string, string] => [match[1]!, match[2]!]);

describe('the pages after a visit, without JavaScript', () => {
  test('the host marks attendance and prints the sheet; the pole that came gives its feedback; the pole page shows « 4,5/5 sur 2 avis »; valid HTML', async () => {
    const host = await cookieFor('figeacteurs@demo.ptce.fr');
    const guest = await cookieFor('emergent@demo.ptce.fr');
    const documents = new Map<string, string>();
    const [past] = await db.select({ id: visits.id }).from(visits).where(eq(visits.title, demoPastVisit.title));

    // The seeded visit: already marked, already rated.
    const seeded = await page(`/visites/${past!.id}/avis`, guest);
    expect(seeded.status).toBe(200);
    expect(seeded.html).toContain(demoPastVisit.feedback.learned);
    documents.set('seeded feedback, guest', seeded.html);

    // A visit held yesterday, the demo emerging pole booked, nothing marked yet.
    const startsAt = new Date(Date.now() - dayMs);
    const visit = await createVisit(db, { startsAt, bookingDeadline: new Date(startsAt.getTime() - dayMs), title: 'Visite des jardins partagés' });
    const [causses] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'causses-cevennes-demo'));
    const [booker] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'emergent@demo.ptce.fr'));
    await insertBooking(db, {
      visitId: visit.id,
      poleId: causses!.id,
      bookedById: booker!.id,
      participants: [{ name: 'Odile Présente' }, { name: 'Paul Absent' }],
    });

    const visitPage = await page(`/visites/${visit.id}`, host);
    expect(visitPage.html).toContain('Après la visite');
    expect(visitPage.html).toContain(`href="/visites/${visit.id}/presences"`);
    expect(visitPage.html).toContain(`href="/visites/${visit.id}/emargement"`);
    // Once begun: no seat count, no edit link, no form to cancel a booking.
    expect(visitPage.html).not.toMatch(/places? restantes?/);
    expect(visitPage.html).not.toContain(`href="/visites/${visit.id}/modifier"`);
    expect(visitPage.html).not.toContain('value="cancelBooking"');
    documents.set('visit page, host', visitPage.html);

    const attendance = await page(`/visites/${visit.id}/presences`, host);
    expect(attendance.status).toBe(200);
    expect(attendance.html).toContain('<legend');
    expect(attendance.html).toContain('Odile Présente');
    documents.set('attendance', attendance.html);
    const ids = hiddenValues(attendance.html, /^participants\[\d+\]\.id$/);
    expect(ids).toHaveLength(2);
    // Sorted by name: Odile first, Paul second.
    const nothing = await submit(`/visites/${visit.id}/presences`, host, [...ids]);
    expect(nothing.status).toBe(400);
    expect(nothing.html).toContain('Indiquez pour au moins un participant s’il est venu.');
    documents.set('attendance, refused', nothing.html);
    const marked = await submit(`/visites/${visit.id}/presences`, host, [...ids, ['participants[0].attended', 'came'], ['participants[1].attended', 'absent']]);
    expect(marked.status).toBe(200);
    expect(marked.html).toContain('Les présences de « Visite des jardins partagés » sont enregistrées.');
    expect(marked.html).toContain('1 présent(s), 1 absent(s), 0 non noté(s)');

    const sheet = await page(`/visites/${visit.id}/emargement`, host);
    expect(sheet.status).toBe(200);
    expect(sheet.html).toContain('Signature');
    expect(sheet.html).toContain('Paul Absent');
    // The print button needs JavaScript: without, the page says how to print.
    expect(sheet.html).not.toContain('>Imprimer<');
    expect(sheet.html).toContain('Ctrl+P');
    expect(sheet.html).toMatch(/<header class="[^"]*print:hidden/);
    documents.set('sheet', sheet.html);
    expect((await page(`/visites/${visit.id}/emargement`, guest)).status).toBe(404);

    const form = await page(`/visites/${visit.id}/avis`, guest);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="rating"');
    expect(form.html).not.toContain('Odile');
    documents.set('feedback form', form.html);
    const [[, bookingId]] = hiddenValues(form.html, /^bookingId$/) as [[string, string]];
    const invalid = await submit(`/visites/${visit.id}/avis`, guest, [
      ['bookingId', bookingId],
      ['rating', '9'],
      ['learned', ' '],
      ['willApply', 'Des jardins partagés.'],
    ]);
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('La note est un nombre entier de 1 à 5.');
    expect(invalid.html).toContain('Dites ce que votre pôle a appris.');
    documents.set('feedback form, refused', invalid.html);
    const given = await submit(`/visites/${visit.id}/avis`, guest, [
      ['bookingId', bookingId],
      ['rating', '4'],
      ['learned', 'Animer un jardin avec les habitants.'],
      ['willApply', 'Des jardins partagés.'],
    ]);
    expect(given.html).toContain('l’avis de votre pôle sur « Visite des jardins partagés » est enregistré');

    const read = await page(`/visites/${visit.id}/avis`, await cookieFor('coord.occitanie@demo.ptce.fr'));
    expect(read.html).toContain('Note moyenne : 4/5 sur 1 avis');
    expect(read.html).toContain('Animer un jardin avec les habitants.');
    documents.set('feedback, coordinator', read.html);

    const pole = await page('/poles/figeacteurs');
    expect(pole.html).toContain('2 visites apprenantes accueillies');
    expect(pole.html).toContain('Note des pôles venus : 4,5/5 sur 2 avis');
    expect(pole.html).toContain('Prochaines visites');
    documents.set('pole page', pole.html);

    if (javaMissing) console.warn(`\n⚠ HTML validity of these pages not checked: ${javaMissingReason}.\n`);
    else expect(await nuHtmlErrors(documents)).toEqual([]);
  }, 120_000);
});
