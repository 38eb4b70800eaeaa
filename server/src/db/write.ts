import type { CollectionName } from '@parley/shared';
import type { ChangeNotifier } from './changes';
import type { Db, Queryable } from './db';
import { ADVISORY_NAMESPACE } from './locks';

/**
 * Why a pull by `seq > checkpoint` never skips a row
 * --------------------------------------------------
 * Each synced collection has a sequence; a written row stores a fresh `nextval` in `seq`, and a
 * pull returns `WHERE seq > $checkpoint ORDER BY seq`. Sequences are not transactional: without
 * more care, transaction A could draw 10, B draw 11 and commit first, a pull would return 11 and
 * move the checkpoint past 10, and A's row would never be pulled.
 *
 * So every writer of a collection first takes a transaction-level advisory lock for that
 * collection and only then draws from the sequence. Writers of one collection are serialised:
 * the one holding seq 10 commits (and its row is visible) before the next can draw 11, so commit
 * order equals seq order, and any row a pull has not yet seen has a seq above every row it has.
 *
 * A transaction writing several collections (a decision updates a post and inserts a moderation
 * row) takes its locks in one fixed order, LOCK_ORDER, so two such transactions cannot deadlock.
 *
 * The isolation level must stay READ COMMITTED: each statement after the lock then sees what the
 * previous holder committed. Under REPEATABLE READ the snapshot would be taken at the lock
 * statement, before the wait, and reads would miss the previous writer's rows.
 */
export const LOCK_ORDER = [
  'spaces',
  'questions',
  'posts',
  'moderation',
] as const satisfies readonly CollectionName[];

const LOCK_KEY: Record<CollectionName, number> = { spaces: 1, questions: 2, posts: 3, moderation: 4 };

/**
 * A transaction that holds the write locks of collections C. Repository functions that draw a
 * seq ask for `WriteTx<'posts'>`; the compiler then refuses a call from a transaction that did
 * not lock posts (`holds` is contravariant in C, so a tx locking posts and moderation fits both).
 */
export interface WriteTx<C extends CollectionName> extends Queryable {
  readonly holds: (collection: C) => true;
}

export interface WriteDeps {
  db: Db;
  changes: ChangeNotifier;
}

/** The one way to write synced collections: lock in order, run fn, notify streams after commit. */
export async function writeTx<C extends CollectionName, T>(
  deps: WriteDeps,
  collections: readonly C[],
  fn: (tx: WriteTx<C>) => Promise<T>,
): Promise<T> {
  const ordered = LOCK_ORDER.filter((c): c is (typeof LOCK_ORDER)[number] & C =>
    (collections as readonly CollectionName[]).includes(c),
  );
  const result = await deps.db.tx(async (q) => {
    for (const collection of ordered) {
      await q.query('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_NAMESPACE, LOCK_KEY[collection]]);
    }
    return fn({ query: (sql, params) => q.query(sql, params), holds: () => true });
  });
  for (const collection of ordered) deps.changes.notify(collection);
  return result;
}
