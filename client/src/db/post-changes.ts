import { MAX_POST_CHARS, type Post } from '@parley/shared';
import type { ParleyDatabase } from './database';

export interface PostEditInput {
  body: string;
  lang: string;
  anonymous: boolean;
}

export type ChangeProblem = 'empty' | 'tooLong' | 'gone' | 'storage';
export type ChangeResult = { ok: true; changed: boolean } | { ok: false; problem: ChangeProblem };

/**
 * The device's copy until the server answers: `receivedAt: null` marks a change the server has
 * not stored yet (the outbox shows it as waiting or sending, and a sign-out keeps it, see
 * unsent.ts). The server ignores both fields and sets its own; an edit by a participant goes back
 * to moderation, so the device says pending until then.
 */
const unsent = { receivedAt: null, refusal: null } satisfies Partial<Post>;

/**
 * The author's edit of their post, written to the device at once; replication pushes it with the
 * version it was based on, and the server answers with its own version if that one changed
 * meanwhile (a moderator's decision, an edit on another device).
 */
export async function editPost(
  db: ParleyDatabase,
  postId: string,
  input: PostEditInput,
): Promise<ChangeResult> {
  const body = input.body.trim();
  if (body === '') return { ok: false, problem: 'empty' };
  if (body.length > MAX_POST_CHARS) return { ok: false, problem: 'tooLong' };
  try {
    const doc = await db.posts.findOne(postId).exec();
    if (!doc || doc.status === 'withdrawn') return { ok: false, problem: 'gone' };
    if (doc.body === body && doc.lang === input.lang && doc.anonymous === input.anonymous)
      return { ok: true, changed: false };
    await doc.incrementalModify((post) => ({
      ...post,
      ...unsent,
      body,
      lang: input.lang,
      anonymous: input.anonymous,
      status: 'pending',
      moderationReason: null,
      moderationReasonTemplateId: null,
    }));
  } catch (error) {
    console.error('Could not save the edit', error);
    return { ok: false, problem: 'storage' };
  }
  return { ok: true, changed: true };
}

/**
 * The author takes their post back. Not a local delete: RxDB would push `_deleted`, which the
 * server does not read; the status `withdrawn` is the one an author may set, and every other
 * device then receives the post as a deletion.
 */
export async function withdrawPost(db: ParleyDatabase, postId: string): Promise<ChangeResult> {
  try {
    const doc = await db.posts.findOne(postId).exec();
    if (!doc) return { ok: false, problem: 'gone' };
    if (doc.status === 'withdrawn') return { ok: true, changed: false };
    await doc.incrementalModify((post) => ({ ...post, ...unsent, status: 'withdrawn' }));
  } catch (error) {
    console.error('Could not save the withdrawal', error);
    return { ok: false, problem: 'storage' };
  }
  return { ok: true, changed: true };
}
