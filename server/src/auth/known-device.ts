import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * "This device has signed in to this account before": a cookie of up to five marks, each a
 * random nonce with an HMAC binding it to one account. It lets the owner's own phone through
 * while a flood of wrong passwords from elsewhere holds the account's sign-in shut to everyone
 * else (auth-service THROTTLE), so a stranger cannot lock the owner out. It proves nothing but a
 * past sign-in: the password is still checked, and the per-device limits still apply.
 */
export const DEVICE_COOKIE = 'parley_device';
export const DEVICE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
const MAX_MARKS = 5;

const macOf = (secret: string, userId: string, nonce: string) =>
  createHmac('sha256', secret).update(`device:${userId}:${nonce}`).digest('base64url').slice(0, 22);

const marksOf = (cookie: string | null) =>
  (cookie ?? '')
    .split('~')
    .filter((m) => /^[\w-]{16}\.[\w-]{22}$/.test(m))
    .slice(0, MAX_MARKS);

/** Whether the cookie holds a mark of this account. */
export function isKnownDevice(secret: string, cookie: string | null, userId: string): boolean {
  return marksOf(cookie).some((mark) => {
    const [nonce, mac] = mark.split('.') as [string, string];
    return timingSafeEqual(Buffer.from(mac), Buffer.from(macOf(secret, userId, nonce)));
  });
}

/** The cookie's new value after a sign-in to `userId`: its mark first, the others kept (up to five). */
export function withDeviceMark(secret: string, cookie: string | null, userId: string): string {
  const others = marksOf(cookie).filter((mark) => {
    const [nonce, mac] = mark.split('.') as [string, string];
    return mac !== macOf(secret, userId, nonce);
  });
  const nonce = randomBytes(12).toString('base64url');
  return [`${nonce}.${macOf(secret, userId, nonce)}`, ...others].slice(0, MAX_MARKS).join('~');
}
