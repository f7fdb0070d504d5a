import type { Executor } from '#db/client';
import { offers, requests } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';

/**
 * Offers and requests written straight into the tables, for tests that need one to exist without
 * going through the editors. `keywords` stays empty: these rows carry no topics or sectors.
 */

let itemCounter = 0;
const nextSuffix = () => `${Date.now().toString(36)}-${(itemCounter += 1)}`;

export async function createOffer(db: Executor, input: { poleId: string } & Partial<typeof offers.$inferInsert>) {
  const [offer] = await db
    .insert(offers)
    .values({
      title: `Offre de test ${nextSuffix()}`,
      description: 'Une offre de savoir-faire créée par un test.',
      formats: ['remote_mentoring'],
      reach: 'national',
      languages: ['fr'],
      capacity: 2,
      state: 'published',
      publishedAt: new Date(),
      keywords: '',
      ...input,
    })
    .returning();
  return offer!;
}

export async function createRequest(db: Executor, input: { poleId: string } & Partial<typeof requests.$inferInsert>) {
  const [request] = await db
    .insert(requests)
    .values({
      title: `Demande de test ${nextSuffix()}`,
      context: 'Un besoin exprimé par un test.',
      preferredFormats: ['workshop'],
      urgency: 'medium',
      state: 'open',
      keywords: '',
      ...input,
    })
    .returning();
  return request!;
}

let personCounter = 0;

/** A new pole (validated or not) with one person in it, who signs in with the returned e-mail. */
export async function createPoleWithMember(db: Executor, input: { verified: boolean; role?: 'member' | 'admin'; name?: string }) {
  const pole = await createPole(db, { verifiedAt: input.verified ? new Date() : null, ...(input.name ? { name: input.name } : {}) });
  personCounter += 1;
  const user = await createUser(db, {
    email: `personne-${personCounter}-${pole.slug}@test.ptce.fr`,
    name: `Personne ${personCounter}`,
    password: 'mot-de-passe-de-test',
  });
  await addMembership(db, { userId: user.id, poleId: pole.id, role: input.role ?? 'member' });
  return { pole, user, email: user.email };
}
