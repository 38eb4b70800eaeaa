import { isIP } from 'node:net';
import type { PushPayload } from '@parley/shared';
import webpush from 'web-push';
import type { AppContext } from '../app-context';
import type { Config } from '../config/config';
import { forgetEndpoint, type StoredSubscription } from './push-repository';

/** How long a push service keeps a message for a device that is offline: a day. */
const TTL_SECONDS = 24 * 60 * 60;
/** A push service that does not answer in this time is given up on (one attempt). */
const TIMEOUT_MS = 10_000;

/**
 * Whether the server will post to this endpoint. Browsers' push services are public https hosts
 * (FCM, Mozilla, Apple, Windows); anything else — plain http, an IP address, localhost, an
 * internal name — is refused, so a subscription cannot make the server call into its own network.
 * Tests run a push service on loopback (`pushEndpoints: 'any'`).
 */
export function endpointAllowed(config: Pick<Config, 'pushEndpoints'>, endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (config.pushEndpoints === 'any') return url.protocol === 'https:' || url.protocol === 'http:';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    isIP(host) === 0 &&
    host.includes('.') &&
    !/(^|\.)(localhost|local|internal|intranet|lan|home|corp|localdomain)$/.test(host)
  );
}

export type PushResult = 'sent' | 'gone' | 'failed';

/**
 * Sends one message to one subscription. web-push encrypts the payload (RFC 8291) and signs the
 * VAPID header (RFC 8292); the request itself goes through fetch, with a timeout. A 404 or 410
 * means the browser unsubscribed or the subscription expired: it is deleted. Other failures are
 * logged (no endpoint: it identifies a device) and dropped; a reply stays in the app anyway.
 */
export async function sendPush(
  ctx: AppContext,
  subscription: StoredSubscription,
  payload: PushPayload,
  options: { urgency?: 'normal' | 'high'; topic?: string } = {},
): Promise<PushResult> {
  const vapid = ctx.config.vapid;
  if (!vapid || !endpointAllowed(ctx.config, subscription.endpoint)) return 'failed';
  const details = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(payload),
    {
      vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
      TTL: TTL_SECONDS,
      urgency: options.urgency ?? 'normal',
      ...(options.topic ? { topic: options.topic } : {}),
    },
  );
  try {
    const res = await fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status === 404 || res.status === 410) {
      await forgetEndpoint(ctx.db, subscription.endpoint);
      return 'gone';
    }
    if (!res.ok) {
      ctx.logger?.warn({ userId: subscription.userId, status: res.status }, 'push not accepted');
      return 'failed';
    }
    return 'sent';
  } catch (err) {
    ctx.logger?.warn({ userId: subscription.userId, err: (err as Error).name }, 'push not sent');
    return 'failed';
  }
}
