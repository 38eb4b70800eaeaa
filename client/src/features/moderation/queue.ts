import type { Me, Moderation, Post } from '@parley/shared';

export type DecisionView =
  | { kind: 'queued'; decision: Moderation }
  | { kind: 'applied'; decision: Moderation }
  | { kind: 'superseded'; decision: Moderation; decidedBy: string | null };

/** Decisions not yet answered by the server (outcome still null). */
export function queuedDecisionFor(postId: string, log: readonly Moderation[]): Moderation | undefined {
  return log.find((m) => m.postId === postId && m.outcome === null);
}

/**
 * My decisions, newest first, with what became of them. A superseded one names the moderator
 * whose decision was applied first.
 */
export function myDecisions(log: readonly Moderation[], me: Me, limit = 10): DecisionView[] {
  const mine = log.filter((m) => m.moderatorId === null || m.moderatorId === me.id);
  return mine.slice(0, limit).map((decision): DecisionView => {
    if (decision.outcome === null) return { kind: 'queued', decision };
    if (decision.outcome === 'applied') return { kind: 'applied', decision };
    const winner = log.find(
      (m) => m.postId === decision.postId && m.outcome === 'applied' && m.id !== decision.id,
    );
    return { kind: 'superseded', decision, decidedBy: winner?.moderatorName ?? null };
  });
}

/** The queue: pending posts the server received, of spaces I moderate, oldest first. */
export function queueOf(pending: readonly Post[], me: Me): Post[] {
  return pending.filter(
    (p) => p.receivedAt !== null && (me.globalModerator || me.moderatorOf.includes(p.spaceId)),
  );
}
