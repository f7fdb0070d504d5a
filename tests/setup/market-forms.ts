import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '#app/context.server';
import type { Executor } from '#db/client';
import { offerSectors, offerTopics, poles, requestSectors, requestTopics, users } from '#db/schema';
import { makeRequest } from './context';
import { settle, type Outcome } from './responses';

/** Valid editor posts (each test breaks one field) and a way to call routes as one person or another. */

type Form = Record<string, string | string[]>;

export function offerForm(overrides: Form = {}): Form {
  return {
    title: 'Transmettre la méthode « Start-up de territoire »',
    description: 'Nous accompagnons les pôles qui veulent lancer des ateliers d’idéation avec les habitants et les entreprises.',
    topics: ['incubation', 'animation-cooperation'],
    sectors: ['services-entreprises'],
    formats: ['learning_visit', 'remote_mentoring'],
    reach: 'national',
    languages: ['fr', 'en'],
    capacity: '3',
    state: 'published',
    ...overrides,
  };
}

export function requestForm(overrides: Form = {}): Form {
  return {
    title: 'Choisir la forme juridique de notre pôle',
    context: 'Nous hésitons entre une association et une SCIC pour porter l’animation du pôle et ses projets.',
    topics: ['juridique', 'gouvernance'],
    sectors: ['batiment'],
    preferredFormats: ['remote_mentoring'],
    urgency: 'high',
    ...overrides,
  };
}

type Handler = (args: { request: Request; context: AppContext; params: Record<string, string> }) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- routes answer many shapes; tests read what they need
type Route = { loader?: (...args: any[]) => unknown; action?: (...args: any[]) => unknown };

/** Calls a route's loader (GET) or action (POST with `form`) as the person with that e-mail, or as a visitor. */
export function routeCaller(context: AppContext, cookieFor: (email: string) => Promise<string>) {
  return async function call<Data = unknown>(
    route: Route,
    path: string,
    options: { as?: string; form?: Form; params?: Record<string, string> } = {},
  ): Promise<Outcome<Data>> {
    const cookie = options.as ? await cookieFor(options.as) : undefined;
    const handler = (options.form ? route.action : route.loader) as Handler;
    const request = makeRequest(path, { cookie, form: options.form });
    return settle<Data>(Promise.resolve().then(() => handler({ request, context, params: options.params ?? {} })));
  };
}

/** The field errors of a refused form, as conform sent them back. */
export function fieldErrors(outcome: Outcome): Record<string, string[] | null> {
  return (outcome.data as { result: { error?: Record<string, string[] | null> } }).result.error ?? {};
}

/** The id at the end of a redirect to an item's page. */
export function idFromLocation(outcome: Outcome): string {
  const match = /\/(?:offres|demandes)\/([0-9a-f-]{36})$/.exec(outcome.location ?? '');
  if (!match) throw new Error(`not a redirect to an item: ${outcome.status} ${outcome.location}`);
  return match[1]!;
}

export async function poleIdOf(db: Executor, slug: string): Promise<string> {
  const [row] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, slug));
  return row!.id;
}

export async function userIdOf(db: Executor, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

/** Topic and sector slugs stored for items, sorted, with repeats kept (a repeat would be a defect). */
export async function storedTags(db: Executor, kind: 'offer' | 'request', ids: string[]) {
  const [topicRows, sectorRows] =
    kind === 'offer'
      ? await Promise.all([
          db.select({ id: offerTopics.offerId, slug: offerTopics.topicSlug }).from(offerTopics).where(inArray(offerTopics.offerId, ids)),
          db.select({ id: offerSectors.offerId, slug: offerSectors.sectorSlug }).from(offerSectors).where(inArray(offerSectors.offerId, ids)),
        ])
      : await Promise.all([
          db.select({ id: requestTopics.requestId, slug: requestTopics.topicSlug }).from(requestTopics).where(inArray(requestTopics.requestId, ids)),
          db.select({ id: requestSectors.requestId, slug: requestSectors.sectorSlug }).from(requestSectors).where(inArray(requestSectors.requestId, ids)),
        ]);
  const of = (rows: Array<{ id: string; slug: string }>, id: string) =>
    rows
      .filter((row) => row.id === id)
      .map((row) => row.slug)
      .sort();
  return new Map(ids.map((id) => [id, { topics: of(topicRows, id), sectors: of(sectorRows, id) }]));
}
