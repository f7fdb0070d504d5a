import { and, eq, inArray, sql } from 'drizzle-orm';
import { keywordsOf, writeTags } from '#app/models/marketplace.server';
import type { Logger } from '#app/utils/logger.server';
import type { Database, DatabaseHandle } from '#db/client';
import {
  offers,
  poleApplications,
  poleSectors,
  poles,
  regionalBodies,
  regionalBodyRegions,
  regions,
  requests,
  sectors,
  topics,
  twinnings,
  users,
} from '#db/schema';
import { demoApplications } from './data/joining';
import { demoOffers, demoRequests } from './data/marketplace';
import { poles as poleSeeds } from './data/poles';
import { regionalBodyName, regions as regionSeeds } from './data/regions';
import { sectors as sectorSeeds } from './data/sectors';
import { topics as topicSeeds } from './data/topics';
import { addMembership, assignCoordinator, createUser } from './factories';
import { seedDemoForum } from './forum';
import { seedDemoPairing } from './pairing';
import { seedDemoVisits } from './visits';

export const demoPassword = 'erasmus-ptce-demo';

export const demoAccounts = [
  { email: 'admin@demo.ptce.fr', name: 'Camille Martin (démo)', role: 'national admin' },
  { email: 'coord.occitanie@demo.ptce.fr', name: 'Inès Garcia (démo)', role: 'coordinator of CRESS Occitanie' },
  { email: 'coord.aura@demo.ptce.fr', name: 'Lucas Bernard (démo)', role: 'coordinator of CRESS Auvergne-Rhône-Alpes' },
  { email: 'figeacteurs@demo.ptce.fr', name: 'Claire Dubois (démo)', role: 'admin of Figeacteurs' },
  { email: 'emergent@demo.ptce.fr', name: 'Nicolas Roux (démo)', role: 'admin of Coopérative des Causses et Cévennes (fictif)' },
  { email: 'membre@demo.ptce.fr', name: 'Sophie Laurent (démo)', role: 'member of Figeacteurs' },
  { email: 'observateur@demo.ptce.fr', name: 'Hélène Petit (démo)', role: 'national observer (council)' },
  { email: 'cantal@demo.ptce.fr', name: 'Julie Moreau (démo)', role: 'admin of Pôle Coopératif du Cantal (fictif)' },
] as const;

/**
 * Reference data: regions, a regional body per region that has poles, sectors, topics and the
 * 74 real poles of the 2021 report. Idempotent: vocabularies are matched on their natural keys and
 * updated; poles are only added when missing, so a re-run never overwrites a pole's own edits.
 */
export async function seedReferenceData(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const region of regionSeeds) {
      const { code: _code, ...rest } = region;
      await tx.insert(regions).values(region).onConflictDoUpdate({ target: regions.code, set: rest });
    }
    for (const sector of sectorSeeds) {
      await tx
        .insert(sectors)
        .values(sector)
        .onConflictDoUpdate({ target: sectors.slug, set: { name: sector.name, nameEn: sector.nameEn } });
    }
    for (const topic of topicSeeds) {
      const { slug: _slug, ...rest } = topic;
      await tx.insert(topics).values(topic).onConflictDoUpdate({ target: topics.slug, set: rest });
    }

    const realPoles = poleSeeds.filter((pole) => !pole.fictional);
    await insertMissingPoles(tx as unknown as Database, realPoles);

    const regionsWithPoles = new Set(realPoles.map((pole) => pole.regionCode));
    for (const region of regionSeeds.filter((candidate) => regionsWithPoles.has(candidate.code))) {
      const slug = `cress-${region.slug}`;
      const [body] = await tx
        .insert(regionalBodies)
        .values({ slug, name: regionalBodyName(region) })
        .onConflictDoUpdate({ target: regionalBodies.slug, set: { name: regionalBodyName(region) } })
        .returning({ id: regionalBodies.id });
      await tx.insert(regionalBodyRegions).values({ regionalBodyId: body!.id, regionCode: region.code }).onConflictDoNothing();
    }
  });
}

/** Adds the poles not there yet; a pole already present keeps what its people have edited since. */
async function insertMissingPoles(db: Database, seeds: typeof poleSeeds) {
  for (const { sectors: sectorSlugs, ...values } of seeds) {
    const [pole] = await db.insert(poles).values(values).onConflictDoNothing({ target: poles.slug }).returning({ id: poles.id });
    if (pole && sectorSlugs.length > 0) {
      await db.insert(poleSectors).values(sectorSlugs.map((sectorSlug) => ({ poleId: pole.id, sectorSlug })));
    }
  }
}

/** Demo mode: the fictional emerging poles and one account per role (see the README). */
export async function seedDemoData(db: Database): Promise<void> {
  await insertMissingPoles(
    db,
    poleSeeds.filter((pole) => pole.fictional),
  );
  const [admin, coordOccitanie, coordAura, figeacteurs, emergent, member, , cantal] = await Promise.all(
    demoAccounts.map((account) =>
      createUser(db, {
        email: account.email,
        name: account.name,
        password: demoPassword,
        isNationalAdmin: account.email === 'admin@demo.ptce.fr',
        isNationalObserver: account.email === 'observateur@demo.ptce.fr',
      }),
    ),
  );
  const bodies = await db.select({ id: regionalBodies.id, slug: regionalBodies.slug }).from(regionalBodies);
  const bodyId = (slug: string) => bodies.find((body) => body.slug === slug)!.id;
  await assignCoordinator(db, { userId: coordOccitanie!.id, regionalBodyId: bodyId('cress-occitanie') });
  await assignCoordinator(db, { userId: coordAura!.id, regionalBodyId: bodyId('cress-auvergne-rhone-alpes') });
  await seedDemoJoining(db, bodyId);

  const poleRows = await db
    .select({ id: poles.id, slug: poles.slug })
    .from(poles)
    .where(inArray(poles.slug, ['figeacteurs', 'causses-cevennes-demo', 'cantal-cooperation-demo']));
  const poleId = (slug: string) => poleRows.find((pole) => pole.slug === slug)!.id;
  await addMembership(db, { userId: figeacteurs!.id, poleId: poleId('figeacteurs'), role: 'admin' });
  await addMembership(db, { userId: member!.id, poleId: poleId('figeacteurs'), role: 'member' });
  await addMembership(db, { userId: emergent!.id, poleId: poleId('causses-cevennes-demo'), role: 'admin' });
  await addMembership(db, { userId: cantal!.id, poleId: poleId('cantal-cooperation-demo'), role: 'admin' });

  // The demo starts with the mature poles and the two demo emerging poles that have an account
  // already verified, so other poles are left for the coordinators to validate.
  await db
    .update(poles)
    .set({ verifiedAt: new Date(), verifiedById: admin!.id })
    .where(sql`${poles.verifiedAt} is null and (${poles.maturity} = 'mature' or ${poles.slug} in ('causses-cevennes-demo', 'cantal-cooperation-demo'))`);
}

/**
 * « Inscrire mon pôle » in demo mode: the two coordinated bodies publish a contact (fictional
 * addresses and numbers: 01 99 00 … is reserved for fiction), and one application waits on each
 * desk. Applications are added once (the pending index refuses a second).
 */
async function seedDemoJoining(db: Database, bodyId: (slug: string) => string) {
  for (const [slug, region] of [
    ['cress-occitanie', 'occitanie'],
    ['cress-auvergne-rhone-alpes', 'aura'],
  ] as const) {
    await db
      .update(regionalBodies)
      .set({ contactEmail: `contact.${region}@demo.ptce.fr`, contactPhone: region === 'occitanie' ? '01 99 00 00 76' : '01 99 00 00 84' })
      .where(and(eq(regionalBodies.id, bodyId(slug)), sql`${regionalBodies.contactEmail} is null`));
  }
  await db
    .insert(poleApplications)
    .values(demoApplications.map((application) => ({ ...application, createdAt: new Date(Date.now() - application.daysAgo * 24 * 60 * 60 * 1000) })))
    .onConflictDoNothing();
}

/**
 * Demo offers and requests (see data/marketplace.ts); each is added once, matched on pole and
 * title. Tags and keywords are written by the marketplace module, as the editors do.
 */
export async function seedDemoMarketplace(db: Database): Promise<void> {
  const poleRows = await db.select({ id: poles.id, slug: poles.slug }).from(poles);
  const poleId = (slug: string) => poleRows.find((pole) => pole.slug === slug)!.id;
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
  await db.transaction(async (tx) => {
    for (const { poleSlug, topics: topicSlugs, sectors: sectorSlugs, daysAgo: age, ...offer } of demoOffers) {
      const tags = { topics: topicSlugs, sectors: sectorSlugs };
      const exists = await tx
        .select({ id: offers.id })
        .from(offers)
        .where(and(eq(offers.poleId, poleId(poleSlug)), eq(offers.title, offer.title)));
      if (exists.length > 0) continue;
      const [row] = await tx
        .insert(offers)
        .values({
          ...offer,
          poleId: poleId(poleSlug),
          keywords: await keywordsOf(tx, tags),
          publishedAt: offer.state === 'draft' ? null : daysAgo(age),
          createdAt: daysAgo(age),
          updatedAt: daysAgo(age),
        })
        .returning({ id: offers.id });
      await writeTags(tx, 'offer', row!.id, tags, { replace: false });
    }
    for (const { poleSlug, topics: topicSlugs, sectors: sectorSlugs, daysAgo: age, ...request } of demoRequests) {
      const tags = { topics: topicSlugs, sectors: sectorSlugs };
      const exists = await tx
        .select({ id: requests.id })
        .from(requests)
        .where(and(eq(requests.poleId, poleId(poleSlug)), eq(requests.title, request.title)));
      if (exists.length > 0) continue;
      const [row] = await tx
        .insert(requests)
        .values({ ...request, poleId: poleId(poleSlug), keywords: await keywordsOf(tx, tags), createdAt: daysAgo(age), updatedAt: daysAgo(age) })
        .returning({ id: requests.id });
      await writeTags(tx, 'request', row!.id, tags, { replace: false });
    }
  });
}

export async function seedDatabase(db: Database, options: { demo: boolean }): Promise<void> {
  await seedReferenceData(db);
  if (options.demo) {
    await seedDemoData(db);
    await seedDemoMarketplace(db);
    await seedDemoPairing(db);
    await seedDemoVisits(db);
    await seedDemoForum(db);
  }
}

/** At start-up: seed a database that has no poles yet; leave a populated one alone. */
export async function seedIfEmpty(database: DatabaseHandle, options: { demo: boolean; logger: Logger }): Promise<void> {
  const [row] = await database.db.select({ count: sql<number>`count(*)::int` }).from(poles);
  const [demoUser] = options.demo
    ? await database.db.select({ id: users.id }).from(users).where(eq(users.email, demoAccounts[0].email))
    : [{ id: 'not needed' }];
  if (row!.count === 0 || !demoUser) {
    await seedDatabase(database.db, options);
    options.logger.info({ demo: options.demo }, 'database seeded');
    return;
  }
  // A demo database made before the marketplace existed gets its demo offers and requests.
  const [offerRow] = await database.db.select({ count: sql<number>`count(*)::int` }).from(offers);
  if (options.demo && offerRow!.count === 0) await seedDemoMarketplace(database.db);
  // …and one made before the pairing desk, its mentoring capacities and twinnings (once: when no
  // pole has declared a capacity and there is no twinning, so a pole's own later choices stay).
  if (options.demo) {
    const [declared] = await database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(poles)
      .where(sql`${poles.mentoringCapacity} > 0`);
    const [twinningRow] = await database.db.select({ count: sql<number>`count(*)::int` }).from(twinnings);
    if (declared!.count === 0 && twinningRow!.count === 0) await seedDemoPairing(database.db);
    // …and one made before the live threads, its demo forum topics (once: when it has none).
    await seedDemoForum(database.db);
  }
}
