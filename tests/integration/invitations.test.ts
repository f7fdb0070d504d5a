import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { action as adminAction, loader as adminPage } from '#app/routes/admin';
import { action as membersAction, loader as membersPage } from '#app/routes/poles.$slug_.membres';
import { hashToken } from '#app/utils/crypto.server';
import { invitations, outbox, regionalBodies, users } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flushOutbox } from '#tests/setup/jobs';
import { inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const { db } = services;

const cookies: Record<string, string> = {};
const as = (email: string) => cookies[email]!;
beforeAll(async () => {
  for (const email of [
    'admin@demo.ptce.fr',
    'coord.occitanie@demo.ptce.fr',
    'coord.aura@demo.ptce.fr',
    'figeacteurs@demo.ptce.fr',
    'membre@demo.ptce.fr',
    'emergent@demo.ptce.fr',
  ]) {
    cookies[email] = await cookieFor(email);
  }
});

const viewAdmin = (cookie?: string) => settle(adminPage(routeArgs(context, makeRequest('/admin', { cookie }))));
const postAdmin = (cookie: string | undefined, form: Record<string, string>) =>
  settle(adminAction(routeArgs(context, makeRequest('/admin', { form, cookie }))));
const viewMembers = (slug: string, cookie?: string) => settle(membersPage(routeArgs(context, makeRequest(`/poles/${slug}/membres`, { cookie }), { slug })));
const postMembers = (slug: string, cookie: string | undefined, form: Record<string, string>) =>
  settle(membersAction(routeArgs(context, makeRequest(`/poles/${slug}/membres`, { form, cookie }), { slug })));

async function bodyId(slug: string) {
  const [body] = await db.select({ id: regionalBodies.id }).from(regionalBodies).where(eq(regionalBodies.slug, slug));
  return body!.id;
}

async function lastMailTo(email: string) {
  // Mails leave after the answer: wait for them as a mailbox would.
  await flushOutbox(services);
  const [mail] = await db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt));
  return mail;
}

/** The invitation row reached by the link of the last mail sent to this address. */
async function invitationMailedTo(email: string) {
  const mail = await lastMailTo(email);
  const token = mail!.text.match(/http:\/\/localhost:3000\/invitation\/([A-Za-z0-9_-]+)/)![1]!;
  const [row] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)));
  return { mail: mail!, token, row: row! };
}

describe('/admin', () => {
  test('a visitor is sent to sign in; anyone but a national admin gets a 404, as if the page did not exist', async () => {
    expect(await viewAdmin()).toMatchObject({ status: 302, location: '/connexion?redirectTo=%2Fadmin' });
    expect(await postAdmin(undefined, { intent: 'invite-coordinator', email: 'x@example.fr' })).toMatchObject({ status: 302 });
    for (const email of ['coord.occitanie@demo.ptce.fr', 'figeacteurs@demo.ptce.fr', 'membre@demo.ptce.fr']) {
      expect((await viewAdmin(as(email))).status).toBe(404);
      expect(
        (await postAdmin(as(email), { intent: 'invite-coordinator', email: 'x@example.fr', regionalBodyId: await bodyId('cress-occitanie') })).status,
      ).toBe(404);
    }
  });

  test('lists the regional bodies with their regions and coordinators', async () => {
    const page = await viewAdmin(as('admin@demo.ptce.fr'));
    expect(page.status).toBe(200);
    const occitanie = page.data.bodies.find((body: { name: string }) => body.name === 'CRESS Occitanie');
    expect(occitanie).toMatchObject({
      regions: [{ name: 'Occitanie' }],
      coordinators: [{ name: 'Inès Garcia (démo)', email: 'coord.occitanie@demo.ptce.fr' }],
    });
  });

  test('invites a coordinator: hashed single token, 7 days, French mail with the link', async () => {
    const body = await bodyId('cress-bretagne');
    const outcome = await postAdmin(as('admin@demo.ptce.fr'), { intent: 'invite-coordinator', email: ' Nouvelle.Coord@Example.FR ', regionalBodyId: body });
    expect(outcome).toMatchObject({ status: 200, data: { intent: 'invite-coordinator', success: 'account.invite.sent' } });
    const { mail, token, row } = await invitationMailedTo('nouvelle.coord@example.fr');
    expect(row).toMatchObject({ email: 'nouvelle.coord@example.fr', role: 'coordinator', regionalBodyId: body, poleId: null, acceptedAt: null });
    const [admin] = await db.select().from(users).where(eq(users.email, 'admin@demo.ptce.fr'));
    expect(row.invitedById).toBe(admin!.id);
    expect(row.tokenHash).not.toContain(token);
    const lifetime = row.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(6.9 * 24 * 60 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(7 * 24 * 60 * 60 * 1000);
    expect(mail.subject).toBe('Camille Martin (démo) vous invite sur Erasmus PTCE');
    expect(mail.text).toContain('vous invite à coordonner le programme Erasmus PTCE pour CRESS Bretagne');
    expect(mail.html).toContain(`/invitation/${token}`);
    const page = await viewAdmin(as('admin@demo.ptce.fr'));
    const bretagne = page.data.bodies.find((candidate: { id: string }) => candidate.id === body);
    expect(bretagne.pendingInvitations.map((pending: { email: string }) => pending.email)).toEqual(['nouvelle.coord@example.fr']);
  });

  test('inviting the same person again replaces the pending invitation', async () => {
    const body = await bodyId('cress-normandie');
    for (let round = 0; round < 2; round += 1) {
      expect((await postAdmin(as('admin@demo.ptce.fr'), { intent: 'invite-coordinator', email: 'deux-fois@example.fr', regionalBodyId: body })).status).toBe(
        200,
      );
      // Each mail reaches the outbox before the next invitation, so "newest" is well defined.
      await flushOutbox(services);
    }
    const rows = await db
      .select()
      .from(invitations)
      .where(and(eq(invitations.email, 'deux-fois@example.fr'), eq(invitations.regionalBodyId, body)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe((await invitationMailedTo('deux-fois@example.fr')).row.tokenHash);
  });

  test('bad input is refused on its field', async () => {
    const badEmail = await postAdmin(as('admin@demo.ptce.fr'), {
      intent: 'invite-coordinator',
      email: 'pas-une-adresse',
      regionalBodyId: await bodyId('cress-occitanie'),
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.data.result.error.email).toEqual(['fields.emailInvalid']);
    const noBody = await postAdmin(as('admin@demo.ptce.fr'), { intent: 'invite-coordinator', email: 'quelqun@example.fr' });
    expect(noBody.data.result.error.regionalBodyId).toEqual(['account.admin.bodyRequired']);
    expect(inFrench('account.admin.bodyRequired')).toBe('Choisissez l’instance régionale à coordonner.');
    const already = await postAdmin(as('admin@demo.ptce.fr'), {
      intent: 'invite-coordinator',
      email: 'coord.occitanie@demo.ptce.fr',
      regionalBodyId: await bodyId('cress-occitanie'),
    });
    expect(already.status).toBe(400);
    expect(already.data.result.error.email).toEqual(['account.invite.alreadyCoordinator']);
  });

  test('an unknown regional body is not found', async () => {
    const outcome = await postAdmin(as('admin@demo.ptce.fr'), {
      intent: 'invite-coordinator',
      email: 'quelqun@example.fr',
      regionalBodyId: '00000000-0000-4000-8000-000000000000',
    });
    expect(outcome.status).toBe(404);
  });
});

describe('/poles/<slug>/membres: who sees', () => {
  test('a visitor is sent to sign in; an unknown pole is not found', async () => {
    expect(await viewMembers('figeacteurs')).toMatchObject({ status: 302, location: '/connexion?redirectTo=%2Fpoles%2Ffigeacteurs%2Fmembres' });
    expect(await postMembers('figeacteurs', undefined, { intent: 'invite-member', email: 'x@example.fr' })).toMatchObject({ status: 302 });
    expect((await viewMembers('no-such-pole', as('admin@demo.ptce.fr'))).status).toBe(404);
  });

  test('members, the region’s coordinator and the national admin see the list; others are refused', async () => {
    const member = await viewMembers('figeacteurs', as('membre@demo.ptce.fr'));
    expect(member.status).toBe(200);
    expect(member.data.members).toEqual([
      { name: 'Claire Dubois (démo)', email: 'figeacteurs@demo.ptce.fr', role: 'admin' },
      { name: 'Sophie Laurent (démo)', email: 'membre@demo.ptce.fr', role: 'member' },
    ]);
    expect(member.data).toMatchObject({ canInviteMember: false, canInviteAdmin: false, pendingInvitations: [] });
    expect((await viewMembers('figeacteurs', as('figeacteurs@demo.ptce.fr'))).data).toMatchObject({ canInviteMember: true, canInviteAdmin: false });
    expect((await viewMembers('figeacteurs', as('coord.occitanie@demo.ptce.fr'))).data).toMatchObject({ canInviteMember: false, canInviteAdmin: true });
    expect((await viewMembers('figeacteurs', as('admin@demo.ptce.fr'))).data).toMatchObject({ canInviteMember: false, canInviteAdmin: false });
    expect((await viewMembers('figeacteurs', as('coord.aura@demo.ptce.fr'))).status).toBe(404);
    expect((await viewMembers('figeacteurs', as('emergent@demo.ptce.fr'))).status).toBe(404);
  });
});

describe('/poles/<slug>/membres: who invites', () => {
  test('the pole admin invites a member; the invitation is listed as pending', async () => {
    const outcome = await postMembers('figeacteurs', as('figeacteurs@demo.ptce.fr'), { intent: 'invite-member', email: 'nouveau.membre@example.fr' });
    expect(outcome).toMatchObject({ status: 200, data: { intent: 'invite-member', success: 'account.invite.sent' } });
    const { row, mail } = await invitationMailedTo('nouveau.membre@example.fr');
    expect(row).toMatchObject({ role: 'pole_member', regionalBodyId: null });
    expect(mail.text).toMatch(/Claire Dubois \(démo\) vous invite à rejoindre le pôle « .*Figeacteurs.* » sur Erasmus PTCE\./i);
    const page = await viewMembers('figeacteurs', as('figeacteurs@demo.ptce.fr'));
    expect(page.data.pendingInvitations).toEqual([
      expect.objectContaining({ email: 'nouveau.membre@example.fr', role: 'pole_member', invitedBy: 'Claire Dubois (démo)' }),
    ]);
  });

  test('the coordinator of the pole’s region invites an admin', async () => {
    const outcome = await postMembers('figeacteurs', as('coord.occitanie@demo.ptce.fr'), { intent: 'invite-admin', email: 'nouvel.admin@example.fr' });
    expect(outcome.status).toBe(200);
    expect((await invitationMailedTo('nouvel.admin@example.fr')).row.role).toBe('pole_admin');
  });

  test('a member already in the pole cannot be invited again as member, but can be invited as admin', async () => {
    const again = await postMembers('figeacteurs', as('figeacteurs@demo.ptce.fr'), { intent: 'invite-member', email: 'membre@demo.ptce.fr' });
    expect(again.status).toBe(400);
    expect(again.data.result.error.email).toEqual(['account.invite.alreadyMember']);
    const promote = await postMembers('figeacteurs', as('coord.occitanie@demo.ptce.fr'), { intent: 'invite-admin', email: 'membre@demo.ptce.fr' });
    expect(promote.status).toBe(200);
    const adminAgain = await postMembers('figeacteurs', as('coord.occitanie@demo.ptce.fr'), { intent: 'invite-admin', email: 'figeacteurs@demo.ptce.fr' });
    expect(adminAgain.data.result.error.email).toEqual(['account.invite.alreadyAdmin']);
  });

  test('refused: AURA’s coordinator for an Occitanie pole, a plain member, a pole admin for another pole or for admins', async () => {
    const refused: Array<[string, string, string]> = [
      ['coord.aura@demo.ptce.fr', 'figeacteurs', 'invite-admin'],
      ['coord.aura@demo.ptce.fr', 'figeacteurs', 'invite-member'],
      ['membre@demo.ptce.fr', 'figeacteurs', 'invite-member'],
      ['membre@demo.ptce.fr', 'figeacteurs', 'invite-admin'],
      ['figeacteurs@demo.ptce.fr', 'causses-cevennes-demo', 'invite-member'],
      ['figeacteurs@demo.ptce.fr', 'figeacteurs', 'invite-admin'],
      ['admin@demo.ptce.fr', 'figeacteurs', 'invite-member'],
    ];
    for (const [email, slug, intent] of refused) {
      const outcome = await postMembers(slug, as(email), { intent, email: 'intrus@example.fr' });
      expect(outcome.status, `${email} ${intent} ${slug}`).toBe(404);
    }
    expect(await db.select().from(invitations).where(eq(invitations.email, 'intrus@example.fr'))).toHaveLength(0);
  });

  test('bad input: a malformed address on its field, an unknown intent', async () => {
    const bad = await postMembers('figeacteurs', as('figeacteurs@demo.ptce.fr'), { intent: 'invite-member', email: '' });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.email).toEqual(['fields.required']);
    expect((await postMembers('figeacteurs', as('figeacteurs@demo.ptce.fr'), { intent: 'make-me-admin', email: 'a@example.fr' })).status).toBe(400);
  });
});
