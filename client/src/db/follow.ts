import type { Post, Question, Space } from '@parley/shared';
import type { RxChangeEvent, RxCollection } from 'rxdb';
import type { ParleyDatabase } from './database';

export interface Everything {
  spaces: Space[];
  questions: Question[];
  posts: Post[];
}

export type Change =
  | { collection: 'spaces'; id: string; doc: Space | null }
  | { collection: 'questions'; id: string; doc: Question | null }
  | { collection: 'posts'; id: string; doc: Post | null };

/**
 * Every space, question and post the device holds once, then each change to them, one document
 * at a time (for an index kept up to date, rather than a query re-run over everything on each
 * change). Changes that happen while the first read runs are held and delivered after it, so
 * none is missed; delivering one twice is harmless to a caller that replaces by id. Returns the
 * function that stops following.
 */
export function followEverything(
  db: ParleyDatabase,
  onLoad: (all: Everything) => void,
  onChange: (change: Change) => void,
): () => void {
  let loaded = false;
  let stopped = false;
  const held: Change[] = [];
  const deliver = (change: Change) => {
    if (stopped) return;
    if (loaded) onChange(change);
    else held.push(change);
  };
  const follow = <T, C extends Change['collection']>(collection: RxCollection<T>, name: C) =>
    collection.$.subscribe((event: RxChangeEvent<T>) =>
      deliver({
        collection: name,
        id: event.documentId,
        doc: event.operation === 'DELETE' ? null : (event.documentData as T),
      } as Change),
    );
  const subscriptions = [
    follow(db.spaces, 'spaces'),
    follow(db.questions, 'questions'),
    follow(db.posts, 'posts'),
  ];
  void Promise.all([db.spaces.find().exec(), db.questions.find().exec(), db.posts.find().exec()]).then(
    ([spaces, questions, posts]) => {
      if (stopped) return;
      onLoad({
        spaces: spaces.map((d) => d.toJSON() as Space),
        questions: questions.map((d) => d.toJSON() as Question),
        posts: posts.map((d) => d.toJSON() as Post),
      });
      loaded = true;
      for (const change of held.splice(0)) onChange(change);
    },
    // The database closed under us (sign-out): there is nothing left to follow.
    () => undefined,
  );
  return () => {
    stopped = true;
    for (const s of subscriptions) s.unsubscribe();
  };
}
