import { map, of } from 'rxjs';
import type { Moderation, Post, Question, Space } from '@parley/shared';
import type { RxDocument } from 'rxdb';
import { useLive } from './context';

/** Plain, immutable document data for components (never RxDocuments). */
const plain = <T>(docs: RxDocument<T>[]): T[] => docs.map((d) => d.toJSON() as T);

export function useSpaces(): Space[] | undefined {
  return useLive((db) => db.spaces.find({ sort: [{ slug: 'asc' }] }).$.pipe(map(plain)), []);
}

/** `null` when the device has no such space (yet). */
export function useSpaceBySlug(slug: string): Space | null | undefined {
  return useLive(
    (db) => db.spaces.findOne({ selector: { slug } }).$.pipe(map((d) => (d ? (d.toJSON() as Space) : null))),
    [slug],
  );
}

export function useQuestions(spaceId: string | undefined): Question[] | undefined {
  return useLive(
    (db) =>
      spaceId
        ? db.questions.find({ selector: { spaceId }, sort: [{ position: 'asc' }] }).$.pipe(map(plain))
        : null,
    [spaceId],
  );
}

export function useQuestion(id: string): Question | null | undefined {
  return useLive(
    (db) => db.questions.findOne(id).$.pipe(map((d) => (d ? (d.toJSON() as Question) : null))),
    [id],
  );
}

/** Every post of a question the device holds, oldest first (visibility is filtered by the caller). */
export function useQuestionPosts(questionId: string): Post[] | undefined {
  return useLive(
    (db) => db.posts.find({ selector: { questionId }, sort: [{ createdAt: 'asc' }] }).$.pipe(map(plain)),
    [questionId],
  );
}

/**
 * The oldest `limit` posts of a question: a big thread shows its first comments from this
 * (an indexed read of a few documents) while the whole thread is still being read.
 */
export function useFirstQuestionPosts(questionId: string, limit: number): Post[] | undefined {
  return useLive(
    (db) =>
      db.posts.find({ selector: { questionId }, sort: [{ createdAt: 'asc' }], limit }).$.pipe(map(plain)),
    [questionId, limit],
  );
}

export function useMyPosts(authorId: string | null): Post[] | undefined {
  return useLive(
    (db) =>
      authorId
        ? db.posts.find({ selector: { authorId }, sort: [{ createdAt: 'desc' }] }).$.pipe(map(plain))
        : null,
    [authorId],
  );
}

/** Published replies to any of `posts` (the notifications' "someone replied to you"). */
export function useRepliesTo(posts: readonly Post[] | undefined): Post[] | undefined {
  const ids = posts
    ?.map((p) => p.id)
    .sort()
    .join(',');
  return useLive(
    (db) =>
      ids === undefined
        ? null
        : ids === ''
          ? of([])
          : db.posts
              .find({ selector: { status: 'approved', parentId: { $in: ids.split(',') } } })
              .$.pipe(map(plain)),
    [ids],
  );
}

/** Pending posts the server has received, oldest first. The server only sends them to moderators. */
export function usePendingPosts(enabled: boolean): Post[] | undefined {
  return useLive(
    (db) =>
      enabled
        ? db.posts.find({ selector: { status: 'pending' }, sort: [{ createdAt: 'asc' }] }).$.pipe(
            map((docs) =>
              plain(docs)
                .filter((p) => p.receivedAt !== null)
                .sort((a, b) => (a.receivedAt ?? '').localeCompare(b.receivedAt ?? '')),
            ),
          )
        : null,
    [enabled],
  );
}

export function usePostsByIds(ids: readonly string[]): Map<string, Post> | undefined {
  const key = [...new Set(ids)].sort().join(',');
  return useLive(
    (db) =>
      db.posts
        .findByIds(key ? key.split(',') : [])
        .$.pipe(map((found) => new Map([...found].map(([id, d]) => [id, d.toJSON() as Post])))),
    [key],
  );
}

export function useQuestionsByIds(ids: readonly string[]): Map<string, Question> | undefined {
  const key = [...new Set(ids)].sort().join(',');
  return useLive(
    (db) =>
      db.questions
        .findByIds(key ? key.split(',') : [])
        .$.pipe(map((found) => new Map([...found].map(([id, d]) => [id, d.toJSON() as Question])))),
    [key],
  );
}

export function useSpacesById(): Map<string, Space> | undefined {
  return useLive(
    (db) => db.spaces.find().$.pipe(map((docs) => new Map(plain(docs).map((s) => [s.id, s])))),
    [],
  );
}

/** The moderation log the device holds (a moderator's spaces), newest first. */
export function useModerationLog(enabled: boolean): Moderation[] | undefined {
  return useLive(
    (db) => (enabled ? db.moderation.find({ sort: [{ createdAt: 'desc' }] }).$.pipe(map(plain)) : null),
    [enabled],
  );
}

/** Posts in these statuses (a moderator's published/hidden list, flagged posts), newest change first. */
export function usePostsWithStatus(
  statuses: readonly Post['status'][],
  enabled: boolean,
): Post[] | undefined {
  const key = [...statuses].sort().join(',');
  return useLive(
    (db) =>
      enabled
        ? db.posts
            .find({ selector: { status: { $in: key.split(',') } } })
            .$.pipe(
              map((docs) =>
                plain(docs).sort((a, b) =>
                  (b.updatedAt ?? b.createdAt).localeCompare(a.updatedAt ?? a.createdAt),
                ),
              ),
            )
        : null,
    [key, enabled],
  );
}
