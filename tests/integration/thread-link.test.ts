import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { loader } from '#app/routes/fils.$id';
import { poles, threads, visits } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';
import { createVisit } from '#tests/setup/visit-factories';

/** `/fils/<id>`: any live thread's page from its id alone (the links of live notices), for those who may read it. */
const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const follow = async (path: string, email?: string) =>
  settle(loader(routeArgs(context, makeRequest(path, { cookie: email ? await cookieFor(email) : undefined }), { id: path.split('/')[2]!.split('?')[0]! })));

describe('/fils/<id>', () => {
  test('leads to the conversation, the forum topic or the visit’s discussion, at the message; 404 for others; sign-in for visitors', async () => {
    const [figeac] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
    const [causses] = await db.select().from(poles).where(eq(poles.slug, 'causses-cevennes-demo'));
    const [conversation] = await db
      .insert(threads)
      .values({ subjectType: 'offer', initiatorPoleId: causses!.id, recipientPoleId: figeac!.id, regionCode: '76', title: 'Un lien' })
      .returning();
    const [topic] = await db.select().from(threads).where(eq(threads.subjectType, 'forum')).limit(1);
    const visit = await createVisit(db, { hostPoleId: figeac!.id, title: 'Visite à discuter' });
    const [discussion] = await db
      .insert(threads)
      .values({ subjectType: 'visit', initiatorPoleId: figeac!.id, regionCode: '76', title: 'Visite à discuter' })
      .returning();
    await db.update(visits).set({ threadId: discussion!.id }).where(eq(visits.id, visit.id));
    const messageId = '3f2c0a1e-8d4b-4c6f-9a2e-1b7d5e9c0f11';

    expect((await follow(`/fils/${conversation!.id}?message=${messageId}`, 'figeacteurs@demo.ptce.fr')).location).toBe(
      `/conversations/${conversation!.id}#message-${messageId}`,
    );
    expect((await follow(`/fils/${topic!.id}`, 'membre@demo.ptce.fr')).location).toBe(`/forum/${topic!.regionCode ?? 'national'}/${topic!.id}`);
    expect((await follow(`/fils/${discussion!.id}`, 'figeacteurs@demo.ptce.fr')).location).toBe(`/visites/${visit.id}/discussion`);
    // A pole of another region reads none of them; an unknown or malformed id is the same 404.
    expect((await follow(`/fils/${conversation!.id}`, 'cantal@demo.ptce.fr')).status).toBe(404);
    expect((await follow(`/fils/${discussion!.id}`, 'cantal@demo.ptce.fr')).status).toBe(404);
    expect((await follow('/fils/00000000-0000-4000-8000-000000000000', 'figeacteurs@demo.ptce.fr')).status).toBe(404);
    expect((await follow('/fils/pas-un-id', 'figeacteurs@demo.ptce.fr')).status).toBe(404);
    expect((await follow(`/fils/${conversation!.id}`)).location).toMatch(/^\/connexion\?redirectTo=/);
  });
});
