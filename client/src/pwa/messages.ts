/** Messages between the page and the service worker (src/sw.ts). */
export const SKIP_WAITING_MESSAGE = 'SKIP_WAITING';
export const OUTBOX_MESSAGE = 'PARLEY_OUTBOX_QUEUE';

/** One push request, exactly as the replication sends it, for the browser to replay. */
export interface OutboxMessage {
  type: typeof OUTBOX_MESSAGE;
  url: string;
  body: string;
}
