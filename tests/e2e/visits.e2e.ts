import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, screenshot, signIn, skipReason, useBrowser } from './browser';

/**
 * The learning-visit journey (issue 10): Figeacteurs opens a visit with 2 seats; the demo emerging
 * pole books both; the Cantal pole is put on the waiting list and reads its position (with and
 * without JavaScript); the emerging pole cancels; the Cantal pole's open page shows, without a
 * reload, that its booking is now confirmed; the visit's .ics file gives the Paris wall time.
 */

const title = 'Journée portes ouvertes de la SCIC';

/** A date `days` from now, as the form's date field takes it (YYYY-MM-DD, Paris calendar). */
function parisDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** Figeacteurs' admin fills the « Proposer une visite apprenante » form; returns the visit's address. */
async function hostAVisit(page: Page, date: string): Promise<string> {
  await page.goto('/visites/nouvelle');
  await page.getByRole('heading', { level: 1, name: 'Proposer une visite apprenante' }).waitFor();
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Programme de la journée').fill('Accueil, visite des ateliers partagés, déjeuner avec les coopérateurs.');
  await page.getByRole('group', { name: 'Thèmes (1 à 5)' }).getByRole('checkbox').first().check();
  await page.getByLabel('Date', { exact: true }).fill(date);
  await page.getByLabel('Heure de début (heure de Paris)').fill('09:30');
  await page.getByLabel('Adresse').fill('2 place Champollion');
  await page.getByLabel('Commune').fill('Figeac');
  await page.getByLabel('Nombre de places').fill('2');
  await page.getByLabel('Date limite de réservation').fill(parisDate(39));
  await page.getByLabel('Heure limite de réservation (heure de Paris)').fill('18:00');
  await page.getByLabel('Confirmées aussitôt, tant qu’il reste des places').check();
  await page.getByLabel('Gratuit').check();
  await page.getByRole('button', { name: 'Proposer la visite' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/visites\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByText('2 places restantes sur 2').first().waitFor();
  return new URL(page.url()).pathname;
}

/** A pole admin books the visit for the named participants (one per line). */
async function book(page: Page, visit: string, participants: string[]) {
  await page.goto(visit);
  await page.getByLabel('Participants').fill(participants.join('\n'));
  await page.getByRole('button', { name: 'Réserver' }).click();
}

describe.skipIf(!chromiumPath)(`learning-visit journey${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('a 2-seat visit: booked in full, a waiting pole sees its position, a cancellation promotes it live; the .ics keeps Paris time', async () => {
    const host = await browser.newPage();
    await signIn(host, 'figeacteurs@demo.ptce.fr');
    const date = parisDate(40);
    const visit = await hostAVisit(host, date);
    await browser.expectAccessible(host);
    await screenshot(host, 'visit-created');

    const emerging = await browser.newPage();
    await signIn(emerging, 'emergent@demo.ptce.fr');
    await book(emerging, visit, ['Nicolas Roux', 'Anne Vidal']);
    await emerging.getByText('Votre réservation est confirmée.').waitFor();
    await emerging.getByText('0 place restante sur 2').first().waitFor();
    await browser.expectAccessible(emerging);

    const cantal = await browser.newPage();
    await signIn(cantal, 'cantal@demo.ptce.fr');
    await book(cantal, visit, ['Julie Moreau']);
    await cantal.getByText('La visite est complète : votre pôle est sur la liste d’attente, position 1.').waitFor();
    await cantal.getByText('Sur liste d’attente, en position 1').waitFor();
    // Another pole's participants are never shown to a guest.
    expect(await cantal.getByText('Anne Vidal').count()).toBe(0);
    await browser.expectAccessible(cantal);
    await screenshot(cantal, 'visit-waiting');

    // Without JavaScript, the position is on the page as served.
    const cantalPlain = await browser.newPage({ javaScriptEnabled: false });
    await signIn(cantalPlain, 'cantal@demo.ptce.fr');
    await cantalPlain.goto(visit);
    await cantalPlain.getByText('Sur liste d’attente, en position 1').waitFor();

    // The host reads every booking, names included, in arrival order.
    await host.goto(visit);
    const bookings = host.getByRole('table', { name: 'Réservations de la visite, dans l’ordre d’arrivée' });
    await bookings.getByText('Anne Vidal').waitFor();
    await bookings.getByText('Julie Moreau').waitFor();
    await screenshot(host, 'visit-host-bookings');

    // The emerging pole cancels; the Cantal page, left open, is promoted without a reload.
    await emerging.goto(visit);
    const own = emerging.getByRole('region', { name: 'La réservation de mon pôle' });
    await own.getByLabel('Motif').fill('Notre conseil d’administration a été déplacé ce jour-là.');
    await own.getByRole('button', { name: 'Annuler la réservation' }).click();
    await emerging.getByText('La réservation est annulée.').waitFor();
    await cantal.getByRole('region', { name: 'La réservation de mon pôle' }).getByText('Confirmée').waitFor({ timeout: 10_000 });
    expect(await cantal.getByText('Sur liste d’attente, en position 1').count()).toBe(0);
    await screenshot(cantal, 'visit-promoted');
    await cantalPlain.reload();
    await cantalPlain.getByRole('region', { name: 'La réservation de mon pôle' }).getByText('Confirmée').waitFor();

    // The calendar file, read by a calendar parser: 09:30 in Paris on the chosen day.
    const response = await cantal.request.get(`${visit}/calendrier`);
    expect(response.status()).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe(`${date}T09:30:00`);
    const start = new ICAL.Event(event).startDate.toJSDate();
    const wall = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(start);
    expect(wall).toBe('09:30');
    expect(new ICAL.Event(event).summary).toBe(title);
  });
});
