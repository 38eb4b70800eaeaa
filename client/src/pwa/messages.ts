/** Messages between the page and the service worker (src/sw.ts). */
export const SKIP_WAITING_MESSAGE = 'SKIP_WAITING';
export const OUTBOX_MESSAGE = 'PARLEY_OUTBOX_QUEUE';
export const OUTBOX_RELEASE_MESSAGE = 'PARLEY_OUTBOX_RELEASE';

/** One push request, exactly as the replication sends it, for the browser to replay. */
export interface OutboxMessage {
  type: typeof OUTBOX_MESSAGE;
  url: string;
  body: string;
  /** The user the post was written as: the replay names them (VIEWER_HEADER), never the session. */
  viewer: string;
}

/**
 * This user is signed in on the page now: what they queued and the server held back while
 * someone else was signed in goes out again, and the queue is replayed at once.
 */
export interface OutboxReleaseMessage {
  type: typeof OUTBOX_RELEASE_MESSAGE;
  viewer: string;
}
