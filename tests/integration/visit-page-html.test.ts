import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { outbox, visits } from '#db/schema';
import { javaMissing, javaMissingReason, nuHtmlErrors } from '#tests/setup/html-checker';
import { plainBrowser, startTestServer } from '#tests/setup/server';
import { createGuestPole, createVisit } from '#tests/setup/visit-factories';

/**
 * The visit page over HTTP on the production build, as a browser without JavaScript uses it:
 * plain forms posted, a redirect, the flash note on the next page; its HTML is valid.
 */
const { origin, services, cookieFor } = await startTestServer();
const db = services.db;

const { page, submit } = plainBrowser(origin);

describe('the visit page without JavaScript', () => {
  test('a guest books with a plain form, a second pole waits and sees its position, the host sees names; valid HTML', async () => {
    const visit = await createVisit(db, { seats: 2, title: 'Visite des ateliers partagés' });
    await db.update(visits).set({ latitude: 44.608, longitude: 2.031 }).where(eq(visits.id, visit.id));
    const address = `/visites/${visit.id}`;
    const first = await createGuestPole(db);
    const second = await createGuestPole(db);
    const firstCookie = await cookieFor(first.admin.email);
    const secondCookie = await cookieFor(second.admin.email);
    const documents: string[] = [];

    const anonymous = await page(address);
    expect(anonymous.status).toBe(200);
    expect(anonymous.html).toContain('2 places restantes sur 2');
    // A visitor is told how a pole joins (issue 12): sign in and come back, or register the pole.
    expect(anonymous.html).toContain('Pour réserver une visite, votre pôle doit être inscrit sur Erasmus PTCE');
    expect(anonymous.html).toContain(`href="/connexion?redirectTo=${encodeURIComponent(address)}"`);
    expect(anonymous.html).toContain('href="/inscrire-mon-pole"');
    expect(anonymous.html).toContain('Figeac');
    expect(anonymous.html).toContain(`href="/visites/${visit.id}/calendrier"`);
    expect(anonymous.html).toContain('4 h');
    documents.push(anonymous.html);

    const form = await page(address, firstCookie);
    expect(form.html).toContain('name="participants"');
    expect(form.html).toContain('name="intent" value="book"');

    const invalid = await submit(address, firstCookie, [
      ['intent', 'book'],
      ['poleId', first.pole.id],
      ['participants', '\n  \n'],
    ]);
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('Nommez au moins un participant.');
    documents.push(invalid.html);

    const booked = await submit(address, firstCookie, [
      ['intent', 'book'],
      ['poleId', first.pole.id],
      ['participants', 'Anne Première\nBasile Premier'],
    ]);
    expect(booked.status).toBe(200);
    expect(booked.html).toContain('Votre réservation est confirmée.');
    expect(booked.html).toContain('0 place restante sur 2');
    expect(booked.html).toContain('Anne Première');
    documents.push(booked.html);

    await db.delete(outbox);
    const waiting = await submit(address, secondCookie, [
      ['intent', 'book'],
      ['poleId', second.pole.id],
      ['participants', 'Céline Seconde'],
    ]);
    expect(waiting.html).toContain('position 1');
    expect(waiting.html).toContain('Sur liste d’attente, en position 1');
    // Another pole never sees the first pole's participants.
    expect(waiting.html).not.toContain('Anne Première');
    // Its booking is shown; the booking form is not offered again.
    expect(waiting.html).not.toContain('name="intent" value="book"');
    documents.push(waiting.html);

    const host = await page(address, await cookieFor('figeacteurs@demo.ptce.fr'));
    expect(host.html).toContain('Anne Première');
    expect(host.html).toContain('Céline Seconde');
    expect(host.html).toContain('<caption');
    documents.push(host.html);

    const [mail] = await db.select().from(outbox).where(eq(outbox.to, second.admin.email));
    const leave = /\/visites\/[0-9a-f-]+\/liste-attente\/[A-Za-z0-9_-]+/.exec(mail!.text)![0];
    const leavePage = await page(leave);
    expect(leavePage.status).toBe(200);
    expect(leavePage.html).toContain('Quitter la liste d’attente');
    documents.push(leavePage.html);
    const left = await submit(leave, '', []);
    expect(left.html).toContain('Votre pôle a quitté la liste d’attente.');
    expect((await page(leave)).html).toContain('n’est plus sur la liste d’attente');

    if (javaMissing) console.warn(`\n⚠ HTML validity of these pages not checked: ${javaMissingReason}.\n`);
    else expect(await nuHtmlErrors(new Map(documents.map((html, index) => [`page-${index}`, html])))).toEqual([]);
  }, 120_000);
});
