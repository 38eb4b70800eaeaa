import { z } from 'zod';

const Base64Url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url');

/**
 * `POST /api/push/subscriptions`: a browser's Web Push subscription (PushSubscription.toJSON()),
 * saved for the signed-in person. The server checks the endpoint further: a public https host.
 */
export const PushSubscriptionBody = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  keys: z.object({ p256dh: Base64Url(200), auth: Base64Url(100) }),
});
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

/** `DELETE /api/push/subscriptions`: the endpoint this browser no longer wants notifications at. */
export const PushUnsubscribeBody = z.object({ endpoint: z.url().max(2048) });
export type PushUnsubscribeBody = z.infer<typeof PushUnsubscribeBody>;

/** `GET /api/push/key`: the server's VAPID public key, for PushManager.subscribe. */
export const PushKey = z.object({ publicKey: z.string() });
export type PushKey = z.infer<typeof PushKey>;

/** What a push message carries to the service worker, which shows it. */
export const PushPayload = z.object({
  title: z.string().max(200),
  body: z.string().max(500),
  /** Where a click leads, a path of the app ("/s/slug/q/id"). */
  url: z.string().startsWith('/').max(500),
  /** Notifications with the same tag replace each other (the moderation queue's "posts waiting"). */
  tag: z.string().max(100),
});
export type PushPayload = z.infer<typeof PushPayload>;
