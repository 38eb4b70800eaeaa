import type { PasswordResetConfirmBody } from '@parley/shared';
import type { AppContext } from '../app-context';
import { deleteUserSessions, findUserByEmail, takeAllowance } from '../auth/auth-repository';
import { normalizeEmail } from '../auth/auth-service';
import { hashPassword } from '../auth/password';
import { hashSessionToken, newSessionToken, throttleKey } from '../auth/session-token';
import { AppError } from '../http/errors';
import type { Mailer } from '../mail/mailer';
import { resetMail } from './reset-mail';
import { consumeReset, insertReset, retireResets, setPasswordHash } from './reset-repository';

export const RESET_MAX_AGE_SECONDS = 60 * 60;
/** At most this many reset e-mails per address per window: nobody can flood a mailbox. */
export const RESET_THROTTLE = { perEmail: 3, windowSeconds: 15 * 60 };

/**
 * Sends a reset link when the address has an account. The answer never says whether it has one
 * (the route always answers 202), and the link's token is stored only as a hash.
 */
export async function requestReset(
  ctx: AppContext,
  mailer: Mailer,
  email: string,
  /** A trusted one (linkOrigin): PUBLIC_URL, or loopback. */
  origin: string,
): Promise<void> {
  const address = normalizeEmail(email);
  const user = await findUserByEmail(ctx.db, address);
  if (!user) return;
  // The counter lives in PostgreSQL, keyed by an HMAC: no address is stored, limits hold across instances.
  const key = throttleKey(ctx.config.sessionSecret, 'email', `reset:${address}`);
  const { perEmail, windowSeconds } = RESET_THROTTLE;
  const allowed = await takeAllowance(ctx.db, key, perEmail, windowSeconds);
  if (!allowed) return;

  const token = newSessionToken();
  await insertReset(ctx.db, hashSessionToken(token), user.id, RESET_MAX_AGE_SECONDS);
  // The token travels in the fragment: it never reaches a server log or a Referer header.
  const link = `${origin}/reset-password#token=${token}`;
  await mailer.send(resetMail(user, link));
}

/** Sets the new password; every session of the account ends (whoever had it is signed out). */
export async function confirmReset(ctx: AppContext, body: PasswordResetConfirmBody): Promise<void> {
  const passwordHash = await hashPassword(body.password);
  const done = await ctx.db.tx(async (q) => {
    const userId = await consumeReset(q, hashSessionToken(body.token));
    if (!userId) return false;
    await setPasswordHash(q, userId, passwordHash);
    await retireResets(q, userId);
    await deleteUserSessions(q, userId);
    return true;
  });
  if (!done) throw new AppError(400, 'invalid_token', 'This link has expired or was already used.');
}
