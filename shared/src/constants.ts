// Plain values that server and client share, kept apart from the zod schemas: the package is
// marked side-effect free, so a client screen that needs only these does not bundle zod.

/** Languages the demo and the UI know; content may be in any LangCode. */
export const UI_LANGS = ['en', 'fr', 'es', 'ru', 'ar'] as const;

export const MAX_POST_CHARS = 10_000;

/** The shortest password an account may have. */
export const PASSWORD_MIN = 8;

/** reasonTemplateId of the rows the server writes itself for posts published at once. */
export const AUTO_REASONS = {
  onBehalf: 'auto:on-behalf',
  ownPost: 'auto:own-post',
} as const;

export const ANONYMOUS_NAME = 'Anonymous';

/**
 * Whose database a replication request fills: the signed-in user's id, or ANONYMOUS_VIEWER. Sent
 * as a header (and as the `viewer` query parameter of the streams, which EventSource cannot give
 * headers); the server answers 409 `viewer_changed` when the session belongs to someone else, so a
 * device never stores another person's view in this one's database (a sign-in or sign-out in
 * another tab changes the cookie under a running replication).
 */
export const VIEWER_HEADER = 'x-parley-viewer';
/** The same claim on a stream's URL (`?viewer=`). */
export const VIEWER_PARAM = 'viewer';
export const ANONYMOUS_VIEWER = 'anon';

/**
 * A device that sends `X-Parley-Echo: stored` on a push gets back, beside real conflicts, the
 * stored version of every row it pushed (server-set status, receivedAt, outcome…). RxDB drops a
 * pulled or streamed row whose local write is not yet acknowledged and moves its checkpoint past
 * it; a stream event that overtakes the push answer would otherwise leave the device showing
 * "Sending" or "Decision queued" until the row changes again. As "conflicts", RxDB stores them
 * as master state at once. Without the header the answer is DESIGN.md's: conflicts only.
 */
export const ECHO_HEADER = 'x-parley-echo';
export const ECHO_STORED = 'stored';

/**
 * The stream message (JSON, as RxDB's pull stream names it) that tells a device to pull from its
 * checkpoint: sent when the server cannot say exactly what changed.
 */
export const STREAM_RESYNC = 'RESYNC';

/**
 * The most spaces one `spaces` filter may name (36 characters each: the URL stays under 8 KB).
 * Here, with the plain constants, so the client's settings need none of zod on the first screen.
 */
export const FOLLOWED_SPACES_MAX = 200;

/** The collections whose rows belong to one space each: only these take the `spaces` filter. */
export const PER_SPACE_COLLECTIONS = ['posts', 'moderation'] as const;
