import { v7 as uuidv7 } from 'uuid';
import { MAX_POST_CHARS, Moderation, Post, type Decision, type Me, type PostStatus } from '@parley/shared';
import type { ParleyDatabase } from './database';

export interface NewPost {
  spaceId: string;
  questionId: string;
  parentId: string | null;
  body: string;
  anonymous: boolean;
  lang: string;
  /** A comment received by e-mail, entered by a moderator for this person (the server checks the role). */
  onBehalfOf?: string | null;
}

export type WriteProblem = 'empty' | 'tooLong' | 'invalid' | 'storage';
export type WriteResult = { ok: true; id: string } | { ok: false; problem: WriteProblem };

/**
 * Writes a new post to the device at once; replication is the outbox that delivers it. The
 * server ignores the device's status and stamps receivedAt/updatedAt.
 */
export async function addPost(db: ParleyDatabase, me: Me, input: NewPost): Promise<WriteResult> {
  const body = input.body.trim();
  if (body === '') return { ok: false, problem: 'empty' };
  if (body.length > MAX_POST_CHARS) return { ok: false, problem: 'tooLong' };
  const parsed = Post.safeParse({
    id: uuidv7(),
    spaceId: input.spaceId,
    questionId: input.questionId,
    parentId: input.parentId,
    authorId: me.id,
    authorName: me.displayName,
    // What the server will set (from the account; it ignores this): shown at once on this device.
    authorOrganisation: input.anonymous || input.onBehalfOf?.trim() ? null : (me.organisation ?? null),
    anonymous: input.anonymous,
    lang: input.lang,
    body,
    attachments: [],
    status: 'pending',
    moderationReason: null,
    moderationReasonTemplateId: null,
    onBehalfOf: input.onBehalfOf?.trim() || null,
    mailNote: null,
    fromModerator: false,
    writtenBeforeClose: false,
    flags: [],
    createdAt: new Date().toISOString(),
    receivedAt: null,
    updatedAt: null,
    refusal: null,
  } satisfies Post);
  if (!parsed.success) return { ok: false, problem: 'invalid' };
  try {
    await db.posts.insert(parsed.data);
  } catch (error) {
    console.error('Could not save the post', error);
    return { ok: false, problem: 'storage' };
  }
  return { ok: true, id: parsed.data.id };
}

/**
 * A moderator's decision, queued like a post. The server sets spaceId, moderatorId, moderatorName
 * and outcome; a decision taken on a status that changed meanwhile comes back `superseded`.
 */
export async function addDecision(
  db: ParleyDatabase,
  input: {
    postId: string;
    decision: Decision;
    reason: string | null;
    /** One of the space's reason templates (the author reads it in their language). */
    reasonTemplateId?: string | null;
    basedOnStatus: PostStatus;
  },
): Promise<WriteResult> {
  const parsed = Moderation.safeParse({
    id: uuidv7(),
    postId: input.postId,
    spaceId: null,
    decision: input.decision,
    reason: input.reason?.trim() || null,
    reasonTemplateId: input.reasonTemplateId ?? null,
    basedOnStatus: input.basedOnStatus,
    moderatorId: null,
    moderatorName: null,
    createdAt: new Date().toISOString(),
    outcome: null,
    updatedAt: null,
  } satisfies Moderation);
  if (!parsed.success) return { ok: false, problem: 'invalid' };
  try {
    await db.moderation.insert(parsed.data);
  } catch (error) {
    console.error('Could not save the decision', error);
    return { ok: false, problem: 'storage' };
  }
  return { ok: true, id: parsed.data.id };
}
