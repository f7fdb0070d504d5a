import { asc, eq, like } from 'drizzle-orm';
import { beforeAll } from 'vitest';
import * as editVisit from '#app/routes/visites.$id_.modifier';
import * as newVisit from '#app/routes/visites.nouvelle';
import { auditLog, outbox, visits } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { poleIdOf, routeCaller } from '#tests/setup/market-forms';

/** What the visit-hosting tests share: a seeded database, valid posts of the visit form, readers. */

export const host = 'figeacteurs@demo.ptce.fr';
export const member = 'membre@demo.ptce.fr';
export const coordinator = 'coord.occitanie@demo.ptce.fr';
export const otherAdmin = 'emergent@demo.ptce.fr';

type Form = Record<string, string | string[]>;

export async function setupHosting() {
  const { context, services, cookieFor } = await setupTestContext();
  const db = services.db;
  const call = routeCaller(context, cookieFor);
  const pole = { figeacteurs: '' };
  beforeAll(async () => {
    pole.figeacteurs = await poleIdOf(db, 'figeacteurs');
  });

  let titles = 0;
  /** A valid post of the new visit form, each with a title of its own (2027-03-31 09:30 in Paris). */
  function visitForm(overrides: Form = {}): Form {
    titles += 1;
    return {
      intent: 'save',
      poleId: pole.figeacteurs,
      title: `Visite apprenante ${titles} : la fabrique à projets`,
      programme: 'Accueil café, visite des ateliers partagés, déjeuner avec les entreprises du pôle.',
      topics: ['incubation', 'animation-cooperation'],
      date: '2027-03-31',
      time: '09:30',
      durationMinutes: '240',
      address: '2 place Champollion',
      town: 'Figeac',
      latitude: '',
      longitude: '',
      seats: '10',
      deadlineDate: '2027-03-24',
      deadlineTime: '18:00',
      bookingMode: 'instant',
      accessibility: 'Locaux de plain-pied.',
      practical: 'Parking gratuit devant la gare.',
      costs: 'travel_covered',
      costsNote: '',
      ...overrides,
    };
  }

  const create = (form: Form, as = host, path = '/visites/nouvelle') => call(newVisit, path, { as, form });
  const edit = (id: string, form: Form, as = host) => call(editVisit, `/visites/${id}/modifier`, { as, form, params: { id } });

  async function visitRow(id: string) {
    const [row] = await db.select().from(visits).where(eq(visits.id, id));
    return row!;
  }

  async function mailsAbout(title: string) {
    return db
      .select({ to: outbox.to, subject: outbox.subject, text: outbox.text })
      .from(outbox)
      .where(like(outbox.subject, `%${title}%`))
      .orderBy(asc(outbox.createdAt), asc(outbox.id));
  }

  async function auditOf(visitId: string) {
    return db.select().from(auditLog).where(eq(auditLog.subjectId, visitId)).orderBy(asc(auditLog.createdAt), asc(auditLog.id));
  }

  return { context, services, db, call, pole, visitForm, create, edit, visitRow, mailsAbout, auditOf };
}

/** The visit's id from a redirect to its page. */
export function idFrom(location: string | null): string {
  const match = /^\/visites\/([0-9a-f-]{36})$/.exec(location ?? '');
  if (!match) throw new Error(`not a visit page: ${location}`);
  return match[1]!;
}
