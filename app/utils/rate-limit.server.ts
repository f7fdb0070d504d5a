import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { i18next } from '#app/i18next.server';
import type { Database } from '#db/client';
import { rateLimits } from '#db/schema';

/**
 * Attempts at signing in and asking for a reset link are counted per account (the address typed,
 * whether or not it exists) and per client address. Counters live in the database so every app
 * process shares them.
 */
export type Limiters = ReturnType<typeof createLimiters>;

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
    signInByAccount: make('signin-account', 5, 15 * 60),
    signInByAddress: make('signin-address', 30, 15 * 60),
    resetByAccount: make('reset-account', 3, 60 * 60),
    resetByAddress: make('reset-address', 10, 60 * 60),
  };
}

export class TooManyAttempts extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many attempts');
  }
}

/** Consumes one point on each limiter; throws TooManyAttempts when any is exhausted. */
export async function consumeAttempt(entries: Array<[RateLimiterDrizzle, string]>): Promise<void> {
  const results = await Promise.allSettled(entries.map(([limiter, key]) => limiter.consume(key.toLowerCase())));
  const refused = results.flatMap((result) =>
    result.status === 'rejected' && result.reason instanceof RateLimiterRes ? [result.reason] : [],
  );
  const failure = results.find((result) => result.status === 'rejected' && !(result.reason instanceof RateLimiterRes));
  if (failure && failure.status === 'rejected') throw failure.reason;
  if (refused.length > 0) {
    throw new TooManyAttempts(Math.ceil(Math.max(...refused.map((res) => res.msBeforeNext)) / 1000));
  }
}

/** The refusal in the page's language; it never says whether the account exists. */
export async function tooManyAttemptsMessage(error: TooManyAttempts, request: Request): Promise<string> {
  const t = await i18next.getFixedT(request);
  return t('errors.tooManyAttempts', { count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
}
