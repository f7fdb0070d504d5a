import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random token of 256 bits, for cookies and e-mailed links. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of a token: a leaked row opens nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
