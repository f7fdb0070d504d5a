import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import english from '#app/locales/en';
import french from '#app/locales/fr';
import { hashToken } from '#app/utils/crypto.server';
import {
  allowed,
  can,
  getActor,
  loadActor,
  loadActorForSession,
  refusalReasons,
  requirePermission,
  socketPermission,
  type Actor,
  type Permission,
  type PermissionAction,
  type RefusalReason,
} from '#app/utils/permissions.server';
import { sessions, users } from '#db/schema';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';

// ─── Every role × every permission, with the reason of each refusal ──────

function actor(
  roles: Partial<Omit<Actor, 'poleRoles' | 'regionCodes' | 'bodyIds' | 'poleRegionCodes'>> & {
    poles?: Array<[string, 'member' | 'admin']>;
    regions?: string[];
    poleRegions?: string[];
  } = {},
): Actor {
  return {
    userId: 'user',
    isNationalAdmin: roles.isNationalAdmin ?? false,
    isNationalObserver: roles.isNationalObserver ?? false,
    poleRoles: new Map(roles.poles ?? []),
    poleRegionCodes: new Set(roles.poleRegions ?? []),
    bodyIds: new Set(roles.regions ? ['body'] : []),
    regionCodes: new Set(roles.regions ?? []),
  };
}

// Figeac's pole in Occitanie (76), a pole in Auvergne-Rhône-Alpes (84), and a third one.
const figeac = { id: 'pole-figeac', regionCode: '76' };
const lyon = { id: 'pole-lyon', regionCode: '84' };
const third = { id: 'pole-third', regionCode: '84' };

const roles = {
  visitor: null,
  member: actor({ poles: [[figeac.id, 'member']], poleRegions: ['76'] }),
  poleAdmin: actor({ poles: [[figeac.id, 'admin']], poleRegions: ['76'] }),
  coordinator: actor({ regions: ['76'] }),
  observer: actor({ isNationalObserver: true }),
  nationalAdmin: actor({ isNationalAdmin: true }),
};
type Role = keyof typeof roles;
type Expected = 'ok' | RefusalReason;

/** One row per case: the permission, then the answer for each role in the order of `roles`. */
type Row = [string, Permission, Record<Role, Expected>];
const row = (
  name: string,
  permission: Permission,
  [visitor, member, poleAdmin, coordinator, observer, nationalAdmin]: [Expected, Expected, Expected, Expected, Expected, Expected],
): Row => [name, permission, { visitor, member, poleAdmin, coordinator, observer, nationalAdmin }];

const nsi = 'not-signed-in';
const verifiedFigeac = { ...figeac, verified: true };
const withdrawnFigeac = { ...figeac, verified: false };
const figeacLyon = { initiatorPoleId: figeac.id, recipientPoleId: lyon.id };
// Figeac is helped by the Lyon pole (Figeac's region follows it); the other twinning involves neither Figeac nor Occitanie.
const helpedFigeac = { mentorPoleId: lyon.id, menteePoleId: figeac.id, regionCode: '76', mentorRegionCode: '84' };
const othersTwinning = { mentorPoleId: lyon.id, menteePoleId: third.id, regionCode: '84', mentorRegionCode: '84' };
const ncd = 'not-coordinator';
const figeacVisit = { poleId: figeac.id, regionCode: '76' };
const lyonVisit = { poleId: lyon.id, regionCode: '84' };

// prettier-ignore
const table: Row[] = [
  //                                                                                   visitor member            pole admin        coordinator      observer             national admin
  row('edit own pole',            { action: 'pole:edit', pole: figeac },                  [nsi, 'not-pole-admin', 'ok',            'not-member',    'not-member',        'not-member']),
  row('see members, own region',  { action: 'pole:view-members', pole: figeac },          [nsi, 'ok',             'ok',            'ok',            'not-member',        'ok']),
  row('see members, elsewhere',   { action: 'pole:view-members', pole: lyon },            [nsi, 'not-member',     'not-member',    'other-region',  'not-member',        'ok']),
  row('invite a member',          { action: 'pole:invite-member', pole: figeac },         [nsi, 'not-pole-admin', 'ok',            'not-member',    'not-member',        'not-member']),
  row('invite a pole admin',      { action: 'pole:invite-admin', pole: figeac },          [nsi, 'not-coordinator','not-coordinator','ok',           'not-coordinator',   'not-coordinator']),
  row('validate, own region',     { action: 'pole:validate', pole: figeac },              [nsi, 'not-coordinator','not-coordinator','ok',           'not-coordinator',   'ok']),
  row('validate, elsewhere',      { action: 'pole:validate', pole: lyon },                [nsi, 'not-coordinator','not-coordinator','other-region', 'not-coordinator',   'ok']),
  row('coordination area',        { action: 'coordination:access' },                      [nsi, 'not-coordinator','not-coordinator','ok',           'not-coordinator',   'ok']),
  row('coordinate own region',    { action: 'region:coordinate', regionCode: '76' },      [nsi, 'not-coordinator','not-coordinator','ok',           'not-coordinator',   'ok']),
  row('coordinate elsewhere',     { action: 'region:coordinate', regionCode: '84' },      [nsi, 'not-coordinator','not-coordinator','other-region', 'not-coordinator',   'ok']),
  row('invite a coordinator',     { action: 'body:invite-coordinator', bodyId: 'body' },  [nsi, 'not-national-admin','not-national-admin','not-national-admin','not-national-admin','ok']),
  row('edit own body’s contact',  { action: 'body:edit-contact', bodyId: 'body' },       [nsi, 'not-coordinator','not-coordinator','ok',           'not-coordinator',   'ok']),
  row('edit another body’s',      { action: 'body:edit-contact', bodyId: 'other-body' }, [nsi, 'not-coordinator','not-coordinator','not-coordinator','not-coordinator', 'ok']),
  row('applications, own region', { action: 'pole-application:review', regionCode: '76' },[nsi, 'not-coordinator','not-coordinator','ok',           'not-coordinator',   'ok']),
  row('applications, elsewhere',  { action: 'pole-application:review', regionCode: '84' },[nsi, 'not-coordinator','not-coordinator','other-region', 'not-coordinator',   'ok']),
  row('administration area',      { action: 'admin:access' },                             [nsi, 'not-national-admin','not-national-admin','not-national-admin','not-national-admin','ok']),
  row('create an offer',          { action: 'offer:create', pole: verifiedFigeac },       [nsi, 'ok',             'ok',            'not-member',    'not-member',        'not-member']),
  row('create, withdrawn pole',   { action: 'offer:create', pole: withdrawnFigeac },      [nsi, 'pole-not-validated','pole-not-validated','not-member','not-member',      'not-member']),
  row('edit an offer',            { action: 'offer:edit', offer: { poleId: figeac.id } }, [nsi, 'ok',             'ok',            'not-member',    'not-member',        'not-member']),
  row('edit another pole’s offer',{ action: 'offer:edit', offer: { poleId: lyon.id } },   [nsi, 'not-member',     'not-member',    'not-member',    'not-member',        'not-member']),
  row('publish an offer',         { action: 'offer:publish', pole: verifiedFigeac },      [nsi, 'ok',             'ok',            'not-member',    'not-member',        'not-member']),
  row('publish, withdrawn pole',  { action: 'offer:publish', pole: withdrawnFigeac },     [nsi, 'pole-not-validated','pole-not-validated','not-member','not-member',      'not-member']),
  row('create a request',         { action: 'request:create', pole: verifiedFigeac },     [nsi, 'ok',             'ok',            'not-member',    'not-member',        'not-member']),
  row('edit a request',           { action: 'request:edit', request: { poleId: figeac.id } }, [nsi, 'ok',         'ok',            'not-member',    'not-member',        'not-member']),
  row('reopen, withdrawn pole',   { action: 'request:publish', pole: withdrawnFigeac },   [nsi, 'pole-not-validated','pole-not-validated','not-member','not-member',      'not-member']),
  row('start a conversation',     { action: 'conversation:start', fromPole: verifiedFigeac, toPole: lyon }, [nsi, 'ok', 'ok',      'not-member',    'not-member',        'not-member']),
  row('start, withdrawn pole',    { action: 'conversation:start', fromPole: withdrawnFigeac, toPole: lyon }, [nsi, 'pole-not-validated','pole-not-validated','not-member','not-member','not-member']),
  row('start with oneself',       { action: 'conversation:start', fromPole: verifiedFigeac, toPole: figeac }, [nsi, 'own-pole', 'own-pole','not-member','not-member',       'not-member']),
  row('contact link, other pole', { action: 'conversation:contact', toPole: lyon },       [nsi, 'ok',             'ok',            'no-pole',       'no-pole',           'no-pole']),
  row('contact link, own pole',   { action: 'conversation:contact', toPole: figeac },     [nsi, 'own-pole',       'own-pole',      'no-pole',       'no-pole',           'no-pole']),
  row('read a conversation',      { action: 'conversation:view', thread: figeacLyon },    [nsi, 'ok',             'ok',            'not-member',    'not-member',        'not-member']),
  row('reply for own pole',       { action: 'conversation:reply', thread: figeacLyon, asPole: figeac }, [nsi, 'ok', 'ok',          'not-member',    'not-member',        'not-member']),
  row('reply in others’ thread',  { action: 'conversation:reply', thread: { initiatorPoleId: lyon.id, recipientPoleId: third.id }, asPole: figeac }, [nsi, 'not-in-conversation', 'not-in-conversation', 'not-member', 'not-member', 'not-member']),
  row('moderate, own region',     { action: 'thread:moderate', thread: { regionCode: '76' } }, [nsi, 'not-coordinator','not-coordinator','ok',      'not-coordinator',   'ok']),
  row('moderate, elsewhere',      { action: 'thread:moderate', thread: { regionCode: '84' } }, [nsi, 'not-coordinator','not-coordinator','other-region','not-coordinator', 'ok']),
  row('moderate, national',       { action: 'thread:moderate', thread: { regionCode: null } }, [nsi, 'not-national-admin','not-national-admin','not-national-admin','not-national-admin','ok']),
  row('read own poles’ thread',   { action: 'thread:read', thread: { kind: 'poles', poleIds: [figeac.id, lyon.id], regionCode: '84' } }, [nsi, 'ok', 'ok', 'not-member', 'not-member', 'ok']),
  row('read thread, own region',  { action: 'thread:read', thread: { kind: 'poles', poleIds: [lyon.id, third.id], regionCode: '76' } }, [nsi, 'not-member', 'not-member', 'ok', 'not-member', 'ok']),
  row('read thread, elsewhere',   { action: 'thread:read', thread: { kind: 'poles', poleIds: [lyon.id, third.id], regionCode: '84' } }, [nsi, 'not-member', 'not-member', 'not-member', 'not-member', 'ok']),
  row('read own region’s forum',  { action: 'thread:read', thread: { kind: 'forum', regionCode: '76' } }, [nsi, 'ok', 'ok',  'ok',            'not-member',        'ok']),
  row('read another forum',       { action: 'thread:read', thread: { kind: 'forum', regionCode: '84' } }, [nsi, 'not-member', 'not-member', 'not-member', 'not-member', 'ok']),
  row('read the national forum',  { action: 'thread:read', thread: { kind: 'forum', regionCode: null } }, [nsi, 'ok', 'ok',  'not-member',    'not-member',        'ok']),
  row('report in own thread',     { action: 'thread:report', thread: { kind: 'poles', poleIds: [figeac.id], regionCode: '76' } }, [nsi, 'ok', 'ok', 'ok', 'not-member', 'ok']),
  row('post in own poles’ thread',{ action: 'thread:post', thread: { kind: 'poles', poleIds: [figeac.id, lyon.id], regionCode: '76' } }, [nsi, 'ok', 'ok', 'not-member', 'not-member', 'not-member']),
  row('post in own region’s forum',{ action: 'thread:post', thread: { kind: 'forum', regionCode: '76' } }, [nsi, 'ok', 'ok', 'ok',            'not-member',        'ok']),
  row('post in another forum',    { action: 'thread:post', thread: { kind: 'forum', regionCode: '84' } }, [nsi, 'not-member', 'not-member', 'not-member', 'not-member', 'ok']),
  row('post, national forum',     { action: 'thread:post', thread: { kind: 'forum', regionCode: null } }, [nsi, 'ok', 'ok',  'not-member',    'not-member',        'ok']),
  row('open a topic, own region', { action: 'forum:open-topic', regionCode: '76' },        [nsi, 'ok',             'ok',            'ok',            'not-member',        'ok']),
  row('open a topic, elsewhere',  { action: 'forum:open-topic', regionCode: '84' },        [nsi, 'not-member',     'not-member',    'not-member',    'not-member',        'ok']),
  row('open a national topic',    { action: 'forum:open-topic', regionCode: null },        [nsi, 'not-national-admin','not-national-admin','not-national-admin','not-national-admin','ok']),
  row('moderation desk',          { action: 'moderation:desk' },                           [nsi, ncd,              ncd,             'ok',            ncd,                 'ok']),
  row('figures, own region',      { action: 'figures:read', regionCode: '76' },           [nsi, 'not-coordinator','not-coordinator','ok',           'ok',                'ok']),
  row('figures, elsewhere',       { action: 'figures:read', regionCode: '84' },           [nsi, 'not-coordinator','not-coordinator','other-region', 'ok',                'ok']),
  row('figures, national',        { action: 'figures:read', regionCode: null },           [nsi, 'not-national-council','not-national-council','not-national-council','ok','ok']),
  row('pairing desk, own region', { action: 'pairing:desk', regionCode: '76' },           [nsi, ncd,              ncd,             'ok',            ncd,                 'ok']),
  row('pairing desk, elsewhere',  { action: 'pairing:desk', regionCode: '84' },           [nsi, ncd,              ncd,             'other-region',  ncd,                 'ok']),
  row('propose, own region',      { action: 'twinning:propose', mentee: figeac },         [nsi, ncd,              ncd,             'ok',            ncd,                 'ok']),
  row('propose, elsewhere',       { action: 'twinning:propose', mentee: lyon },           [nsi, ncd,              ncd,             'other-region',  ncd,                 'ok']),
  row('see own pole’s twinning',  { action: 'twinning:view', twinning: helpedFigeac },    [nsi, 'ok',             'ok',            'ok',            'not-member',        'ok']),
  row('see others’ twinning',     { action: 'twinning:view', twinning: othersTwinning },  [nsi, 'not-member',     'not-member',    'other-region',  'not-member',        'ok']),
  row('answer for own side',      { action: 'twinning:respond', twinning: helpedFigeac, side: 'mentee' }, [nsi, 'not-pole-admin', 'ok', 'not-member', 'not-member',    'not-member']),
  row('answer for other side',    { action: 'twinning:respond', twinning: helpedFigeac, side: 'mentor' }, [nsi, 'not-member', 'not-member', 'not-member', 'not-member',   'not-member']),
  row('cancel, own region',       { action: 'twinning:cancel', twinning: helpedFigeac },  [nsi, ncd,              ncd,             'ok',            ncd,                 'ok']),
  row('cancel, elsewhere',        { action: 'twinning:cancel', twinning: othersTwinning }, [nsi, ncd,             ncd,             'other-region',  ncd,                 'ok']),
  row('goals and notes',          { action: 'twinning:work', twinning: helpedFigeac },    [nsi, 'ok',             'ok',            'not-member',    'not-member',        'not-member']),
  row('evaluate own side',        { action: 'twinning:evaluate', twinning: helpedFigeac, side: 'mentee' }, [nsi, 'not-pole-admin', 'ok', 'not-member', 'not-member',   'not-member']),
  row('show publicly, own side',  { action: 'twinning:publicity', twinning: helpedFigeac, side: 'mentee' }, [nsi, 'not-pole-admin', 'ok', 'not-member', 'not-member', 'not-member']),
  row('ask for a twinning',       { action: 'twinning:ask', fromPole: verifiedFigeac, withPole: lyon }, [nsi, 'ok', 'ok',          'not-member',    'not-member',        'not-member']),
  row('ask, withdrawn pole',      { action: 'twinning:ask', fromPole: withdrawnFigeac, withPole: lyon }, [nsi, 'pole-not-validated', 'pole-not-validated', 'not-member', 'not-member', 'not-member']),
  row('ask with oneself',         { action: 'twinning:ask', fromPole: verifiedFigeac, withPole: figeac }, [nsi, 'own-pole', 'own-pole', 'not-member', 'not-member',      'not-member']),
  row('reopen, own region',       { action: 'request:reopen', pole: figeac },             [nsi, ncd,              ncd,             'ok',            ncd,                 'ok']),
  row('reopen, elsewhere',        { action: 'request:reopen', pole: lyon },               [nsi, ncd,              ncd,             'other-region',  ncd,                 'ok']),
  row('host a visit',             { action: 'visit:create', pole: verifiedFigeac },       [nsi, 'not-pole-admin', 'ok',            'not-member',    'not-member',        'not-member']),
  row('host, withdrawn pole',     { action: 'visit:create', pole: withdrawnFigeac },      [nsi, 'pole-not-validated','pole-not-validated','not-member','not-member',      'not-member']),
  row('edit own pole’s visit',    { action: 'visit:edit', visit: { poleId: figeac.id } }, [nsi, 'not-pole-admin', 'ok',            'not-member',    'not-member',        'not-member']),
  row('host’s side of bookings',  { action: 'visit:host', visit: { poleId: figeac.id } }, [nsi, 'ok',             'ok',            'not-member',    'not-member',        'not-member']),
  row('host’s side, other visit', { action: 'visit:host', visit: { poleId: lyon.id } },   [nsi, 'not-member',     'not-member',    'not-member',    'not-member',        'not-member']),
  row('book another pole’s visit',{ action: 'visit:book', fromPole: verifiedFigeac, visit: { poleId: lyon.id } }, [nsi, 'ok', 'ok', 'not-member', 'not-member',   'not-member']),
  row('book own pole’s visit',    { action: 'visit:book', fromPole: verifiedFigeac, visit: { poleId: figeac.id } }, [nsi, 'own-pole', 'own-pole', 'not-member', 'not-member', 'not-member']),
  row('book, withdrawn pole',     { action: 'visit:book', fromPole: withdrawnFigeac, visit: { poleId: lyon.id } }, [nsi, 'pole-not-validated', 'pole-not-validated', 'not-member', 'not-member', 'not-member']),
  row('own pole’s booking',       { action: 'visit:booking', booking: { poleId: figeac.id } }, [nsi, 'ok',        'ok',            'not-member',    'not-member',        'not-member']),
  row('another pole’s booking',   { action: 'visit:booking', booking: { poleId: lyon.id } }, [nsi, 'not-member',  'not-member',    'not-member',    'not-member',        'not-member']),
  row('feedback, own region',     { action: 'visit:read-feedback', visit: figeacVisit },  [nsi, 'ok',             'ok',            'ok',            'not-member',        'ok']),
  row('feedback, elsewhere',      { action: 'visit:read-feedback', visit: lyonVisit },    [nsi, 'not-member',     'not-member',    'other-region',  'not-member',        'ok']),
];

const cases = table.flatMap(([name, permission, expected]) =>
  (Object.keys(roles) as Role[]).map((role) => ({ name, role, permission, expected: expected[role] })),
);

describe('can: every role × every permission', () => {
  test.each(cases)('$name as $role → $expected', ({ role, permission, expected }) => {
    const decision = can(roles[role], permission);
    expect(decision).toEqual(expected === 'ok' ? { ok: true } : { ok: false, reason: expected });
    expect(allowed(roles[role], permission)).toBe(expected === 'ok');
  });

  test('the table covers every action', () => {
    // A new action that is not listed here fails to compile.
    const everyAction: Record<PermissionAction, true> = {
      'pole:edit': true,
      'pole:view-members': true,
      'pole:invite-member': true,
      'pole:invite-admin': true,
      'pole:validate': true,
      'coordination:access': true,
      'region:coordinate': true,
      'body:invite-coordinator': true,
      'body:edit-contact': true,
      'pole-application:review': true,
      'admin:access': true,
      'offer:create': true,
      'offer:edit': true,
      'offer:publish': true,
      'request:create': true,
      'request:edit': true,
      'request:publish': true,
      'conversation:start': true,
      'conversation:contact': true,
      'conversation:view': true,
      'conversation:reply': true,
      'pairing:desk': true,
      'twinning:propose': true,
      'twinning:view': true,
      'twinning:respond': true,
      'twinning:cancel': true,
      'twinning:work': true,
      'twinning:evaluate': true,
      'twinning:publicity': true,
      'twinning:ask': true,
      'request:reopen': true,
      'visit:create': true,
      'visit:edit': true,
      'visit:host': true,
      'visit:book': true,
      'visit:booking': true,
      'visit:read-feedback': true,
      'thread:moderate': true,
      'thread:read': true,
      'thread:post': true,
      'thread:report': true,
      'forum:open-topic': true,
      'moderation:desk': true,
      'figures:read': true,
    };
    expect(new Set(table.map(([, permission]) => permission.action))).toEqual(new Set(Object.keys(everyAction)));
  });

  test('every reason is used by the table and has a French and an English sentence', () => {
    const used = new Set(table.flatMap(([, , expected]) => Object.values(expected)).filter((answer) => answer !== 'ok'));
    expect(used).toEqual(new Set(refusalReasons));
    for (const reason of refusalReasons) {
      expect(french.permissions.reasons[reason], reason).toMatch(/\S.*\.$/);
      expect(english.permissions.reasons[reason], reason).toMatch(/\S.*\.$/);
    }
  });

  test('a socket handler gets an error to acknowledge with, that hides what one may not see', () => {
    const moderate: Permission = { action: 'thread:moderate', thread: { regionCode: '84' } };
    expect(socketPermission(null, moderate)).toEqual({ ok: false, error: 'unauthorized' });
    expect(socketPermission(roles.coordinator, moderate)).toEqual({ ok: false, error: 'not-found' });
    expect(socketPermission(roles.coordinator, moderate, { visible: true })).toEqual({ ok: false, error: 'forbidden', reason: 'other-region' });
    expect(socketPermission(roles.nationalAdmin, moderate)).toEqual({ ok: true, actor: roles.nationalAdmin });
  });
});

// ─── Actors from the database: by user, by session, by request ──────────

describe('actors built outside a request', async () => {
  const { context, services, cookieFor } = await setupTestContext();
  const { db } = services;

  async function userIdOf(email: string) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    return user!.id;
  }
  /** The session id socket.io and jobs hold: the SHA-256 of the cookie's token. */
  async function sessionOf(email: string) {
    const cookie = await cookieFor(email);
    return { cookie, sessionId: hashToken(decodeURIComponent(cookie.split('=')[1]!)) };
  }

  test('from a session id, the same roles as from the request that carries its cookie', async () => {
    const { cookie, sessionId } = await sessionOf('coord.occitanie@demo.ptce.fr');
    const fromSession = await loadActorForSession(db, sessionId);
    const fromRequest = await getActor(makeRequest('/', { cookie }), context);
    expect(fromSession).toEqual(fromRequest);
    expect(fromSession).toMatchObject({ userId: await userIdOf('coord.occitanie@demo.ptce.fr'), isNationalAdmin: false, isNationalObserver: false });
    expect([...fromSession!.regionCodes]).toEqual(['76']);
    expect(allowed(fromSession, { action: 'thread:moderate', thread: { regionCode: '76' } })).toBe(true);
    // Every role, read in one statement from the session, as from the request: poles, their regions, bodies.
    for (const email of ['admin@demo.ptce.fr', 'figeacteurs@demo.ptce.fr', 'membre@demo.ptce.fr', 'observateur@demo.ptce.fr', 'cantal@demo.ptce.fr']) {
      const other = await sessionOf(email);
      expect(await loadActorForSession(db, other.sessionId), email).toEqual(await getActor(makeRequest('/', { cookie: other.cookie }), context));
    }
    const member = await loadActorForSession(db, (await sessionOf('figeacteurs@demo.ptce.fr')).sessionId);
    expect([...member!.poleRoles.values()]).toEqual(['admin']);
    expect([...member!.poleRegionCodes]).toEqual(['76']);
  });

  test('a session that has ended gives no actor, and asking does not extend it', async () => {
    const { sessionId } = await sessionOf('membre@demo.ptce.fr');
    const [before] = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, sessionId));
    expect(await loadActorForSession(db, sessionId)).not.toBeNull();
    const [after] = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, sessionId));
    expect(after!.expiresAt).toEqual(before!.expiresAt);

    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sessionId));
    expect(await loadActorForSession(db, sessionId)).toBeNull();

    const old = await sessionOf('membre@demo.ptce.fr');
    await db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 61 * 24 * 60 * 60 * 1000) })
      .where(eq(sessions.id, old.sessionId));
    expect(await loadActorForSession(db, old.sessionId)).toBeNull();

    const signedOut = await sessionOf('membre@demo.ptce.fr');
    await services.auth.invalidateSession(signedOut.sessionId);
    expect(await loadActorForSession(db, signedOut.sessionId)).toBeNull();
    expect(await loadActorForSession(db, 'no-such-session')).toBeNull();
  });

  test('from a user id; null for an account that does not exist', async () => {
    const member = await loadActor(db, await userIdOf('membre@demo.ptce.fr'));
    expect(member!.poleRoles.size).toBe(1);
    expect(await loadActor(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  test('the demo observer reads every figure, and moderates and administers nothing', async () => {
    const observer = await loadActor(db, await userIdOf('observateur@demo.ptce.fr'));
    expect(observer).toMatchObject({ isNationalObserver: true, isNationalAdmin: false });
    expect(allowed(observer, { action: 'figures:read', regionCode: null })).toBe(true);
    expect(allowed(observer, { action: 'figures:read', regionCode: '84' })).toBe(true);
    expect(can(observer, { action: 'thread:moderate', thread: { regionCode: '76' } })).toEqual({ ok: false, reason: 'not-coordinator' });
    expect(can(observer, { action: 'admin:access' })).toEqual({ ok: false, reason: 'not-national-admin' });
    expect(can(observer, { action: 'coordination:access' })).toEqual({ ok: false, reason: 'not-coordinator' });

    const nationalAdmin = await loadActor(db, await userIdOf('admin@demo.ptce.fr'));
    expect(allowed(nationalAdmin, { action: 'figures:read', regionCode: null })).toBe(true);
    expect(allowed(nationalAdmin, { action: 'thread:moderate', thread: { regionCode: '84' } })).toBe(true);
  });

  test('requirePermission: a visitor goes to sign in, a signed-in refusal is the 404 of a missing record', async () => {
    const permission: Permission = { action: 'thread:moderate', thread: { regionCode: '84' } };
    const visitor = await settle(requirePermission(makeRequest('/moderation'), context, permission));
    expect(visitor.status).toBe(302);
    expect(visitor.location).toBe('/connexion?redirectTo=%2Fmoderation');

    const { cookie } = await sessionOf('coord.occitanie@demo.ptce.fr');
    const refused = await settle(requirePermission(makeRequest('/moderation', { cookie }), context, permission));
    expect(refused.status).toBe(404);

    const aura = await sessionOf('coord.aura@demo.ptce.fr');
    const actor = await requirePermission(makeRequest('/moderation', { cookie: aura.cookie }), context, permission);
    expect([...actor.regionCodes]).toContain('84');
  });
});
