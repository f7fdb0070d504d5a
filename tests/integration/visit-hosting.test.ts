import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import * as twinningRoute from '#app/routes/jumelages.$id';
import * as newVisit from '#app/routes/visites.nouvelle';
import { offers, twinnings, visitTopics, visits } from '#db/schema';
import { fieldErrors, userIdOf } from '#tests/setup/market-forms';
import { createPoleWithMember } from '#tests/setup/market-factories';
import { flashOf, inFrench } from '#tests/setup/responses';
import { createGuestPole } from '#tests/setup/visit-factories';
import { coordinator, host, idFrom, member, otherAdmin, setupHosting } from './visit-hosting-fixtures';

/** Hosting a learning visit (issue 10, point 1): /visites/nouvelle. Edits and cancellation: visit-hosting-edits.test.ts. */

const { context, db, call, pole, visitForm, create, visitRow, auditOf } = await setupHosting();

describe('the new visit page', () => {
  test('a pole admin gets the form with their validated pole chosen', async () => {
    const page = await call<{ hosts: Array<{ id: string }>; defaultValue: Record<string, unknown> }>(newVisit, '/visites/nouvelle', { as: host });
    expect(page.status).toBe(200);
    expect(page.data.hosts.map((item) => item.id)).toEqual([pole.figeacteurs]);
    expect(page.data.defaultValue).toMatchObject({ poleId: pole.figeacteurs, time: '09:30', bookingMode: 'instant' });
  });

  test('a member who is not admin, a coordinator, an unvalidated pole’s admin get no pole to host for', async () => {
    const unvalidated = await createPoleWithMember(db, { verified: false, role: 'admin' });
    for (const email of [member, coordinator, unvalidated.email]) {
      const page = await call<{ hosts: unknown[] }>(newVisit, '/visites/nouvelle', { as: email });
      expect(page.data.hosts).toEqual([]);
    }
  });

  test('?offre= pre-fills from one of the pole’s offers; another pole’s offer is a 404', async () => {
    const [offer] = await db.select().from(offers).where(eq(offers.poleId, pole.figeacteurs)).limit(1);
    expect(offer).toBeDefined();
    const page = await call<{ defaultValue: Record<string, unknown> }>(newVisit, `/visites/nouvelle?offre=${offer!.id}`, { as: host });
    expect(page.data.defaultValue).toMatchObject({ offerId: offer!.id, title: offer!.title, poleId: pole.figeacteurs });
    expect((page.data.defaultValue.topics as string[]).length).toBeGreaterThan(0);
    expect((await call(newVisit, `/visites/nouvelle?offre=${offer!.id}`, { as: otherAdmin })).status).toBe(404);
    expect((await call(newVisit, '/visites/nouvelle?offre=pas-un-id', { as: host })).status).toBe(404);
  });
});

describe('creating a visit', () => {
  test('the Paris time entered is stored in UTC (summer and winter), with topics and audit, then the visit’s page', async () => {
    const summer = visitForm({ date: '2027-03-31', time: '09:30' });
    const outcome = await create(summer);
    expect(outcome.status).toBe(302);
    const id = idFrom(outcome.location);
    expect(await flashOf(outcome, context)).toEqual({ message: 'visitHosting.notices.created', values: { title: summer.title } });
    const row = await visitRow(id);
    expect(row.startsAt.toISOString()).toBe('2027-03-31T07:30:00.000Z');
    expect(row.bookingDeadline.toISOString()).toBe('2027-03-24T17:00:00.000Z');
    expect(row).toMatchObject({
      poleId: pole.figeacteurs,
      title: summer.title,
      seats: 10,
      durationMinutes: 240,
      bookingMode: 'instant',
      costs: 'travel_covered',
      state: 'scheduled',
      createdById: await userIdOf(db, host),
    });
    // Coordinates left empty: the host pole's.
    expect(row.latitude).not.toBeNull();
    expect(row.longitude).not.toBeNull();
    const topics = await db.select().from(visitTopics).where(eq(visitTopics.visitId, id));
    expect(topics.map((topic) => topic.topicSlug).sort()).toEqual(['animation-cooperation', 'incubation']);
    const events = await auditOf(id);
    expect(events.map((event) => event.action)).toEqual(['visit.created']);
    expect(events[0]!.data).toEqual({ poleId: pole.figeacteurs, startsAt: '2027-03-31T07:30:00.000Z', seats: 10 });

    const winter = await create(visitForm({ date: '2027-01-15', time: '09:30', deadlineDate: '2027-01-10', latitude: '44.6', longitude: '2.03' }));
    const winterRow = await visitRow(idFrom(winter.location));
    expect(winterRow.startsAt.toISOString()).toBe('2027-01-15T08:30:00.000Z');
    expect(winterRow).toMatchObject({ latitude: 44.6, longitude: 2.03 });
  });

  test('linked to an active twinning of the pole; not to another pole’s', async () => {
    const guest = await createGuestPole(db);
    const [twinning] = await db
      .insert(twinnings)
      .values({
        mentorPoleId: pole.figeacteurs,
        menteePoleId: guest.pole.id,
        regionCode: guest.pole.regionCode,
        state: 'active',
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
        activatedAt: new Date(),
      })
      .returning();
    const page = await call<{ defaultValue: Record<string, unknown> }>(newVisit, `/visites/nouvelle?jumelage=${twinning!.id}`, { as: host });
    expect(page.data.defaultValue).toMatchObject({ twinningId: twinning!.id, poleId: pole.figeacteurs });
    const outcome = await create(visitForm({ twinningId: twinning!.id }));
    expect((await visitRow(idFrom(outcome.location))).twinningId).toBe(twinning!.id);
    // The twinning's page lists it.
    const twinningPage = await call<{ visits: Array<{ id: string; state: string }> }>(twinningRoute, `/jumelages/${twinning!.id}`, {
      as: host,
      params: { id: twinning!.id },
    });
    expect(twinningPage.data.visits).toEqual([expect.objectContaining({ id: idFrom(outcome.location), state: 'scheduled' })]);
    expect((await call(newVisit, `/visites/nouvelle?jumelage=${twinning!.id}`, { as: otherAdmin })).status).toBe(404);

    await db.update(twinnings).set({ state: 'completed' }).where(eq(twinnings.id, twinning!.id));
    const refused = await create(visitForm({ twinningId: twinning!.id }));
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused).twinningId).toEqual(['visitHosting.errors.twinningUnknown']);
  });

  test.each([
    ['title', { title: 'Abc' }, 'titleTooShort'],
    ['title', { title: 'x'.repeat(121) }, 'titleTooLong'],
    ['title', { title: '' }, 'titleRequired'],
    ['programme', { programme: 'Trop court.' }, 'programmeTooShort'],
    ['topics', { topics: [] }, 'topicsRequired'],
    ['topics', { topics: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'topicsTooMany'],
    ['topics', { topics: ['theme-inconnu'] }, 'topicUnknown'],
    ['date', { date: '' }, 'dateRequired'],
    ['date', { date: '2027-02-30' }, 'dateInvalid'],
    ['date', { date: '2020-03-31', deadlineDate: '2020-03-01' }, 'startInPast'],
    ['time', { date: '2027-03-28', time: '02:30', deadlineDate: '2027-03-20' }, 'timeDoesNotExist'],
    ['durationMinutes', { durationMinutes: '10' }, 'durationInvalid'],
    ['durationMinutes', { durationMinutes: '1441' }, 'durationInvalid'],
    ['address', { address: '' }, 'addressRequired'],
    ['town', { town: '' }, 'townRequired'],
    ['latitude', { latitude: '91' }, 'latitudeInvalid'],
    ['longitude', { longitude: 'est' }, 'longitudeInvalid'],
    ['seats', { seats: '0' }, 'seatsInvalid'],
    ['seats', { seats: '501' }, 'seatsInvalid'],
    ['seats', { seats: '' }, 'seatsRequired'],
    ['deadlineDate', { deadlineDate: '2027-03-31', deadlineTime: '10:00' }, 'deadlineAfterStart'],
    ['deadlineDate', { deadlineDate: '' }, 'deadlineRequired'],
    ['bookingMode', { bookingMode: 'lottery' }, 'bookingModeRequired'],
    ['costs', { costs: 'cheap' }, 'costsRequired'],
    ['offerId', { offerId: '00000000-0000-4000-8000-000000000000' }, 'offerUnknown'],
    ['poleId', { poleId: '' }, 'poleRequired'],
  ])('%s refused (%j): %s in French, nothing written', async (field, overrides, key) => {
    const form = visitForm(overrides);
    const before = await db.select({ id: visits.id }).from(visits);
    const outcome = await create(form);
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome)[field]).toEqual([`visitHosting.errors.${key}`]);
    expect(inFrench(`visitHosting.errors.${key}`)).toMatch(/[a-zé]/);
    expect(await db.select({ id: visits.id }).from(visits)).toHaveLength(before.length);
  });

  test('a member who is not admin, a coordinator, another pole’s admin, an unvalidated pole: 404, nothing written', async () => {
    const unvalidated = await createPoleWithMember(db, { verified: false, role: 'admin' });
    const attempts: Array<[string, string]> = [
      [member, pole.figeacteurs],
      [coordinator, pole.figeacteurs],
      [otherAdmin, pole.figeacteurs],
      [unvalidated.email, unvalidated.pole.id],
    ];
    for (const [email, poleId] of attempts) {
      const form = visitForm({ poleId });
      const outcome = await create(form, email);
      expect(outcome.status).toBe(404);
      expect(
        await db
          .select()
          .from(visits)
          .where(eq(visits.title, form.title as string)),
      ).toEqual([]);
    }
  });
});
