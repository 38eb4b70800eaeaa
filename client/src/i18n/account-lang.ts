import { ApiError, request } from '../api/http';

/**
 * A UI language chosen while the account could not be told (offline, server down) waits here,
 * on the device, keyed by account, until a PATCH /api/auth/me gets through. localStorage, like
 * the device's own choice: it must survive a reload or a closed tab while offline.
 */
const PENDING_KEY = 'parley.lang.pending.';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function pendingAccountLang(userId: string): string | null {
  return storage()?.getItem(PENDING_KEY + userId) ?? null;
}

const inFlight = new Map<string, Promise<void>>();

/**
 * Sends the account's pending language, if any. Kept on a network failure (retried when the
 * connection returns), dropped once the server answered, with the language or a refusal: a
 * refused one (signed out meanwhile, an unknown code) would be refused again.
 */
export function flushAccountLang(userId: string): Promise<void> {
  const running = inFlight.get(userId);
  if (running) return running;
  const run = (async () => {
    // Another change while the request was out: send that one too.
    for (let lang = pendingAccountLang(userId); lang;) {
      try {
        await request('PATCH', '/api/auth/me', { lang });
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'network' || error.status >= 500)) return;
      }
      const now = pendingAccountLang(userId);
      if (now === lang) storage()?.removeItem(PENDING_KEY + userId);
      lang = now === lang ? null : now;
    }
  })().finally(() => inFlight.delete(userId));
  inFlight.set(userId, run);
  return run;
}

/** Saves the choice for the account too, so that the next device signed in as this user follows it. */
export function rememberOnAccount(userId: string, lang: string): Promise<void> {
  try {
    storage()?.setItem(PENDING_KEY + userId, lang);
  } catch {
    // storage full: still try now, only the retry is lost
    return request('PATCH', '/api/auth/me', { lang }).then(
      () => undefined,
      () => undefined,
    );
  }
  return flushAccountLang(userId);
}
