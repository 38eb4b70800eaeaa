import type { LoginBody, Me, RegisterBody, UpdateMeBody } from '@parley/shared';
import type { z } from 'zod';
import type { AppContext } from '../app-context';
import { uuidv7 } from '../db/uuid';
import { AppError } from '../http/errors';
import {
  clearFailures,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findUserByEmail,
  findViewerBySession,
  insertSession,
  insertUser,
  recordFailures,
  setUserLang,
  setUserNotifyByEmail,
  throttledFor,
} from './auth-repository';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { hashSessionToken, newSessionToken, SESSION_MAX_AGE_SECONDS, throttleKey } from './session-token';
import { ANONYMOUS_VIEWER, toMe, type Viewer } from './viewer';

export const THROTTLE = { windowSeconds: 15 * 60, perEmail: 5, perIp: 30 };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface SignedIn {
  me: Me;
  token: string;
}

async function startSession(ctx: AppContext, userId: string, oldToken: string | null): Promise<SignedIn> {
  const token = newSessionToken();
  const viewer = await ctx.db.tx(async (q) => {
    // Rotation: the session sent along (if any) ends, so a fixed-in-advance cookie is useless.
    if (oldToken) await deleteSession(q, hashSessionToken(oldToken));
    await insertSession(q, hashSessionToken(token), userId, SESSION_MAX_AGE_SECONDS);
    return findViewerBySession(q, hashSessionToken(token));
  });
  if (!viewer?.user) throw new Error('session vanished right after it was created');
  return { me: toMe({ ...viewer, user: viewer.user }), token };
}

export async function register(
  ctx: AppContext,
  body: z.output<typeof RegisterBody>,
  oldToken: string | null,
): Promise<SignedIn> {
  const user = await insertUser(ctx.db, {
    id: uuidv7(),
    email: normalizeEmail(body.email),
    displayName: body.displayName,
    passwordHash: await hashPassword(body.password),
    role: 'participant',
    lang: body.lang,
  });
  if (!user) throw new AppError(409, 'email_taken', 'An account with this e-mail already exists.');
  return startSession(ctx, user.id, oldToken);
}

export async function login(
  ctx: AppContext,
  body: z.output<typeof LoginBody>,
  ip: string,
  oldToken: string | null,
): Promise<SignedIn> {
  const { windowSeconds, perEmail, perIp } = THROTTLE;
  const email = normalizeEmail(body.email);
  const emailKey = throttleKey(ctx.config.sessionSecret, 'email', email);
  const ipKey = throttleKey(ctx.config.sessionSecret, 'ip', ip);
  // Counted in PostgreSQL, not in memory, so the limit holds across server instances.
  const wait = Math.max(
    (await throttledFor(ctx.db, emailKey, perEmail, windowSeconds)) ?? 0,
    (await throttledFor(ctx.db, ipKey, perIp, windowSeconds)) ?? 0,
  );
  if (wait > 0) {
    throw new AppError(429, 'too_many_attempts', 'Too many failed sign-ins. Try again later.', {
      'Retry-After': String(wait),
    });
  }

  const user = await findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) {
    await ctx.db.tx((q) => recordFailures(q, [emailKey, ipKey], windowSeconds));
    throw new AppError(401, 'invalid_credentials', 'Wrong e-mail or password.');
  }
  await clearFailures(ctx.db, emailKey);
  await deleteExpiredSessions(ctx.db);
  return startSession(ctx, user.id, oldToken);
}

export async function logout(ctx: AppContext, token: string | null): Promise<void> {
  if (token) await deleteSession(ctx.db, hashSessionToken(token));
}

/** Ends every session of the signed-in user, on every device (a lost phone, a shared computer). */
export async function logoutEverywhere(ctx: AppContext, viewer: Viewer): Promise<{ sessionsEnded: number }> {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  return { sessionsEnded: await deleteUserSessions(ctx.db, viewer.user.id) };
}

export async function viewerFromToken(ctx: AppContext, token: string | null): Promise<Viewer> {
  if (!token) return ANONYMOUS_VIEWER;
  return (await findViewerBySession(ctx.db, hashSessionToken(token))) ?? ANONYMOUS_VIEWER;
}

export function requireMe(viewer: Viewer): Me {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  return toMe({ ...viewer, user: viewer.user });
}

/**
 * Saves the account's preferences (the UI language, decision e-mails) so every device the user
 * signs in on follows.
 */
export async function updateMe(ctx: AppContext, viewer: Viewer, body: UpdateMeBody): Promise<Me> {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  const user = { ...viewer.user };
  if (body.lang !== undefined) {
    await setUserLang(ctx.db, user.id, body.lang);
    user.lang = body.lang;
  }
  if (body.notifyByEmail !== undefined) {
    await setUserNotifyByEmail(ctx.db, user.id, body.notifyByEmail);
    user.notifyByEmail = body.notifyByEmail;
  }
  return toMe({ ...viewer, user });
}
