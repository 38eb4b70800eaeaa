import type { LoginBody, Me, RegisterBody, UpdateMeBody } from '@parley/shared';
import type { Mailer } from '../mail/mailer';
import type { z } from 'zod';
import type { AppContext } from '../app-context';
import type { Config } from '../config/config';
import { uuidv7 } from '../db/uuid';
import { writeTx } from '../db/write';
import { deleteSubscriptionsOf } from '../notifications/push-repository';
import { reIdentifyPosts } from '../posts/post-repository';
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
  setUserIdentity,
  setUserLang,
  setUserNotifyByEmail,
  setUserNotifyRepliesByEmail,
  takeAllowance,
  throttledFor,
} from './auth-repository';
import { accountExistsMail, signUpLinkMail } from './sign-up-mail';
import { deleteExpiredSignUps, insertSignUp, takeSignUp } from './sign-up-repository';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { hashSessionToken, newSessionToken, SESSION_MAX_AGE_SECONDS, throttleKey } from './session-token';
import { isKnownDevice, withDeviceMark } from './known-device';
import { ANONYMOUS_VIEWER, toMe, type Viewer } from './viewer';

/**
 * Failed sign-ins allowed in the window before 429 (counted in PostgreSQL, so across instances):
 * - per e-mail and IP: a guesser at one address gets five tries, and no one else is held back;
 * - per IP: one address trying many accounts;
 * - per e-mail from everywhere: a guesser spread over many addresses. It never holds back a
 *   device the account has signed in on before (known-device.ts), so a stranger's wrong
 *   passwords cannot lock the owner out of their own phone.
 */
export const THROTTLE = { windowSeconds: 15 * 60, perEmailAndIp: 5, perIp: 30, perEmail: 50 };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface SignedIn {
  me: Me;
  token: string;
}

/** A new session for `userId` (the one sent along ends): sign-in, sign-up, an accepted invitation. */
export async function startSession(
  ctx: AppContext,
  userId: string,
  oldToken: string | null,
): Promise<SignedIn> {
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

/**
 * Signs up at once, without an e-mail (SIGNUP_CONFIRMATION=instant: development and demos, where
 * no e-mail can be sent). The answer then says when an address is taken (409 email_taken).
 */
export async function registerAtOnce(
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
    organisation: body.organisation ?? null,
  });
  if (!user) throw new AppError(409, 'email_taken', 'An account with this e-mail already exists.');
  return startSession(ctx, user.id, oldToken);
}

/**
 * Whether sign-up goes through an e-mailed link (SIGNUP_CONFIRMATION; `auto`: when the server can
 * send e-mail, SMTP_URL). Only then does the form never say whether an address has an account.
 */
export const signUpByEmail = (config: Config): boolean =>
  config.signupConfirmation === 'email' ||
  (config.signupConfirmation !== 'instant' && config.smtpUrl !== null);

export const SIGNUP_MAX_AGE_SECONDS = 24 * 60 * 60;
/** Sign-up e-mails to one address: no one can fill a stranger's inbox through the form. */
export const SIGNUP_THROTTLE = { perEmail: 3, windowSeconds: 15 * 60 };

/**
 * A sign-up never answers whether the address has an account (the route answers 202 before this
 * runs). A free address gets a link that creates the account; one with an account gets a note
 * saying so, pointing to sign-in. `origin` is a trusted one (http/link-origin.ts).
 */
export async function requestSignUp(
  ctx: AppContext,
  mailer: Mailer,
  body: z.output<typeof RegisterBody>,
  origin: string,
): Promise<void> {
  const email = normalizeEmail(body.email);
  const key = throttleKey(ctx.config.sessionSecret, 'email', `signup:${email}`);
  const { perEmail, windowSeconds } = SIGNUP_THROTTLE;
  const allowed = await takeAllowance(ctx.db, key, perEmail, windowSeconds);
  if (!allowed) return;

  const existing = await findUserByEmail(ctx.db, email);
  if (existing) {
    await mailer.send(accountExistsMail(existing, `${origin}/signin`));
    return;
  }
  const token = newSessionToken();
  const passwordHash = await hashPassword(body.password);
  await ctx.db.tx(async (q) => {
    await deleteExpiredSignUps(q);
    await insertSignUp(q, {
      tokenHash: hashSessionToken(token),
      email,
      displayName: body.displayName,
      organisation: body.organisation ?? null,
      passwordHash,
      lang: body.lang,
      maxAgeSeconds: SIGNUP_MAX_AGE_SECONDS,
    });
  });
  // The token travels in the fragment: it never reaches a server log or a Referer header.
  const link = `${origin}/finish-sign-up#token=${token}`;
  await mailer.send(signUpLinkMail({ email, displayName: body.displayName, lang: body.lang }, link));
}

/** Opens the e-mailed link: creates the account (once) and signs in. */
export async function confirmSignUp(
  ctx: AppContext,
  token: string,
  oldToken: string | null,
): Promise<SignedIn> {
  const user = await ctx.db.tx(async (q) => {
    const request = await takeSignUp(q, hashSessionToken(token));
    if (!request) return null;
    // Taken meanwhile (another link for the same address, or an administrator made it): nothing.
    return insertUser(q, {
      id: uuidv7(),
      email: request.email,
      displayName: request.displayName,
      organisation: request.organisation,
      passwordHash: request.passwordHash,
      role: 'participant',
      lang: request.lang,
    });
  });
  if (!user) throw new AppError(400, 'invalid_token', 'This link has expired or was already used.');
  return startSession(ctx, user.id, oldToken);
}

export interface SignInResult extends SignedIn {
  /** The known-device cookie's new value (known-device.ts). */
  deviceCookie: string;
}

export async function login(
  ctx: AppContext,
  body: z.output<typeof LoginBody>,
  request: { ip: string; oldToken: string | null; deviceCookie: string | null },
): Promise<SignInResult> {
  const { windowSeconds, perEmailAndIp, perIp, perEmail } = THROTTLE;
  const secret = ctx.config.sessionSecret;
  const email = normalizeEmail(body.email);
  const pairKey = throttleKey(secret, 'email+ip', `${email}|${request.ip}`);
  const ipKey = throttleKey(secret, 'ip', request.ip);
  const emailKey = throttleKey(secret, 'email', email);
  const user = await findUserByEmail(ctx.db, email);
  const known = user !== null && isKnownDevice(secret, request.deviceCookie, user.id);
  const wait = Math.max(
    (await throttledFor(ctx.db, pairKey, perEmailAndIp, windowSeconds)) ?? 0,
    (await throttledFor(ctx.db, ipKey, perIp, windowSeconds)) ?? 0,
    known ? 0 : ((await throttledFor(ctx.db, emailKey, perEmail, windowSeconds)) ?? 0),
  );
  if (wait > 0) {
    throw new AppError(429, 'too_many_attempts', 'Too many failed sign-ins. Try again later.', {
      'Retry-After': String(wait),
    });
  }

  const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) {
    await ctx.db.tx((q) => recordFailures(q, [pairKey, ipKey, emailKey], windowSeconds));
    throw new AppError(401, 'invalid_credentials', 'Wrong e-mail or password.');
  }
  await clearFailures(ctx.db, pairKey);
  await deleteExpiredSessions(ctx.db);
  const signedIn = await startSession(ctx, user.id, request.oldToken);
  return { ...signedIn, deviceCookie: withDeviceMark(secret, request.deviceCookie, user.id) };
}

export async function logout(ctx: AppContext, token: string | null): Promise<void> {
  if (token) await deleteSession(ctx.db, hashSessionToken(token));
}

/** Ends every session of the signed-in user, on every device (a lost phone, a shared computer). */
export async function logoutEverywhere(ctx: AppContext, viewer: Viewer): Promise<{ sessionsEnded: number }> {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  // The devices signed out no longer receive the person's notifications either.
  await deleteSubscriptionsOf(ctx.db, viewer.user.id);
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
 * Saves the account's preferences (the UI language, e-mails) and how the person is shown (display
 * name, organisation) so every device the user signs in on follows. A new name or organisation
 * reaches the person's existing posts too, in the same transaction (reIdentifyPosts).
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
  if (body.notifyRepliesByEmail !== undefined) {
    await setUserNotifyRepliesByEmail(ctx.db, user.id, body.notifyRepliesByEmail);
    user.notifyRepliesByEmail = body.notifyRepliesByEmail;
  }
  if (body.displayName !== undefined || body.organisation !== undefined) {
    const identity = {
      displayName: body.displayName ?? user.displayName,
      organisation: body.organisation !== undefined ? body.organisation : (user.organisation ?? null),
    };
    await writeTx(ctx, ['posts'], async (tx) => {
      await setUserIdentity(tx, user.id, identity);
      await reIdentifyPosts(tx, user.id, identity);
    });
    Object.assign(user, identity);
  }
  return toMe({ ...viewer, user });
}
