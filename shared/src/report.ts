import { ANONYMOUS_NAME } from './constants';
import type { Post, Question, Space } from './documents';

/**
 * The summary report of a space (or one of its phases): per question, the approved contributions
 * with their threads; counts by language and by phase; the attached files; how many people took
 * part. Pure, so the server (Markdown/CSV downloads) and the device (the printable screen, from
 * what it holds offline) build the same report from the same documents.
 */
export interface ReportPost {
  id: string;
  /** As the report shows it: "Anonymous" for anonymous posts, the sender for e-mailed comments. */
  author: string;
  lang: string;
  body: string;
  createdAt: string;
  attachments: Post['attachments'];
  replies: ReportPost[];
}

export interface ReportQuestion {
  id: string;
  phaseId: string;
  position: number;
  title: Question['title'];
  contributions: number;
  byLanguage: Record<string, number>;
  threads: ReportPost[];
}

export interface ReportAttachment {
  id: string;
  name: string;
  size: number;
  mime: string;
  postId: string;
  questionId: string;
}

export interface SpaceReport {
  space: { id: string; slug: string; title: Space['title']; languages: string[] };
  /** null: the whole space. */
  phaseId: string | null;
  phases: { id: string; name: Space['phases'][number]['name']; opensAt: string; closesAt: string }[];
  contributions: number;
  /** Distinct people; anonymous ones are counted (by their account), never named. */
  contributors: number;
  anonymousContributors: number;
  byLanguage: Record<string, number>;
  byPhase: Record<string, number>;
  questions: ReportQuestion[];
  attachments: ReportAttachment[];
}

type ReportInputPost = Pick<
  Post,
  | 'id'
  | 'questionId'
  | 'parentId'
  | 'authorId'
  | 'authorName'
  | 'anonymous'
  | 'onBehalfOf'
  | 'lang'
  | 'body'
  | 'createdAt'
  | 'attachments'
  | 'status'
>;

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

const shownAuthor = (p: ReportInputPost) =>
  p.anonymous ? ANONYMOUS_NAME : p.onBehalfOf ? p.onBehalfOf : p.authorName;

/** Who a contribution counts for: the account, or the person a moderator posted an e-mail for. */
const personKey = (p: ReportInputPost) =>
  p.onBehalfOf ? `behalf:${p.onBehalfOf.trim().toLowerCase()}` : `user:${p.authorId ?? p.id}`;

export function buildReport(
  space: Pick<Space, 'id' | 'slug' | 'title' | 'languages' | 'phases'>,
  questions: readonly Pick<Question, 'id' | 'spaceId' | 'phaseId' | 'position' | 'title'>[],
  posts: readonly ReportInputPost[],
  phaseId: string | null = null,
): SpaceReport {
  const phaseOrder = new Map(space.phases.map((p, i) => [p.id, i]));
  const chosen = questions
    .filter((q) => q.spaceId === space.id && (phaseId === null || q.phaseId === phaseId))
    .sort(
      (a, b) =>
        (phaseOrder.get(a.phaseId) ?? 99) - (phaseOrder.get(b.phaseId) ?? 99) || a.position - b.position,
    );
  const questionIds = new Set(chosen.map((q) => q.id));
  const approved = posts
    .filter((p) => p.status === 'approved' && questionIds.has(p.questionId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const approvedIds = new Set(approved.map((p) => p.id));

  const nodes = new Map<string, ReportPost>();
  for (const p of approved) {
    nodes.set(p.id, {
      id: p.id,
      author: shownAuthor(p),
      lang: p.lang,
      body: p.body,
      createdAt: p.createdAt,
      attachments: p.attachments,
      replies: [],
    });
  }
  const roots = new Map<string, ReportPost[]>(chosen.map((q) => [q.id, []]));
  for (const p of approved) {
    const node = nodes.get(p.id)!;
    // A reply whose parent is not approved (pending, hidden) stands as a thread of its own.
    const parent = p.parentId && approvedIds.has(p.parentId) ? nodes.get(p.parentId) : undefined;
    if (parent) parent.replies.push(node);
    else roots.get(p.questionId)?.push(node);
  }

  const byLanguage: Record<string, number> = {};
  const byPhase: Record<string, number> = {};
  const people = new Set<string>();
  const anonymousPeople = new Set<string>();
  const attachments: ReportAttachment[] = [];
  const phaseOf = new Map(chosen.map((q) => [q.id, q.phaseId]));
  const perQuestion = new Map(chosen.map((q) => [q.id, { count: 0, byLanguage: {} }]));
  for (const p of approved) {
    bump(byLanguage, p.lang);
    bump(byPhase, phaseOf.get(p.questionId) ?? '');
    const q = perQuestion.get(p.questionId)!;
    q.count++;
    bump(q.byLanguage, p.lang);
    people.add(personKey(p));
    if (p.anonymous) anonymousPeople.add(personKey(p));
    for (const a of p.attachments) attachments.push({ ...a, postId: p.id, questionId: p.questionId });
  }

  return {
    space: { id: space.id, slug: space.slug, title: space.title, languages: [...space.languages] },
    phaseId,
    phases: space.phases
      .filter((p) => phaseId === null || p.id === phaseId)
      .map((p) => ({ id: p.id, name: p.name, opensAt: p.opensAt, closesAt: p.closesAt })),
    contributions: approved.length,
    contributors: people.size,
    anonymousContributors: anonymousPeople.size,
    byLanguage,
    byPhase,
    questions: chosen.map((q) => ({
      id: q.id,
      phaseId: q.phaseId,
      position: q.position,
      title: q.title,
      contributions: perQuestion.get(q.id)!.count,
      byLanguage: perQuestion.get(q.id)!.byLanguage,
      threads: roots.get(q.id) ?? [],
    })),
    attachments,
  };
}

/** A multilingual field in the report's language, else the space's first, else any. */
export function reportText(
  field: Record<string, string>,
  lang: string,
  languages: readonly string[],
): string {
  for (const l of [lang, ...languages]) if (field[l]?.trim()) return field[l];
  return Object.values(field).find((t) => t.trim()) ?? '';
}
