import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle';
import { redirect } from '@remix-run/node';
import { parse, serialize } from 'cookie';
import { and, eq, lt, ne } from 'drizzle-orm';
import { Lucia, TimeSpan } from 'lucia';
import type { Database } from '#db/client';
import { sessions, users } from '#db/schema';
import { safeRedirectPath } from './redirect';
import { generateToken, hashToken } from './crypto.server';

/**
 * lucia v3 stays behind this module: the rest of the app sees `getSession`, `requireSession`,
 * `requireAnonymous`, `createSessionCookie`, `blankCookie`, `invalidateSession` and nothing of
 * lucia, so it can be replaced without touching routes.
 */

const idleTimeout = new TimeSpan(14, 'd');
/** Past this age a session ends even if used every day. */
export const absoluteLifetimeMs = 60 * 24 * 60 * 60 * 1000;

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: { createdAt: Date; userAgent: string | null };
    DatabaseUserAttributes: { email: string; name: string; isNationalAdmin: boolean; isNationalObserver: boolean };
  }
}

function createLucia(db: Database) {
  // The adapter only needs the shared query-builder API, which both drivers provide.
  const adapter = new DrizzlePostgreSQLAdapter(db as never, sessions, users);
  return new Lucia(adapter, {
    sessionExpiresIn: idleTimeout,
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt, userAgent: attributes.userAgent }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      isNationalAdmin: attributes.isNationalAdmin,
      isNationalObserver: attributes.isNationalObserver,
    }),
  });
}

export type SessionUser = { id: string; email: string; name: string; isNationalAdmin: boolean; isNationalObserver: boolean };
export type AuthSession = { id: string; user: SessionUser; createdAt: Date; expiresAt: Date };

export type Auth = ReturnType<typeof createAuth>;

export function createAuth(db: Database, options: { secureCookies: boolean }) {
  const lucia = createLucia(db);
  const cookieName = options.secureCookies ? '__Host-ptce_session' : 'ptce_session';
  const cookieAttributes = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookies,
    path: '/',
  };
  const validated = new WeakMap<Request, Promise<AuthSession | null>>();

  async function validate(request: Request): Promise<AuthSession | null> {
    const token = parse(request.headers.get('Cookie') ?? '')[cookieName];
    if (!token) return null;
    const { session, user } = await lucia.validateSession(hashToken(token));
    if (!session || !user) return null;
    if (Date.now() - session.createdAt.getTime() > absoluteLifetimeMs) {
      await lucia.invalidateSession(session.id);
      return null;
    }
    return {
      id: session.id,
      user: { id: user.id, email: user.email, name: user.name, isNationalAdmin: user.isNationalAdmin, isNationalObserver: user.isNationalObserver },
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
    };
  }

  return {
    cookieName,

    /** The signed-in session, validated once per request. */
    getSession(request: Request): Promise<AuthSession | null> {
      let result = validated.get(request);
      if (!result) {
        result = validate(request);
        validated.set(request, result);
      }
      return result;
    },

    /** Validates a raw cookie header (socket.io handshakes). */
    async getSessionFromCookieHeader(cookieHeader: string | undefined): Promise<AuthSession | null> {
      return validate(new Request('http://local/', { headers: { Cookie: cookieHeader ?? '' } }));
    },

    /** Opens a new session (always a new token, so a planted cookie is never promoted) and returns its cookie. */
    async createSessionCookie(userId: string, userAgent: string | null): Promise<string> {
      const token = generateToken();
      await lucia.createSession(userId, { createdAt: new Date(), userAgent: userAgent?.slice(0, 300) ?? null }, { sessionId: hashToken(token) });
      return serialize(cookieName, token, { ...cookieAttributes, maxAge: absoluteLifetimeMs / 1000 });
    },

    blankCookie(): string {
      return serialize(cookieName, '', { ...cookieAttributes, maxAge: 0 });
    },

    invalidateSession: (sessionId: string) => lucia.invalidateSession(sessionId),

    /** Ends every session of the user but the one given (after a password change). */
    async invalidateOtherSessions(userId: string, keepSessionId: string | null) {
      await db.delete(sessions).where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
    },

    deleteExpiredSessions: () => db.delete(sessions).where(lt(sessions.expiresAt, new Date())),
  };
}

type AuthContext = { auth: Auth };

/** Guard: the signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireSession(request: Request, context: AuthContext): Promise<AuthSession> {
  const session = await context.auth.getSession(request);
  if (!session) {
    const url = new URL(request.url);
    const redirectTo = safeRedirectPath(url.pathname + url.search);
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return session;
}

/** Guard for pages only for signed-out visitors (sign-in, reset): a signed-in person goes to their start page. */
export async function requireAnonymous(request: Request, context: AuthContext): Promise<void> {
  if (await context.auth.getSession(request)) throw redirect('/tableau-de-bord');
}
