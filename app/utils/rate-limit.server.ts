import { isIPv4, isIPv6 } from 'node:net';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { i18next } from '#app/i18next.server';
import { hashToken } from '#app/utils/crypto.server';
import type { Database } from '#db/client';
import { rateLimits } from '#db/schema';

/**
 * Counters that refuse too many attempts, kept in the database so every app process shares them.
 * The numbers and why are in docs/decisions/009-login-protection.md.
 */
export type Limiters = ReturnType<typeof createLimiters>;

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;
/** Messages one person may send per minute in live threads: far above a conversation, far below a flood. */
export const messagesPerMinute = 20;

export function createLimiters(db: Database) {
  const make = (keyPrefix: string, points: number, durationSeconds: number) =>
    new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix,
      points,
      duration: durationSeconds,
      clearExpiredByTimeout: false,
    });
  return {
    // Password checks (sign-in, password change): only failures count, and a success clears the first.
    /** Strict: consecutive failures for one account from one address. */
    passwordFailsByAccountAndAddress: make('password-fails-account-address', 5, 15 * minute),
    /** One address trying many accounts. */
    passwordFailsByAddress: make('password-fails-address', 100, day),
    /** One account tried from many addresses: far above what one address can reach (20 an hour). */
    passwordFailsByAccount: make('password-fails-account', 50, hour),
    // Reset links asked for: every request counts, since each may send a mail.
    resetByAccount: make('reset-account', 3, hour),
    resetByAddress: make('reset-address', 10, hour),
    // Reset and invitation links used (the forms that hash a new password): per address and per link.
    linkUseByAddress: make('link-use-address', 10, 15 * minute),
    linkUseByLink: make('link-use-link', 5, 15 * minute),
    // Invitations sent: per inviting person, and per invited address whoever invites.
    invitationsByInviter: make('invitations-inviter', 20, hour),
    invitationsByAddress: make('invitations-address', 5, day),
    // « Inscrire mon pôle »: anyone may send it and each sends mail (to the contact, to coordinators).
    poleApplicationsByAddress: make('pole-applications-address', 5, hour),
    poleApplicationsByContact: make('pole-applications-contact', 3, day),
    // Messages in live threads (decision 019), per person whatever the thread, the form or the socket.
    messages: make('messages-person', messagesPerMinute, minute),
  };
}

/** One counter and the key it counts. */
export type Counter = readonly [limiter: RateLimiterDrizzle, key: string];

export class TooManyAttempts extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many attempts');
  }
}

const refusal = (states: RateLimiterRes[]) => new TooManyAttempts(Math.max(1, Math.ceil(Math.max(...states.map((state) => state.msBeforeNext)) / 1000)));

/** The cheap check before any work: refuses, counting nothing, when a counter is already used up. */
export async function checkCounters(counters: readonly Counter[]): Promise<TooManyAttempts | null> {
  const states = await Promise.all(counters.map(([limiter, key]) => limiter.get(key)));
  const exhausted = states.filter((state, index): state is RateLimiterRes => state !== null && state.consumedPoints >= counters[index]![0].points);
  return exhausted.length > 0 ? refusal(exhausted) : null;
}

/**
 * Checks, then takes one point from each counter. Taking is atomic in the database, so requests
 * sent in parallel cannot all slip past the check; when a counter refuses, every point just taken
 * is given back: a refused attempt leaves no trace and never lengthens anyone's wait.
 */
export async function takePoints(counters: readonly Counter[]): Promise<TooManyAttempts | null> {
  const blocked = await checkCounters(counters);
  if (blocked) return blocked;
  const results = await Promise.allSettled(counters.map(([limiter, key]) => limiter.consume(key)));
  const refused = results.flatMap((result) => (result.status === 'rejected' && result.reason instanceof RateLimiterRes ? [result.reason] : []));
  const failure = results.find((result) => result.status === 'rejected' && !(result.reason instanceof RateLimiterRes));
  if (refused.length === 0 && !failure) return null;
  // A point refused by its limiter was counted too; a database failure may not have been.
  const taken = counters.filter(
    (_, index) => results[index]!.status === 'fulfilled' || (results[index] as PromiseRejectedResult).reason instanceof RateLimiterRes,
  );
  await givePointsBack(taken);
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return refusal(refused);
}

/** Returns the point an attempt took, once it turned out not to count (a right password, nothing sent). */
export async function givePointsBack(counters: readonly Counter[]): Promise<void> {
  await Promise.all(counters.map(([limiter, key]) => limiter.reward(key, 1)));
}

/** The counters of a form that hashes a new password from a link (reset, invitation): per address and per link. */
export function linkCounters(limiters: Limiters, input: { token: string; clientIp: string }): Counter[] {
  return [
    [limiters.linkUseByAddress, addressKey(input.clientIp)],
    // The link's hash, as in the links' own tables: the counters never hold a usable link.
    [limiters.linkUseByLink, hashToken(input.token)],
  ];
}

/**
 * The key of a client address. IPv4 as is; IPv6 by its /64 network, which one subscriber usually
 * holds whole (counting single IPv6 addresses would give each client 2^64 fresh counters).
 */
export function addressKey(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head, tail] = address.includes('::') ? address.split('::') : [address, ''];
  const groupsOf = (part: string | undefined) => (part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : []);
  const [before, after] = [groupsOf(head), groupsOf(tail)];
  const groups = [...before, ...Array<string>(Math.max(0, 8 - before.length - after.length)).fill('0'), ...after];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** The 429 status and the Retry-After header that go with every refusal. */
export function tooManyAttemptsInit(error: TooManyAttempts): { status: 429; headers: { 'Retry-After': string } } {
  return { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } };
}

/**
 * For a route's `headers` export: without it, a page answered to a form sent without JavaScript
 * would lose the action's Retry-After (Remix keeps only cookies from loaders and actions).
 */
export function keepRetryAfter({
  actionHeaders,
  errorHeaders,
  parentHeaders,
}: {
  actionHeaders: Headers;
  errorHeaders?: Headers;
  parentHeaders: Headers;
}): Headers {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get('Retry-After') ?? errorHeaders?.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
}

/**
 * The refusal in the page's language, in minutes or, past an hour and a half, in hours; it never
 * says whether the account exists. `key` names a catalogue entry with `_one`/`_other` forms and a
 * `Hours` twin.
 */
export async function tooManyAttemptsMessage(error: TooManyAttempts, request: Request, key = 'errors.tooManyAttempts'): Promise<string> {
  const t = await i18next.getFixedT(request);
  const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
  return minutes > 90 ? t(`${key}Hours`, { count: Math.ceil(minutes / 60) }) : t(key, { count: minutes });
}
