import type { DeletionPolicy, Phase, Question, Space } from '@parley/shared';
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
  updatedAt: toIsoOrNull(r.updated_at),
  seq: toNumber(r.seq),
});

/**
 * A space's moderators are derived, never stored on the space: every global moderator plus the
 * space's regional ones.
 */
const SPACE_COLUMNS = `s.*, coalesce((
    SELECT json_agg(json_build_object(
             'userId', u.id, 'displayName', u.display_name,
             'level', CASE WHEN m.space_id IS NULL THEN 'global' ELSE 'regional' END)
           ORDER BY m.space_id NULLS FIRST, u.display_name)
      FROM moderators m JOIN users u ON u.id = m.user_id
     WHERE m.space_id = s.id OR m.space_id IS NULL), '[]'::json) AS moderators`;

export async function pullSpaces(q: Queryable, afterSeq: number, limit: number): Promise<SpaceRecord[]> {
  const rows = await q.query<SpaceRow>(
    `SELECT ${SPACE_COLUMNS} FROM spaces s WHERE s.seq > $1 ORDER BY s.seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map(toSpace);
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
    'moderators' | 'updatedAt' | 'reasonTemplates' | 'documents' | 'announcement' | 'deletionPolicy'
  > & {
    reasonTemplates?: Space['reasonTemplates'];
    /** Absent: a new space keeps posts, an existing one keeps its policy. */
    deletionPolicy?: DeletionPolicy;
  },
) {
  await tx.query(
    `INSERT INTO spaces (id, slug, title, intro, audience, languages, phases, contact_email, reason_templates,
                         deletion_policy, updated_at, seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, 'keep'), clock_timestamp(), nextval('spaces_seq'))
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

/** The spaces that list this upload among their documents (public files). */
export async function spacesWithDocument(q: Queryable, uploadId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM spaces WHERE documents @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
    [uploadId],
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
  updated_at: unknown;
  seq: unknown;
}

export type QuestionRecord = Question & { seq: number };

const toQuestion = (r: QuestionRow): QuestionRecord => ({
  id: r.id,
  spaceId: r.space_id,
  phaseId: r.phase_id,
  position: r.position,
  title: r.title,
  body: r.body,
  updatedAt: toIsoOrNull(r.updated_at),
  seq: toNumber(r.seq),
});

export async function pullQuestions(
  q: Queryable,
  afterSeq: number,
  limit: number,
): Promise<QuestionRecord[]> {
  const rows = await q.query<QuestionRow>('SELECT * FROM questions WHERE seq > $1 ORDER BY seq LIMIT $2', [
    afterSeq,
    limit,
  ]);
  return rows.map(toQuestion);
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
}

export async function findQuestionContext(q: Queryable, id: string): Promise<QuestionContext | null> {
  const [row] = await q.query<{ id: string; space_id: string; phase_id: string; phases: Phase[] }>(
    `SELECT q.id, q.space_id, q.phase_id, s.phases FROM questions q JOIN spaces s ON s.id = q.space_id
      WHERE q.id = $1`,
    [id],
  );
  if (!row) return null;
  const phase = row.phases.find((p) => p.id === row.phase_id);
  return {
    id: row.id,
    spaceId: row.space_id,
    phase: phase ? { opensAt: toIso(phase.opensAt), closesAt: toIso(phase.closesAt) } : null,
  };
}
