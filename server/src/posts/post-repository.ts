import type { Post, PostStatus } from '@parley/shared';
import type { Queryable } from '../db/db';
import { toIso, toIsoOrNull, toNumber } from '../db/rows';
import type { WriteTx } from '../db/write';

interface PostRow {
  id: string;
  space_id: string;
  question_id: string;
  parent_id: string | null;
  author_id: string;
  author_name: string;
  author_organisation: string | null;
  anonymous: boolean;
  lang: string;
  body: string;
  attachments: Post['attachments'];
  status: PostStatus;
  moderation_reason: string | null;
  moderation_reason_template_id: string | null;
  on_behalf_of: string | null;
  mail_note: Post['mailNote'];
  from_moderator: boolean;
  written_before_close: boolean;
  flags: { reason: string; createdAt: unknown }[] | null;
  created_at: unknown;
  received_at: unknown;
  updated_at: unknown;
  refusal: Post['refusal'];
  was_public: boolean;
  question_removed: boolean | null;
  space_status: string | null;
  seq: unknown;
}

/**
 * A stored post: never redacted. Leaves the server only through presentPost. `questionRemoved`:
 * its question was removed (the post leaves every device); `inDraft`: its space is a draft.
 */
export type PostRecord = Post & {
  authorId: string;
  wasPublic: boolean;
  seq: number;
  questionRemoved?: boolean;
  inDraft?: boolean;
};

const toPost = (r: PostRow): PostRecord => ({
  id: r.id,
  spaceId: r.space_id,
  questionId: r.question_id,
  parentId: r.parent_id,
  authorId: r.author_id,
  authorName: r.author_name,
  authorOrganisation: r.author_organisation,
  anonymous: r.anonymous,
  lang: r.lang,
  body: r.body,
  attachments: r.attachments,
  status: r.status,
  moderationReason: r.moderation_reason,
  moderationReasonTemplateId: r.moderation_reason_template_id,
  onBehalfOf: r.on_behalf_of,
  mailNote: r.mail_note ?? null,
  fromModerator: r.from_moderator,
  writtenBeforeClose: r.written_before_close,
  flags: (r.flags ?? []).map((f) => ({ reason: f.reason, createdAt: toIso(f.createdAt) })),
  createdAt: toIso(r.created_at),
  receivedAt: toIsoOrNull(r.received_at),
  updatedAt: toIsoOrNull(r.updated_at),
  refusal: r.refusal,
  wasPublic: r.was_public,
  seq: toNumber(r.seq),
  questionRemoved: r.question_removed === true,
  inDraft: r.space_status === 'draft',
});

/**
 * Every column plus the post's open flags (presentPost keeps them for the space's moderators
 * only). `p` is the posts table's alias in every query that uses this.
 */
const POST_COLUMNS = `p.*, (
    SELECT json_agg(json_build_object('reason', f.reason, 'createdAt', f.created_at) ORDER BY f.created_at)
      FROM flags f WHERE f.post_id = p.id AND f.resolved_at IS NULL) AS flags,
  (SELECT qr.removed_at IS NOT NULL FROM questions qr WHERE qr.id = p.question_id) AS question_removed,
  (SELECT sp.status FROM spaces sp WHERE sp.id = p.space_id) AS space_status`;

/** Whose posts a viewer may receive at all (the redaction of what they receive is presentPost's). */
export interface PostAudience {
  userId: string | null;
  global: boolean;
  spaceIds: readonly string[];
  /** Questions moderated one by one (their posts only). */
  questionIds?: readonly string[];
  /** Spaces whose posts this viewer never receives: drafts, for anyone but administrators. */
  hiddenSpaces?: readonly string[];
}

/**
 * The visibility filter runs in SQL so that LIMIT counts rows that are sent. A row passes when
 * it is public, was public once (it then goes out as a deletion), is the viewer's own, or is in
 * a space the viewer moderates, or on a question they moderate. `spaces` (the device's followed set) narrows it to those spaces,
 * and the viewer's own posts wherever they are (their outcomes and notices still reach them).
 */
export async function pullPosts(
  q: Queryable,
  audience: PostAudience,
  afterSeq: number,
  limit: number,
  spaces: readonly string[] | null = null,
): Promise<PostRecord[]> {
  const rows = await q.query<PostRow>(
    `SELECT ${POST_COLUMNS} FROM posts p
      WHERE seq > $1
        AND (status = 'approved' OR was_public OR author_id = $2::uuid OR $3::boolean OR space_id = ANY($4::uuid[])
             OR question_id = ANY($7::uuid[]))
        AND ($6::uuid[] IS NULL OR space_id = ANY($6::uuid[]) OR author_id = $2::uuid)
        AND NOT (space_id = ANY($8::uuid[]))
      ORDER BY seq
      LIMIT $5`,
    [
      afterSeq,
      audience.userId,
      audience.global,
      audience.spaceIds,
      limit,
      spaces,
      audience.questionIds ?? [],
      audience.hiddenSpaces ?? [],
    ],
  );
  return rows.map(toPost);
}

export async function maxPostSeq(q: Queryable): Promise<number> {
  const [row] = await q.query<{ max: unknown }>('SELECT coalesce(max(seq), 0) AS max FROM posts');
  return toNumber(row?.max ?? 0);
}

export async function findPost(q: Queryable, id: string): Promise<PostRecord | null> {
  const [row] = await q.query<PostRow>(`SELECT ${POST_COLUMNS} FROM posts p WHERE p.id = $1`, [id]);
  return row ? toPost(row) : null;
}

/** Reads a post and holds its row until commit (the caller is deciding on its current state). */
export async function lockPost(tx: WriteTx<'posts'>, id: string): Promise<PostRecord | null> {
  const [row] = await tx.query<PostRow>(
    `SELECT ${POST_COLUMNS} FROM posts p WHERE p.id = $1 FOR UPDATE OF p`,
    [id],
  );
  return row ? toPost(row) : null;
}

export type NewPost = Pick<
  Post,
  | 'id'
  | 'spaceId'
  | 'questionId'
  | 'parentId'
  | 'authorName'
  | 'authorOrganisation'
  | 'anonymous'
  | 'lang'
  | 'body'
  | 'attachments'
  | 'onBehalfOf'
  | 'createdAt'
> & {
  authorId: string;
  status: PostStatus;
  fromModerator?: boolean;
  writtenBeforeClose?: boolean;
  /** A comment received by e-mail: how it arrived, for its moderators. */
  mailNote?: Post['mailNote'];
};

// clock_timestamp(), not now(): now() is the transaction start, before the wait for the write
// lock, and would let updatedAt run backwards against the change order.
export async function insertPost(tx: WriteTx<'posts'>, post: NewPost): Promise<void> {
  await tx.query(
    `INSERT INTO posts (id, space_id, question_id, parent_id, author_id, author_name, anonymous, lang, body,
                        attachments, status, on_behalf_of, created_at, received_at, updated_at, was_public,
                        from_moderator, written_before_close, author_organisation, mail_note, seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
             clock_timestamp(), clock_timestamp(), $11 = 'approved', $14, $15, $16, $17, nextval('posts_seq'))`,
    [
      post.id,
      post.spaceId,
      post.questionId,
      post.parentId,
      post.authorId,
      post.authorName,
      post.anonymous,
      post.lang,
      post.body,
      JSON.stringify(post.attachments),
      post.status,
      post.onBehalfOf,
      post.createdAt,
      post.fromModerator ?? false,
      post.writtenBeforeClose ?? false,
      post.authorOrganisation,
      post.mailNote ? JSON.stringify(post.mailNote) : null,
    ],
  );
}

export type PostEdit = Pick<
  Post,
  | 'id'
  | 'spaceId'
  | 'questionId'
  | 'parentId'
  | 'anonymous'
  | 'lang'
  | 'body'
  | 'attachments'
  | 'onBehalfOf'
  | 'authorOrganisation'
> & { status: PostStatus };

export async function updatePostContent(tx: WriteTx<'posts'>, edit: PostEdit): Promise<void> {
  await tx.query(
    `UPDATE posts SET space_id = $2, question_id = $3, parent_id = $4, anonymous = $5, lang = $6, body = $7,
                      attachments = $8, on_behalf_of = $9, status = $10, moderation_reason = NULL,
                      moderation_reason_template_id = NULL, was_public = was_public OR $10 = 'approved',
                      author_organisation = $11, updated_at = clock_timestamp(), seq = nextval('posts_seq')
      WHERE id = $1`,
    [
      edit.id,
      edit.spaceId,
      edit.questionId,
      edit.parentId,
      edit.anonymous,
      edit.lang,
      edit.body,
      JSON.stringify(edit.attachments),
      edit.onBehalfOf,
      edit.status,
      edit.authorOrganisation,
    ],
  );
}

/** A status change (a decision or a withdrawal); becoming approved marks the post as once public. */
export async function setPostStatus(
  tx: WriteTx<'posts'>,
  id: string,
  status: PostStatus,
  moderationReason: string | null,
  reasonTemplateId: string | null = null,
): Promise<void> {
  await tx.query(
    `UPDATE posts SET status = $2, moderation_reason = $3, moderation_reason_template_id = $4,
                      was_public = was_public OR $2 = 'approved',
                      updated_at = clock_timestamp(), seq = nextval('posts_seq')
      WHERE id = $1`,
    [id, status, moderationReason, reasonTemplateId],
  );
}

/**
 * Moves a post to the end of the change order without changing it as its author knows it
 * (updatedAt stays: an edit based on it still applies), so moderators' devices pull its flags.
 */
export async function bumpPost(tx: WriteTx<'posts'>, id: string): Promise<void> {
  await tx.query(`UPDATE posts SET seq = nextval('posts_seq') WHERE id = $1`, [id]);
}

/**
 * After a person changed their display name or organisation: their posts that show them (not
 * anonymous ones; a comment entered for someone who wrote in keeps no organisation) take the new
 * ones and move to the end of the change order, so every device pulls them again and everyone
 * reads one name. updatedAt stays: the text did not change. Returns how many posts changed.
 */
export async function reIdentifyPosts(
  tx: WriteTx<'posts'>,
  authorId: string,
  identity: { displayName: string; organisation: string | null },
): Promise<number> {
  const rows = await tx.query(
    `WITH shown AS (
       SELECT id, CASE WHEN on_behalf_of IS NULL THEN $3::text END AS organisation
         FROM posts WHERE author_id = $1 AND NOT anonymous)
     UPDATE posts p SET author_name = $2, author_organisation = shown.organisation, seq = nextval('posts_seq')
       FROM shown
      WHERE p.id = shown.id
        AND (p.author_name IS DISTINCT FROM $2 OR p.author_organisation IS DISTINCT FROM shown.organisation)
      RETURNING p.id`,
    [authorId, identity.displayName, identity.organisation],
  );
  return rows.length;
}

/** Opens a flag; false when this user already flagged this post (one flag per user and post). */
export async function insertFlag(
  tx: WriteTx<'posts'>,
  flag: { id: string; postId: string; userId: string; reason: string },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO flags (id, post_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4, clock_timestamp())
     ON CONFLICT ON CONSTRAINT flags_post_user_key DO NOTHING RETURNING id`,
    [flag.id, flag.postId, flag.userId, flag.reason],
  );
  return rows.length > 0;
}

/** Closes the post's open flags (hidden, or a moderator found them unfounded). */
export async function resolveFlags(tx: WriteTx<'posts'>, postId: string): Promise<number> {
  const rows = await tx.query(
    `UPDATE flags SET resolved_at = clock_timestamp() WHERE post_id = $1 AND resolved_at IS NULL RETURNING id`,
    [postId],
  );
  return rows.length;
}
