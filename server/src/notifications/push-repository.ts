import type { Queryable, Db } from '../db/db';

export interface StoredSubscription {
  endpoint: string;
  userId: string;
  p256dh: string;
  auth: string;
}

interface SubscriptionRow {
  endpoint: string;
  user_id: string;
  p256dh: string;
  auth: string;
}

const toSubscription = (r: SubscriptionRow): StoredSubscription => ({
  endpoint: r.endpoint,
  userId: r.user_id,
  p256dh: r.p256dh,
  auth: r.auth,
});

/** Subscriptions kept per person (phones, tablets, computers, browsers on each). */
export const MAX_SUBSCRIPTIONS = 10;

/**
 * Saves a browser's subscription for `userId`. An endpoint is one browser profile: when another
 * account signs in there and subscribes, the endpoint moves to that account (the previous one
 * must not receive notifications on a device it left).
 */
export async function saveSubscription(q: Queryable, sub: StoredSubscription): Promise<void> {
  await q.query(
    `INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth) VALUES ($1, $2, $3, $4)
     ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh,
                                          auth = EXCLUDED.auth, created_at = now()`,
    [sub.endpoint, sub.userId, sub.p256dh, sub.auth],
  );
  // Browsers a person uses at once are few: beyond MAX_SUBSCRIPTIONS the oldest go, so no
  // account can make one reply fan out into thousands of outgoing requests.
  await q.query(
    `DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint NOT IN (
       SELECT endpoint FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at DESC, endpoint LIMIT $2)`,
    [sub.userId, MAX_SUBSCRIPTIONS],
  );
}

/** Removes one of `userId`'s subscriptions; false when they have none at that endpoint. */
export async function deleteSubscription(q: Queryable, userId: string, endpoint: string): Promise<boolean> {
  const rows = await q.query(
    'DELETE FROM push_subscriptions WHERE endpoint = $1 AND user_id = $2 RETURNING 1',
    [endpoint, userId],
  );
  return rows.length > 0;
}

/** Every subscription of the person ("log out everywhere"). */
export async function deleteSubscriptionsOf(q: Queryable, userId: string): Promise<void> {
  await q.query('DELETE FROM push_subscriptions WHERE user_id = $1', [userId]);
}

/** The push service said the subscription is gone (404/410): whoever held it. */
export async function forgetEndpoint(q: Queryable, endpoint: string): Promise<void> {
  await q.query('DELETE FROM push_subscriptions WHERE endpoint = $1', [endpoint]);
}

export async function subscriptionsOf(
  q: Queryable,
  userIds: readonly string[],
): Promise<StoredSubscription[]> {
  if (userIds.length === 0) return [];
  const rows = await q.query<SubscriptionRow>(
    'SELECT endpoint, user_id, p256dh, auth FROM push_subscriptions WHERE user_id = ANY($1::uuid[])',
    [userIds],
  );
  return rows.map(toSubscription);
}

/**
 * Who moderates a post of this space and question and has a browser subscribed: administrators,
 * global moderators, the space's moderators and the question's. Each with their language.
 */
export async function subscribedModeratorsOf(
  q: Queryable,
  spaceId: string,
  questionId: string,
): Promise<{ id: string; lang: string }[]> {
  return q.query<{ id: string; lang: string }>(
    `SELECT DISTINCT u.id, u.lang
       FROM users u
       JOIN push_subscriptions s ON s.user_id = u.id
      WHERE u.role = 'admin'
         OR EXISTS (SELECT 1 FROM moderators m
                     WHERE m.user_id = u.id
                       AND (m.space_id IS NULL
                            OR (m.space_id = $1 AND (m.question_id IS NULL OR m.question_id = $2))))`,
    [spaceId, questionId],
  );
}

/**
 * At most one "posts waiting" push per moderator in the window, across every server instance:
 * true when this one may go (and counts it). Kept with the other allowances (login_failures rows
 * under their own key), serialised per key so racing instances cannot both pass.
 */
export async function takeQueuePushAllowance(db: Db, key: string, windowSeconds: number): Promise<boolean> {
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
    const recent = await q.query(
      'SELECT 1 FROM login_failures WHERE key = $1 AND at > now() - make_interval(secs => $2) LIMIT 1',
      [key, windowSeconds],
    );
    if (recent.length > 0) return false;
    // Only this key's rows: other allowances keep their own, longer windows.
    await q.query('DELETE FROM login_failures WHERE key = $1', [key]);
    await q.query('INSERT INTO login_failures (key) VALUES ($1)', [key]);
    return true;
  });
}
