import { request } from '../api/http';

/**
 * Web Push on this device (Settings → "Notifications on this device"). The browser subscribes
 * with the server's VAPID key at its push service; the server keeps the subscription for the
 * signed-in person and posts to it when a reply to them is published (and, for moderators, when
 * posts wait). What the browser cannot do is said plainly, never hidden.
 */
export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

/** Why turning notifications on did not work, in words the setting can show. */
export class PushProblem extends Error {
  constructor(readonly kind: 'unsupported' | 'denied' | 'failed') {
    super(kind);
  }
}

const hasPush = () =>
  typeof window !== 'undefined' &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

/** How long to wait for the service worker on a first visit (it installs in the background). */
const WORKER_WAIT_MS = 5_000;

/** The service worker's registration, if the app has one here (never waits for one forever). */
async function registration(wait = true): Promise<ServiceWorkerRegistration | null> {
  if (!hasPush()) return null;
  const now = await navigator.serviceWorker.getRegistration();
  if (now?.active || !wait) return now ?? null;
  // A first visit: the worker may still be installing (none at all in development builds).
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), WORKER_WAIT_MS)),
  ]);
}

/** What this browser can do, and whether it is subscribed now. */
export async function pushState(): Promise<PushState> {
  if (!hasPush()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const reg = await registration();
  if (!reg) return 'unsupported';
  return (await reg.pushManager.getSubscription()) ? 'on' : 'off';
}

const bytesOf = (base64url: string): Uint8Array<ArrayBuffer> => {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

/** Asks the browser's permission, subscribes, and tells the server. Throws a PushProblem. */
export async function turnPushOn(): Promise<void> {
  const reg = await registration();
  if (!reg) throw new PushProblem('unsupported');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new PushProblem('denied');
  let publicKey: string;
  try {
    ({ publicKey } = await request<{ publicKey: string }>('GET', '/api/push/key'));
  } catch {
    throw new PushProblem('failed');
  }
  let subscription: PushSubscription;
  try {
    subscription = await reg.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: bytesOf(publicKey),
    });
  } catch {
    // No push service reachable from this browser (some builds have none, a private window…).
    throw new PushProblem('unsupported');
  }
  try {
    await request('POST', '/api/push/subscriptions', subscription.toJSON());
  } catch {
    await subscription.unsubscribe().catch(() => false);
    throw new PushProblem('failed');
  }
}

/** Stops notifications here: the server forgets the subscription, the browser drops it. */
export async function turnPushOff(): Promise<void> {
  // No waiting for a worker here: without one there is no subscription to end (sign-out stays quick).
  const subscription = await (await registration(false))?.pushManager.getSubscription();
  if (!subscription) return;
  try {
    await request('DELETE', '/api/push/subscriptions', { endpoint: subscription.endpoint });
  } finally {
    // Even offline: the push service then answers the server 410, and it forgets it too.
    await subscription.unsubscribe().catch(() => false);
  }
}
