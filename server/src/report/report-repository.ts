import type { Post, Question } from '@parley/shared';
import type { Queryable } from '../db/db';
import { toIso } from '../db/rows';

type ReportPostRow = {
  id: string;
  question_id: string;
  parent_id: string | null;
  author_id: string;
  author_name: string;
  anonymous: boolean;
  on_behalf_of: string | null;
  lang: string;
  body: string;
  created_at: unknown;
  attachments: Post['attachments'];
};

/** The approved posts of a space: all a summary report is made of. */
export async function approvedPostsOfSpace(q: Queryable, spaceId: string) {
  const rows = await q.query<ReportPostRow>(
    `SELECT id, question_id, parent_id, author_id, author_name, anonymous, on_behalf_of, lang, body, created_at,
            attachments
       FROM posts
      WHERE space_id = $1 AND status = 'approved'
        AND question_id IN (SELECT id FROM questions WHERE removed_at IS NULL)
      ORDER BY created_at, id`,
    [spaceId],
  );
  return rows.map((r) => ({
    id: r.id,
    questionId: r.question_id,
    parentId: r.parent_id,
    authorId: r.author_id,
    authorName: r.author_name,
    anonymous: r.anonymous,
    onBehalfOf: r.on_behalf_of,
    lang: r.lang,
    body: r.body,
    createdAt: toIso(r.created_at),
    attachments: r.attachments,
    status: 'approved' as const,
  }));
}

export async function questionsOfSpace(q: Queryable, spaceId: string) {
  const rows = await q.query<{
    id: string;
    space_id: string;
    phase_id: string;
    position: number;
    title: Question['title'];
  }>(
    'SELECT id, space_id, phase_id, position, title FROM questions WHERE space_id = $1 AND removed_at IS NULL',
    [spaceId],
  );
  return rows.map((r) => ({
    id: r.id,
    spaceId: r.space_id,
    phaseId: r.phase_id,
    position: r.position,
    title: r.title,
  }));
}
