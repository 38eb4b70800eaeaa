import type { ErrorCode, Me } from '@parley/shared';
import { asMe } from './me';
import { ApiError, request } from '../api/http';

const ME_KEY = 'parley.me';
const PENDING_SIGN_OUT_KEY = 'parley.pendingSignOut';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled (private mode): the app still works online
  }
}

/** The last known viewer, so that the app opens offline as the person who used it. */
export function loadStoredMe(): Me | null {
  const raw = storage()?.getItem(ME_KEY);
  if (!raw) return null;
  try {
    return asMe(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function storeMe(me: Me | null): void {
  try {
    if (me) storage()?.setItem(ME_KEY, JSON.stringify(me));
    else storage()?.removeItem(ME_KEY);
  } catch {
    // QuotaExceededError: not fatal, the app only forgets the viewer when offline
  }
}

export type MeResult = { kind: 'signed-in'; me: Me } | { kind: 'signed-out' } | { kind: 'unreachable' };

/** Asks the server who is signed in; offline the caller keeps what it knew. */
export async function fetchMe(): Promise<MeResult> {
  await flushPendingSignOut();
  try {
    const me = asMe(await request<unknown>('GET', '/api/auth/me'));
    return me ? { kind: 'signed-in', me } : { kind: 'unreachable' };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { kind: 'signed-out' };
    return { kind: 'unreachable' };
  }
}

function received(value: unknown): Me {
  const me = asMe(value);
  if (!me) throw new ApiError(200, 'unknown', 'unexpected answer from the server');
  return me;
}

/** What a person may change on their account (PATCH /api/auth/me, UpdateMeBody in @parley/shared). */
export interface MePatch {
  notifyByEmail?: boolean;
  notifyRepliesByEmail?: boolean;
  displayName?: string;
  /** null or blank: none. */
  organisation?: string | null;
}

/** Saves account preferences on the server; the answer is the updated viewer. */
export async function updateMe(patch: MePatch): Promise<Me> {
  return received(await request<unknown>('PATCH', '/api/auth/me', patch));
}

export async function signIn(email: string, password: string): Promise<Me> {
  return received(await request<unknown>('POST', '/api/auth/login', { email, password }));
}

/**
 * Asks for an account. A server that confirms by e-mail (SIGNUP_CONFIRMATION) answers 202 and
 * mails the address a link that finishes signing up, or, when the address already has an
 * account, a note saying so: the answer never tells the two apart, and this resolves to null.
 * One that signs up at once (development, no e-mail) answers with the new account: signed in.
 */
export async function signUp(body: {
  email: string;
  password: string;
  displayName: string;
  lang: string;
  organisation?: string | null;
}): Promise<Me | null> {
  return asMe(await request<unknown>('POST', '/api/auth/register', body));
}

/** The token of the e-mailed sign-up link: creates the account and signs in (400 invalid_token). */
export async function finishSignUp(token: string): Promise<Me> {
  return received(await request<unknown>('POST', '/api/auth/register/confirm', { token }));
}

/**
 * Accepts an e-mailed invitation: a new address sends its name and password (the account is made
 * and signed in); an address with an account sends only the token, signed in as it.
 */
export async function acceptInvitation(body: {
  token: string;
  displayName?: string;
  password?: string;
  lang?: string;
}): Promise<Me> {
  return received(await request<unknown>('POST', '/api/invitations/accept', body));
}

/**
 * Signing out offline still signs out on the device; the server session is ended at the next
 * start with a connection, so the next person on a shared phone is not signed in as the last one.
 */
export async function signOut(): Promise<void> {
  try {
    await request<void>('POST', '/api/auth/logout', {});
    storage()?.removeItem(PENDING_SIGN_OUT_KEY);
  } catch {
    storage()?.setItem(PENDING_SIGN_OUT_KEY, '1');
  }
}

async function flushPendingSignOut(): Promise<void> {
  if (storage()?.getItem(PENDING_SIGN_OUT_KEY) !== '1') return;
  await signOut();
}

/** Error codes the auth forms explain; anything else is "something went wrong". */
export function authErrorCode(error: unknown): ErrorCode | 'network' | 'unknown' {
  return error instanceof ApiError ? error.code : 'unknown';
}
