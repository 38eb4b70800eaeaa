import type { Me, Moderation, Post, Question, Space } from '@parley/shared';

export type DecisionView =
  | { kind: 'queued'; decision: Moderation }
  | { kind: 'applied'; decision: Moderation }
  /** `first` is the decision that was applied before mine (who, what, why), when the device has it. */
  | { kind: 'superseded'; decision: Moderation; decidedBy: string | null; first: Moderation | null };

/** Decisions not yet answered by the server (outcome still null). */
export function queuedDecisionFor(postId: string, log: readonly Moderation[]): Moderation | undefined {
  return log.find((m) => m.postId === postId && m.outcome === null);
}

/**
 * My decisions, newest first, with what became of them. A superseded one names the moderator
 * whose decision was applied first, and what they decided.
 */
export function myDecisions(log: readonly Moderation[], me: Me, limit = 10): DecisionView[] {
  const mine = log.filter((m) => m.moderatorId === null || m.moderatorId === me.id);
  return mine.slice(0, limit).map((decision): DecisionView => {
    if (decision.outcome === null) return { kind: 'queued', decision };
    if (decision.outcome === 'applied') return { kind: 'applied', decision };
    // The decision in force when mine arrived: the latest applied one made before it reached the server.
    const applied = log.filter(
      (m) => m.postId === decision.postId && m.outcome === 'applied' && m.id !== decision.id,
    );
    const first =
      applied.find((m) => (m.updatedAt ?? '') <= (decision.updatedAt ?? '\uffff')) ?? applied.at(-1) ?? null;
    return { kind: 'superseded', decision, decidedBy: first?.moderatorName ?? null, first };
  });
}

/** A post a moderator must look at: a pending post the server received, or a published one with open flags. */
export function needsReview(post: Post): boolean {
  if (post.status === 'pending') return post.receivedAt !== null;
  return post.status === 'approved' && (post.flags?.length ?? 0) > 0;
}

/** The queue: posts to review, of spaces (or questions) I moderate, oldest first. */
export function queueOf(posts: readonly Post[], me: Me): Post[] {
  return posts.filter((p) => needsReview(p) && moderatesPostOf(me, p));
}

/** Moderates this post: global, its whole space, or its question (a question moderator). */
export const moderatesPostOf = (me: Me, post: { spaceId: string; questionId: string }): boolean =>
  me.globalModerator ||
  me.moderatorOf.includes(post.spaceId) ||
  (me.moderatorOfQuestions ?? []).includes(post.questionId);

/**
 * The spaces whose moderation I see: every one for a global moderator, mine, and those where I
 * moderate a question (the space's moderator list names me there).
 */
export const moderatedSpace = (me: Me, space: Space): boolean =>
  me.globalModerator ||
  me.moderatorOf.includes(space.id) ||
  space.moderators.some((m) => m.userId === me.id && m.level === 'question');

export type QueueOrder = 'oldest' | 'newest';

export interface QueueFilters {
  spaceId: string | null;
  questionId: string | null;
  phaseId: string | null;
  lang: string | null;
  order: QueueOrder;
}

export const NO_FILTERS: QueueFilters = {
  spaceId: null,
  questionId: null,
  phaseId: null,
  lang: null,
  order: 'oldest',
};

/** When the post reached the server; the queue is in that order, not the device clocks'. */
const arrival = (p: Post) => p.receivedAt ?? p.createdAt;

export function filterQueue(
  posts: readonly Post[],
  filters: QueueFilters,
  questions: ReadonlyMap<string, Question>,
): Post[] {
  const shown = posts.filter(
    (p) =>
      (filters.spaceId === null || p.spaceId === filters.spaceId) &&
      (filters.questionId === null || p.questionId === filters.questionId) &&
      (filters.lang === null || p.lang === filters.lang) &&
      (filters.phaseId === null || questions.get(p.questionId)?.phaseId === filters.phaseId),
  );
  const sign = filters.order === 'oldest' ? 1 : -1;
  return shown.sort((a, b) => sign * arrival(a).localeCompare(arrival(b)));
}

/** The choices each filter offers, from what is in the queue (a filter never offers an empty result). */
export function filterChoices(
  posts: readonly Post[],
  questions: ReadonlyMap<string, Question>,
  spaces: ReadonlyMap<string, Space>,
) {
  const langs = [...new Set(posts.map((p) => p.lang))].sort();
  const questionIds = [...new Set(posts.map((p) => p.questionId))].filter((id) => questions.has(id));
  const phaseIds = new Set(questionIds.map((id) => questions.get(id)!.phaseId));
  const phases = [...spaces.values()].flatMap((s) => s.phases.filter((ph) => phaseIds.has(ph.id)));
  const spaceIds = [...new Set(posts.map((p) => p.spaceId))].filter((id) => spaces.has(id));
  return {
    langs,
    questions: questionIds
      .map((id) => questions.get(id)!)
      .sort((a, b) => a.spaceId.localeCompare(b.spaceId) || a.position - b.position),
    phases,
    spaces: spaceIds.map((id) => spaces.get(id)!),
  };
}
