import type { ParleyDatabase } from './database';

/**
 * Whether the database holds something the server has not received yet: a post (or a change to
 * one) not yet stored, or a moderator's decision without an outcome. Such a database is kept at
 * sign-out, so the writing is sent when its author signs in here again.
 */
export async function holdsUnsent(db: ParleyDatabase): Promise<boolean> {
  const post = await db.posts.findOne({ selector: { receivedAt: null } }).exec();
  if (post) return true;
  const decision = await db.moderation.findOne({ selector: { outcome: null } }).exec();
  return decision !== null;
}
