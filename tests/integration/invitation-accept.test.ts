import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createInvitation, type InvitationTarget } from '#app/models/invitations.server';
import { action as invitationAction, loader as invitationPage } from '#app/routes/invitation.$token';
import { hashToken } from '#app/utils/crypto.server';
import { verifyPassword } from '#app/utils/password.server';
import { coordinatorAssignments, invitations, outbox, poleMemberships, poles, regionalBodies, users } from '#db/schema';
import { createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flushOutbox } from '#tests/setup/jobs';
import { cookieOf, inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const { db } = services;

const [figeacteurs] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
const [occitanie] = await db.select().from(regionalBodies).where(eq(regionalBodies.slug, 'cress-occitanie'));
const [poleAdmin] = await db.select().from(users).where(eq(users.email, 'figeacteurs@demo.ptce.fr'));

let counter = 0;
const freshEmail = () => `invite-${++counter}@example.fr`;

/** Invites through the model and returns the token read from the mailed link. */
async function invite(email: string, target: InvitationTarget = { role: 'pole_member', poleId: figeacteurs!.id }): Promise<string> {
  const outcome = await createInvitation(db, services, { inviterId: poleAdmin!.id, email, target, appUrl: context.env.appUrl });
  expect(outcome.status).toBe('sent');
  await flushOutbox(services);
  const [mail] = await db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt));
  return mail!.text.match(/\/invitation\/([A-Za-z0-9_-]+)/)![1]!;
}

// Each answer comes from its own client address: the limits on using links have their own test file.
let requestCounter = 0;
const open = (token: string, cookie?: string) => settle(invitationPage(routeArgs(context, makeRequest(`/invitation/${token}`, { cookie }), { token })));
const post = (token: string, form: Record<string, string>, cookie?: string) =>
  settle(
    invitationAction(
      routeArgs(
        { ...context, clientIp: `10.2.0.${++requestCounter}` },
        makeRequest(`/invitation/${token}`, { form, cookie, headers: { 'User-Agent': 'invitation-test' } }),
        { token },
      ),
    ),
  );
const newAccount = (token: string, password = 'mot de passe choisi', name = 'Nouvelle Personne') =>
  post(token, { intent: 'create-account', name, password, confirmPassword: password });

async function membershipOf(email: string) {
  const [row] = await db
    .select({ role: poleMemberships.role })
    .from(poleMemberships)
    .innerJoin(users, eq(users.id, poleMemberships.userId))
    .where(and(eq(users.email, email), eq(poleMemberships.poleId, figeacteurs!.id)));
  return row?.role ?? null;
}

describe('reading an invitation', () => {
  test('shows who invites whom to what; the account does not exist yet', async () => {
    const email = freshEmail();
    const page = await open(await invite(email));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      state: 'valid',
      viewer: null,
      invitation: { email, role: 'pole_member', invitedBy: 'Claire Dubois (démo)', targetName: figeacteurs!.name, accountExists: false },
    });
    expect(inFrench('account.invitation.summary.pole_member')).toBe('{{inviter}} vous invite à rejoindre le pôle « {{target}} » sur Erasmus PTCE.');
  });

  test('unknown, expired and used links each get a French explanation', async () => {
    expect(await open('no-such-token')).toMatchObject({ status: 400, data: { state: 'invalid', invitation: null } });
    const expired = await invite(freshEmail());
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.tokenHash, hashToken(expired)));
    expect(await open(expired)).toMatchObject({ status: 410, data: { state: 'expired' } });
    expect(await newAccount(expired)).toMatchObject({ status: 410, data: { state: 'expired' } });
    const used = await invite(freshEmail());
    expect((await newAccount(used)).status).toBe(302);
    expect(await open(used)).toMatchObject({ status: 410, data: { state: 'used' } });
    expect(inFrench('account.invitation.problem.used')).toMatch(/déjà été acceptée/);
  });
});

describe('accepting with a new account', () => {
  test('bad input is refused field by field, passwords never echoed', async () => {
    const token = await invite(freshEmail());
    const outcome = await post(token, { intent: 'create-account', name: 'A', password: 'court', confirmPassword: 'autre' });
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error).toMatchObject({ name: ['fields.nameTooShort'], password: ['fields.passwordTooShort'] });
    expect(outcome.data.result.initialValue).not.toHaveProperty('password');
    const mismatch = await post(token, { intent: 'create-account', name: 'Ana Lopez', password: 'mot de passe choisi', confirmPassword: 'autre mot de passe' });
    expect(mismatch.data.result.error.confirmPassword).toEqual(['fields.passwordsDiffer']);
    expect((await open(token)).data.state).toBe('valid');
  });

  test('creates the account, the membership, marks the invitation, signs in and opens the pole', async () => {
    const email = freshEmail();
    const token = await invite(email);
    const outcome = await newAccount(token, 'mot de passe choisi', '  Ana Lopez ');
    expect(outcome).toMatchObject({ status: 302, location: '/poles/figeacteurs' });
    const session = await services.auth.getSession(makeRequest('/', { cookie: cookieOf(outcome) }));
    expect(session?.user).toMatchObject({ email, name: 'Ana Lopez' });
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(await verifyPassword(user!.passwordHash, 'mot de passe choisi')).toBe(true);
    expect(await membershipOf(email)).toBe('member');
    const [row] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)));
    expect(row!.acceptedAt).not.toBeNull();
    expect(row!.acceptedById).toBe(user!.id);
  });

  test('a coordinator invitation assigns the regional body and opens the coordination page', async () => {
    const email = freshEmail();
    const token = await invite(email, { role: 'coordinator', regionalBodyId: occitanie!.id });
    const outcome = await newAccount(token);
    expect(outcome).toMatchObject({ status: 302, location: '/coordination' });
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const assignments = await db.select().from(coordinatorAssignments).where(eq(coordinatorAssignments.userId, user!.id));
    expect(assignments.map((assignment) => assignment.regionalBodyId)).toEqual([occitanie!.id]);
  });

  test('refused while signed in as someone else', async () => {
    const token = await invite(freshEmail());
    const outcome = await newAccount(token, 'mot de passe choisi');
    expect(outcome.status).toBe(302);
    const other = await invite(freshEmail());
    expect(
      (await post(other, { intent: 'create-account', name: 'X Y', password: 'mot de passe choisi', confirmPassword: 'mot de passe choisi' }, cookieOf(outcome)))
        .status,
    ).toBe(403);
  });

  test('if an account appeared meanwhile, nothing is accepted and the person is told to sign in', async () => {
    const email = freshEmail();
    const token = await invite(email);
    await createUser(db, { email, name: 'Déjà Là', password: 'un autre mot de passe' });
    const outcome = await newAccount(token);
    expect(outcome.status).toBe(409);
    expect(outcome.data.result.error['']).toEqual(['account.invitation.accountExists']);
    expect((await open(token)).data).toMatchObject({ state: 'valid', invitation: { accountExists: true } });
    expect(await membershipOf(email)).toBeNull();
  });

  test('two simultaneous acceptances of one invitation: exactly one succeeds, one account is created', async () => {
    const email = freshEmail();
    const token = await invite(email);
    const outcomes = await Promise.all([newAccount(token, 'premier mot de passe', 'Premier'), newAccount(token, 'second mot de passe', 'Second')]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([302, 410]);
    expect(outcomes.find((outcome) => outcome.status === 410)!.data.state).toBe('used');
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });
});

describe('accepting with an existing account', () => {
  test('a visitor is asked to sign in first and brought back', async () => {
    const token = await invite('coord.aura@demo.ptce.fr');
    expect((await open(token)).data).toMatchObject({ state: 'valid', viewer: null, invitation: { accountExists: true } });
    const outcome = await post(token, { intent: 'accept' });
    expect(outcome).toMatchObject({ status: 302, location: `/connexion?redirectTo=${encodeURIComponent(`/invitation/${token}`)}` });
  });

  test('signed in as the invited account: accept renews the session and upgrades a member to admin', async () => {
    const token = await invite('membre@demo.ptce.fr', { role: 'pole_admin', poleId: figeacteurs!.id });
    const cookie = await cookieFor('membre@demo.ptce.fr');
    expect((await open(token, cookie)).data.viewer).toMatchObject({ email: 'membre@demo.ptce.fr' });
    const outcome = await post(token, { intent: 'accept' }, cookie);
    expect(outcome).toMatchObject({ status: 302, location: '/poles/figeacteurs' });
    expect(await membershipOf('membre@demo.ptce.fr')).toBe('admin');
    expect(await services.auth.getSession(makeRequest('/', { cookie }))).toBeNull();
    expect((await services.auth.getSession(makeRequest('/', { cookie: cookieOf(outcome) })))?.user.email).toBe('membre@demo.ptce.fr');
  });

  test('signed in as another account: refused, and the invitation stays open', async () => {
    const token = await invite('emergent@demo.ptce.fr');
    const intruder = await cookieFor('coord.aura@demo.ptce.fr');
    expect((await post(token, { intent: 'accept' }, intruder)).status).toBe(403);
    expect((await open(token)).data.state).toBe('valid');
  });

  test('a member invitation never demotes an admin', async () => {
    const email = freshEmail();
    const user = await createUser(db, { email, name: 'Admin Déjà', password: 'mot de passe choisi' });
    const token = await invite(email);
    // Made admin by another path after the member invitation was sent.
    await db.insert(poleMemberships).values({ userId: user.id, poleId: figeacteurs!.id, role: 'admin' });
    expect((await post(token, { intent: 'accept' }, await cookieFor(email))).status).toBe(302);
    expect(await membershipOf(email)).toBe('admin');
  });
});
