import type { DeletionPolicy, Phase, Question, Space, SpaceStatus } from '@parley/shared';
import type { Queryable } from '../db/db';
import { toIso, toIsoOrNull, toNumber } from '../db/rows';
import type { WriteTx } from '../db/write';

interface SpaceRow {
  id: string;
  slug: string;
  title: Record<string, string>;
  intro: Record<string, string>;
  audience: Record<string, string>;
  languages: string[];
  /** Rows written before time zones existed have none. */
  phases: (Omit<Phase, 'timeZone'> & { timeZone?: string })[];
  contact_email: string | null;
  reason_templates: Space['reasonTemplates'] | null;
  documents: Space['documents'] | null;
  announcement: Space['announcement'];
  deletion_policy: DeletionPolicy | null;
  status: SpaceStatus | null;
  updated_at: unknown;
  seq: unknown;
  moderators: Space['moderators'];
}

export type SpaceRecord = Space & { seq: number };

const toSpace = (r: SpaceRow): SpaceRecord => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  intro: r.intro,
  audience: r.audience,
  languages: r.languages,
  // Phases stored before time zones existed were entered in UTC.
  phases: r.phases.map((p) => ({ ...p, timeZone: p.timeZone ?? 'UTC' })),
  contactEmail: r.contact_email,
  moderators: r.moderators,
  reasonTemplates: r.reason_templates ?? [],
  documents: r.documents ?? [],
  announcement: r.announcement ?? null,
  deletionPolicy: r.deletion_policy ?? 'keep',
  status: r.status ?? 'published',
  updatedAt: toIsoOrNull(r.updated_at),
  seq: toNumber(r.seq),
});

/**
 * A space's moderators are derived, never stored on the space: every global moderator, the
 * space's regional ones, and its question moderators with the questions they moderate. One entry
 * per person, at their widest level (global, then regional, then question).
 */
const SPACE_COLUMNS = `s.*, coalesce((
    SELECT json_agg(CASE WHEN x.level = 'question'
             THEN json_build_object('userId', x.id, 'displayName', x.display_name, 'level', x.level,
                                    'questionIds', x.question_ids)
             ELSE json_build_object('userId', x.id, 'displayName', x.display_name, 'level', x.level) END
           ORDER BY x.rank, x.display_name)
      FROM (SELECT u.id, u.display_name,
                   CASE WHEN bool_or(m.space_id IS NULL) THEN 'global'
                        WHEN bool_or(m.question_id IS NULL) THEN 'regional' ELSE 'question' END AS level,
                   CASE WHEN bool_or(m.space_id IS NULL) THEN 0
                        WHEN bool_or(m.question_id IS NULL) THEN 1 ELSE 2 END AS rank,
                   array_agg(m.question_id ORDER BY m.question_id) FILTER (WHERE m.question_id IS NOT NULL)
                     AS question_ids
              FROM moderators m JOIN users u ON u.id = m.user_id
             WHERE m.space_id = s.id OR m.space_id IS NULL
             GROUP BY u.id, u.display_name) x), '[]'::json) AS moderators`;

/** `withDrafts`: administrators only; nobody else ever receives a draft space. */
export async function pullSpaces(
  q: Queryable,
  afterSeq: number,
  limit: number,
  withDrafts: boolean,
): Promise<SpaceRecord[]> {
  const rows = await q.query<SpaceRow>(
    `SELECT ${SPACE_COLUMNS} FROM spaces s WHERE s.seq > $1 AND ($3::boolean OR s.status <> 'draft')
      ORDER BY s.seq LIMIT $2`,
    [afterSeq, limit, withDrafts],
  );
  return rows.map(toSpace);
}

/** The spaces still in draft: their questions, posts and log reach administrators only. */
export async function draftSpaceIds(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ id: string }>(`SELECT id FROM spaces WHERE status = 'draft'`);
  return rows.map((r) => r.id);
}

/**
 * Moves a space along its life (the caller checked the transition). Publishing a draft also moves
 * its questions, posts and log to the end of their change order: devices that pulled past them
 * while the space was hidden from them then receive the space complete.
 */
export async function setSpaceStatus(
  tx: WriteTx<'spaces' | 'questions' | 'posts' | 'moderation'>,
  id: string,
  status: SpaceStatus,
  from: SpaceStatus,
): Promise<void> {
  await tx.query(
    `UPDATE spaces SET status = $2, seq = nextval('spaces_seq'), updated_at = clock_timestamp() WHERE id = $1`,
    [id, status],
  );
  if (from !== 'draft') return;
  await tx.query(`UPDATE questions SET seq = nextval('questions_seq') WHERE space_id = $1`, [id]);
  await tx.query(`UPDATE posts SET seq = nextval('posts_seq') WHERE space_id = $1`, [id]);
  await tx.query(`UPDATE moderation SET seq = nextval('moderation_seq') WHERE space_id = $1`, [id]);
}

export async function findSpace(
  q: Queryable,
  by: { id: string } | { slug: string },
): Promise<SpaceRecord | null> {
  const [column, value] = 'id' in by ? ['id', by.id] : ['slug', by.slug];
  const [row] = await q.query<SpaceRow>(`SELECT ${SPACE_COLUMNS} FROM spaces s WHERE s.${column} = $1`, [
    value,
  ]);
  return row ? toSpace(row) : null;
}

export async function countSpaces(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: unknown }>('SELECT count(*) AS n FROM spaces');
  return toNumber(row?.n ?? 0);
}

export async function maxSpaceSeq(q: Queryable): Promise<number> {
  const [row] = await q.query<{ max: unknown }>('SELECT coalesce(max(seq), 0) AS max FROM spaces');
  return toNumber(row?.max ?? 0);
}

export async function lockSpace(tx: WriteTx<'spaces'>, id: string): Promise<SpaceRecord | null> {
  await tx.query('SELECT 1 FROM spaces WHERE id = $1 FOR UPDATE', [id]);
  return findSpace(tx, { id });
}

export async function slugTakenByOther(q: Queryable, slug: string, id: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM spaces WHERE slug = $1 AND id <> $2', [slug, id]);
  return rows.length > 0;
}

export async function upsertSpace(
  tx: WriteTx<'spaces'>,
  // Documents and the announcement have their own routes (space-documents, announcements): an
  // edit of the space keeps them as stored.
  space: Omit<
    Space,
    | 'moderators'
    | 'updatedAt'
    | 'reasonTemplates'
    | 'documents'
    | 'announcement'
    | 'deletionPolicy'
    | 'status'
  > & {
    reasonTemplates?: Space['reasonTemplates'];
    /** Absent: a new space keeps posts, an existing one keeps its policy. */
    deletionPolicy?: DeletionPolicy;
  },
  /** The status of a new space (an existing one keeps its own): the demo and fixtures publish. */
  newStatus: SpaceStatus = 'published',
) {
  await tx.query(
    `INSERT INTO spaces (id, slug, title, intro, audience, languages, phases, contact_email, reason_templates,
                         deletion_policy, status, updated_at, seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, 'keep'), $11, clock_timestamp(), nextval('spaces_seq'))
     ON CONFLICT (id) DO UPDATE SET
       slug = excluded.slug, title = excluded.title, intro = excluded.intro, audience = excluded.audience,
       languages = excluded.languages, phases = excluded.phases, contact_email = excluded.contact_email,
       reason_templates = excluded.reason_templates,
       deletion_policy = coalesce($10, spaces.deletion_policy),
       updated_at = excluded.updated_at, seq = excluded.seq`,
    [
      space.id,
      space.slug,
      JSON.stringify(space.title),
      JSON.stringify(space.intro),
      JSON.stringify(space.audience),
      JSON.stringify(space.languages),
      JSON.stringify(space.phases),
      space.contactEmail,
      JSON.stringify(space.reasonTemplates ?? []),
      space.deletionPolicy ?? null,
      newStatus,
    ],
  );
}

/** Replaces a space's documents and moves it to the end of the change order (devices pull it). */
export async function setSpaceDocuments(
  tx: WriteTx<'spaces'>,
  id: string,
  documents: Space['documents'],
): Promise<void> {
  await tx.query(
    `UPDATE spaces SET documents = $2, seq = nextval('spaces_seq'), updated_at = clock_timestamp()
      WHERE id = $1`,
    [id, JSON.stringify(documents)],
  );
}

/** Sets (or, with null, removes) a space's pinned announcement; devices pull the change. */
export async function setSpaceAnnouncement(
  tx: WriteTx<'spaces'>,
  id: string,
  announcement: Space['announcement'],
): Promise<void> {
  await tx.query(
    `UPDATE spaces SET announcement = $2, seq = nextval('spaces_seq'), updated_at = clock_timestamp()
      WHERE id = $1`,
    [id, announcement === null ? null : JSON.stringify(announcement)],
  );
}

/**
 * The spaces that list this upload among their documents (public files, like the space: a draft's
 * documents count only `withDrafts`, for administrators).
 */
export async function spacesWithDocument(
  q: Queryable,
  uploadId: string,
  withDrafts = true,
): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM spaces WHERE documents @> jsonb_build_array(jsonb_build_object('id', $1::text))
        AND ($2::boolean OR status <> 'draft')`,
    [uploadId, withDrafts],
  );
  return rows.map((r) => r.id);
}

/**
 * Moves spaces to the end of the change order so devices pull their new moderator list.
 * spaceId null = every space (a global moderator changed).
 */
export async function bumpSpaces(tx: WriteTx<'spaces'>, spaceId: string | null): Promise<void> {
  await tx.query(
    `UPDATE spaces SET seq = nextval('spaces_seq'), updated_at = clock_timestamp()
      WHERE $1::uuid IS NULL OR id = $1::uuid`,
    [spaceId],
  );
}

interface QuestionRow {
  id: string;
  space_id: string;
  phase_id: string;
  position: number;
  title: Record<string, string>;
  body: Record<string, string>;
  removed_at: unknown;
  updated_at: unknown;
  seq: unknown;
}

/** `removed`: an administrator removed it; it goes out as a deletion, its row stays. */
export type QuestionRecord = Question & { seq: number; removed: boolean };

const toQuestion = (r: QuestionRow): QuestionRecord => ({
  id: r.id,
  spaceId: r.space_id,
  phaseId: r.phase_id,
  position: r.position,
  title: r.title,
  body: r.body,
  updatedAt: toIsoOrNull(r.updated_at),
  seq: toNumber(r.seq),
  removed: r.removed_at !== null && r.removed_at !== undefined,
});

/** `withDrafts`: administrators only; a draft space's questions reach nobody else. */
export async function pullQuestions(
  q: Queryable,
  afterSeq: number,
  limit: number,
  withDrafts: boolean,
): Promise<QuestionRecord[]> {
  const rows = await q.query<QuestionRow>(
    `SELECT q.* FROM questions q JOIN spaces s ON s.id = q.space_id
      WHERE q.seq > $1 AND ($3::boolean OR s.status <> 'draft')
      ORDER BY q.seq LIMIT $2`,
    [afterSeq, limit, withDrafts],
  );
  return rows.map(toQuestion);
}

/**
 * Marks a question removed (the row and its posts stay in the database) and moves it and its
 * posts to the end of their change order, so every device receives them as deletions. Returns
 * how many posts it carried; null when the space has no such question.
 */
export async function removeQuestion(
  tx: WriteTx<'questions' | 'posts'>,
  spaceId: string,
  questionId: string,
): Promise<number | null> {
  const [question] = await tx.query<{ removed_at: unknown }>(
    'SELECT removed_at FROM questions WHERE id = $1 AND space_id = $2 FOR UPDATE',
    [questionId, spaceId],
  );
  if (!question) return null;
  const posts = await tx.query<{ id: string }>('SELECT id FROM posts WHERE question_id = $1', [questionId]);
  // Removing twice is a retry: nothing moves again.
  if (question.removed_at !== null) return posts.length;
  await tx.query(
    `UPDATE questions SET removed_at = clock_timestamp(), updated_at = clock_timestamp(),
                          seq = nextval('questions_seq')
      WHERE id = $1`,
    [questionId],
  );
  await tx.query(`UPDATE posts SET seq = nextval('posts_seq') WHERE question_id = $1`, [questionId]);
  return posts.length;
}

export async function maxQuestionSeq(q: Queryable): Promise<number> {
  const [row] = await q.query<{ max: unknown }>('SELECT coalesce(max(seq), 0) AS max FROM questions');
  return toNumber(row?.max ?? 0);
}

export async function lockQuestion(tx: WriteTx<'questions'>, id: string): Promise<QuestionRecord | null> {
  const [row] = await tx.query<QuestionRow>('SELECT * FROM questions WHERE id = $1 FOR UPDATE', [id]);
  return row ? toQuestion(row) : null;
}

export async function upsertQuestion(tx: WriteTx<'questions'>, question: Omit<Question, 'updatedAt'>) {
  await tx.query(
    `INSERT INTO questions (id, space_id, phase_id, position, title, body, updated_at, seq)
     VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(), nextval('questions_seq'))
     ON CONFLICT (id) DO UPDATE SET
       space_id = excluded.space_id, phase_id = excluded.phase_id, position = excluded.position,
       title = excluded.title, body = excluded.body, updated_at = excluded.updated_at, seq = excluded.seq`,
    [
      question.id,
      question.spaceId,
      question.phaseId,
      question.position,
      JSON.stringify(question.title),
      JSON.stringify(question.body),
    ],
  );
}

/** What a post needs to know about the question it answers: its space and the phase's dates. */
export interface QuestionContext {
  id: string;
  spaceId: string;
  phase: { opensAt: string; closesAt: string } | null;
  /** Only a published space takes posts; a draft is the administrators' alone. */
  spaceStatus: SpaceStatus;
  /** An administrator removed the question: it takes nothing any more. */
  removed: boolean;
}

export async function findQuestionContext(q: Queryable, id: string): Promise<QuestionContext | null> {
  const [row] = await q.query<{
    id: string;
    space_id: string;
    phase_id: string;
    phases: Phase[];
    status: SpaceStatus;
    removed_at: unknown;
  }>(
    `SELECT q.id, q.space_id, q.phase_id, q.removed_at, s.phases, s.status
       FROM questions q JOIN spaces s ON s.id = q.space_id
      WHERE q.id = $1`,
    [id],
  );
  if (!row) return null;
  const phase = row.phases.find((p) => p.id === row.phase_id);
  return {
    id: row.id,
    spaceId: row.space_id,
    spaceStatus: row.status,
    removed: row.removed_at !== null,
    phase: phase ? { opensAt: toIso(phase.opensAt), closesAt: toIso(phase.closesAt) } : null,
  };
}
