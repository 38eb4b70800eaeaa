import { z } from 'zod';
import { Moderation, Post, Question, Space } from './documents';
import { FOLLOWED_SPACES_MAX } from './constants';
import { Id } from './primitives';

export const COLLECTIONS = ['spaces', 'questions', 'posts', 'moderation'] as const;
export const CollectionName = z.enum(COLLECTIONS);
export type CollectionName = z.infer<typeof CollectionName>;

export const DOCUMENT_SCHEMAS = {
  spaces: Space,
  questions: Question,
  posts: Post,
  moderation: Moderation,
} as const;

/**
 * A server-side position in one collection's change order, plus the viewer's visibility scope:
 * when the scope changes (signed in, became a moderator) the server restarts from zero so rows
 * that were invisible before are sent.
 */
export const Checkpoint = z.object({
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  scope: z.string().max(128),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

export const PULL_LIMIT_DEFAULT = 200;
export const PULL_LIMIT_MAX = 1_000;
export const PUSH_ROWS_MAX = 100;

/**
 * `spaces=<id>,<id>…`: the spaces a device follows. A pull or stream of a per-space collection
 * then sends only those spaces' rows; absent means every space (as before the filter existed),
 * empty (`spaces=`) means none. Parsed to a sorted list without repeats, so that the same set
 * always has the same scope.
 */
export const SpacesFilter = z
  .string()
  .max(FOLLOWED_SPACES_MAX * 37)
  .transform((s, ctx) => {
    const ids = s === '' ? [] : [...new Set(s.toLowerCase().split(','))].sort();
    if (ids.length > FOLLOWED_SPACES_MAX) {
      ctx.addIssue({ code: 'custom', message: `at most ${FOLLOWED_SPACES_MAX} spaces` });
      return z.NEVER;
    }
    if (!ids.every((id) => Id.safeParse(id).success)) {
      ctx.addIssue({ code: 'custom', message: 'spaces must be space ids separated by commas' });
      return z.NEVER;
    }
    return ids;
  });

export const PullQuery = z.object({
  checkpoint: z
    .string()
    .max(500)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return null;
      try {
        return Checkpoint.parse(JSON.parse(s));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'checkpoint must be JSON {"seq":n,"scope":s}' });
        return z.NEVER;
      }
    }),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(PULL_LIMIT_DEFAULT),
  spaces: SpacesFilter.optional().transform((ids) => ids ?? null),
});

/** A stream's query (besides `viewer`, see VIEWER_HEADER): the same filter. */
export const StreamQuery = z.object({
  spaces: SpacesFilter.optional().transform((ids) => ids ?? null),
});

/** Rows are parsed one by one by the server so that one bad row never blocks the others. */
export const PushRow = z.object({
  assumedMasterState: z.record(z.string(), z.unknown()).nullable().optional(),
  newDocumentState: z.record(z.string(), z.unknown()),
});
export const PushBody = z.array(PushRow).max(PUSH_ROWS_MAX);
export type PushRow = z.infer<typeof PushRow>;

export type WithDeleted<T> = T & { _deleted: boolean };
export interface PullResponse<T> {
  documents: WithDeleted<T>[];
  checkpoint: Checkpoint | null;
}
