import type { Moderation } from '@parley/shared';
import type { Queryable } from '../db/db';
import { toIso, toIsoOrNull, toNumber } from '../db/rows';
import type { WriteTx } from '../db/write';

interface ModerationRow {
  id: string;
  post_id: string;
  space_id: string;
  decision: Moderation['decision'];
  reason: string | null;
  reason_template_id: string | null;
  based_on_status: Moderation['basedOnStatus'];
  moderator_id: string;
  moderator_name: string;
  created_at: unknown;
  outcome: 'applied' | 'superseded';
  updated_at: unknown;
  seq: unknown;
}

export type ModerationRecord = Moderation & { seq: number };

const toModeration = (r: ModerationRow): ModerationRecord => ({
  id: r.id,
  postId: r.post_id,
  spaceId: r.space_id,
  decision: r.decision,
  reason: r.reason,
  reasonTemplateId: r.reason_template_id,
  basedOnStatus: r.based_on_status,
  moderatorId: r.moderator_id,
  moderatorName: r.moderator_name,
  createdAt: toIso(r.created_at),
  outcome: r.outcome,
  updatedAt: toIsoOrNull(r.updated_at),
  seq: toNumber(r.seq),
});

/**
 * Only the log of spaces the viewer moderates (global: all), and of the posts of questions they
 * moderate one by one.
 */
export async function pullModeration(
  q: Queryable,
  scope: { global: boolean; spaceIds: readonly string[]; questionIds?: readonly string[] },
  afterSeq: number,
  limit: number,
  /** The device's followed spaces; null = every space. */
  spaces: readonly string[] | null = null,
): Promise<ModerationRecord[]> {
  const rows = await q.query<ModerationRow>(
    `SELECT * FROM moderation
      WHERE seq > $1
        AND ($2::boolean OR space_id = ANY($3::uuid[])
             OR (cardinality($6::uuid[]) > 0
                 AND post_id IN (SELECT p.id FROM posts p WHERE p.question_id = ANY($6::uuid[]))))
        AND ($5::uuid[] IS NULL OR space_id = ANY($5::uuid[]))
      ORDER BY seq LIMIT $4`,
    [afterSeq, scope.global, scope.spaceIds, limit, spaces, scope.questionIds ?? []],
  );
  return rows.map(toModeration);
}

export async function maxModerationSeq(q: Queryable): Promise<number> {
  const [row] = await q.query<{ max: unknown }>('SELECT coalesce(max(seq), 0) AS max FROM moderation');
  return toNumber(row?.max ?? 0);
}

export async function findModeration(q: Queryable, id: string): Promise<ModerationRecord | null> {
  const [row] = await q.query<ModerationRow>('SELECT * FROM moderation WHERE id = $1', [id]);
  return row ? toModeration(row) : null;
}

/** Whether the user moderates one or more questions of this space (as a question moderator). */
export async function moderatesQuestionsOf(q: Queryable, userId: string, spaceId: string): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM moderators WHERE user_id = $1 AND space_id = $2 AND question_id IS NOT NULL LIMIT 1',
    [userId, spaceId],
  );
  return rows.length > 0;
}

export async function moderationExists(q: Queryable, id: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM moderation WHERE id = $1', [id])).length > 0;
}

export type NewModeration = Omit<
  Moderation,
  'updatedAt' | 'spaceId' | 'moderatorId' | 'moderatorName' | 'outcome'
> & {
  spaceId: string;
  moderatorId: string;
  moderatorName: string;
  outcome: 'applied' | 'superseded';
};

export async function insertModeration(tx: WriteTx<'moderation'>, m: NewModeration): Promise<void> {
  await tx.query(
    `INSERT INTO moderation (id, post_id, space_id, decision, reason, based_on_status, moderator_id,
                             moderator_name, created_at, outcome, reason_template_id, updated_at, seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, clock_timestamp(), nextval('moderation_seq'))
     ON CONFLICT (id) DO NOTHING`,
    [
      m.id,
      m.postId,
      m.spaceId,
      m.decision,
      m.reason,
      m.basedOnStatus,
      m.moderatorId,
      m.moderatorName,
      m.createdAt,
      m.outcome,
      m.reasonTemplateId,
    ],
  );
}

/** One row of the audit log as the CSV export shows it: the decision and the post it was about. */
export interface AuditRow {
  createdAt: string;
  recordedAt: string;
  moderatorName: string;
  decision: Moderation['decision'];
  reason: string | null;
  reasonTemplateId: string | null;
  basedOnStatus: string;
  outcome: string;
  postId: string;
  postAuthor: string;
  postAnonymous: boolean;
  onBehalfOf: string | null;
  questionTitle: Record<string, string>;
  postExcerpt: string;
}

/** The whole log of one space, oldest first (the order decisions reached the server). */
export async function auditLog(q: Queryable, spaceId: string): Promise<AuditRow[]> {
  const rows = await q.query<{
    created_at: unknown;
    updated_at: unknown;
    moderator_name: string;
    decision: Moderation['decision'];
    reason: string | null;
    reason_template_id: string | null;
    based_on_status: string;
    outcome: string;
    post_id: string;
    author_name: string;
    anonymous: boolean;
    on_behalf_of: string | null;
    title: Record<string, string>;
    excerpt: string;
  }>(
    `SELECT m.created_at, m.updated_at, m.moderator_name, m.decision, m.reason, m.reason_template_id,
            m.based_on_status, m.outcome, m.post_id, p.author_name, p.anonymous, p.on_behalf_of,
            q.title, left(p.body, 200) AS excerpt
       FROM moderation m JOIN posts p ON p.id = m.post_id JOIN questions q ON q.id = p.question_id
      WHERE m.space_id = $1
      ORDER BY m.seq`,
    [spaceId],
  );
  return rows.map((r) => ({
    createdAt: toIso(r.created_at),
    recordedAt: toIso(r.updated_at),
    moderatorName: r.moderator_name,
    decision: r.decision,
    reason: r.reason,
    reasonTemplateId: r.reason_template_id,
    basedOnStatus: r.based_on_status,
    outcome: r.outcome,
    postId: r.post_id,
    postAuthor: r.author_name,
    postAnonymous: r.anonymous,
    onBehalfOf: r.on_behalf_of,
    questionTitle: r.title,
    postExcerpt: r.excerpt,
  }));
}
