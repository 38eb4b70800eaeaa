import { createHash, createHmac, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'parley_session';
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const newSessionToken = () => randomBytes(32).toString('base64url');

/** Only the hash is stored: a copy of the sessions table does not let anyone sign in. */
export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Throttling keys are keyed hashes, so the failures table holds no e-mail or IP address. */
export const throttleKey = (secret: string, kind: 'email' | 'ip' | 'email+ip', value: string) =>
  createHmac('sha256', secret).update(`${kind}:${value}`).digest('base64url');

/** Reads one cookie from a Cookie header (no dependency needed for one name). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value === '' ? null : value;
    }
  }
  return null;
}
