import Dexie, { liveQuery, type EntityTable } from 'dexie';
import { ANONYMOUS_VIEWER } from '@parley/shared';

/** What a draft answers: a new comment on a question, a reply to a post, or an edit of a post. */
export type DraftTarget =
  | { kind: 'comment'; spaceId: string; questionId: string }
  | { kind: 'reply'; spaceId: string; questionId: string; parentId: string }
  | { kind: 'edit'; spaceId: string; questionId: string; postId: string };

export interface Draft {
  /** One draft per person and target: see ownedDraftKey(). */
  key: string;
  /**
   * Whose draft this is: the signed-in user's id, or ANONYMOUS_OWNER. A shared phone holds several
   * people's drafts; each person sees, restores and posts only their own.
   */
  owner: string;
  target: DraftTarget;
  text: string;
  anonymous: boolean;
  lang: string;
  /** Device clock; only used to order the drafts list. */
  updatedAt: string;
}

export function draftKey(target: DraftTarget): string {
  switch (target.kind) {
    case 'comment':
      return `comment:${target.questionId}`;
    case 'reply':
      return `reply:${target.parentId}`;
    case 'edit':
      return `edit:${target.postId}`;
  }
}

/** The owner of what is written while nobody is signed in (the server's name for that viewer). */
export const ANONYMOUS_OWNER = ANONYMOUS_VIEWER;

/** The stored key: the owner first, so that one person's draft never answers for another's. */
export function ownedDraftKey(owner: string, target: DraftTarget): string {
  return `${owner}|${draftKey(target)}`;
}

/** The browser refused to store (quota, private mode, storage evicted): the text stays on screen. */
export class DraftStorageError extends Error {
  constructor(
    readonly reason: 'quota' | 'unavailable',
    cause: unknown,
  ) {
    super(reason === 'quota' ? 'device storage is full' : 'device storage is unavailable', { cause });
    this.name = 'DraftStorageError';
  }
}

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string; inner?: { name?: string } })?.name;
  const inner = (e as { inner?: { name?: string } })?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

/**
 * Drafts live in their own small Dexie database, apart from RxDB: they are the device's alone,
 * never replicated, and must survive a sign-out, a database switch or a wiped sync cache. Each
 * draft has an owner: after a sign-out the drafts stay on the device, out of sight, until their
 * owner signs in again here (or wipes them when signing out).
 */
export class DraftStore {
  private readonly db: Dexie & { drafts: EntityTable<Draft, 'key'> };

  constructor(
    options: {
      name?: string;
      indexedDB?: IDBFactory;
      IDBKeyRange?: typeof IDBKeyRange;
      /**
       * Who owns the drafts written before drafts had an owner, asked once, when the database is
       * upgraded: the person signed in on this device at that moment, or null when nobody is.
       */
      legacyOwner?: () => string | null;
    } = {},
  ) {
    const { name = 'parley-drafts', legacyOwner = () => null, ...deps } = options;
    this.db = new Dexie(
      name,
      deps.indexedDB ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : {},
    ) as Dexie & { drafts: EntityTable<Draft, 'key'> };
    this.db.version(1).stores({ drafts: 'key, updatedAt' });
    // Version 2: drafts have an owner, and their key starts with it.
    this.db
      .version(2)
      .stores({ drafts: 'key, updatedAt, owner, [owner+updatedAt]' })
      .upgrade(async (tx) => {
        // Who wrote a draft of version 1 is unknown: the app had one drafts list per device. They
        // go to the person signed in at the upgrade, who saw (and could post) every one of them
        // the moment before, so nobody learns or gets anything new; on a phone used by one person
        // they are that person's. With nobody signed in they could be anyone's: they go to the
        // anonymous owner, seen only while nobody is signed in (as before), never in anyone's
        // composer or under anyone's name, and nothing is deleted.
        const owner = legacyOwner() ?? ANONYMOUS_OWNER;
        const table = tx.table<Omit<Draft, 'owner'> & { owner?: string }, string>('drafts');
        const old = await table.toArray();
        await table.clear();
        await table.bulkPut(
          old.map((d) => {
            const o = d.owner ?? owner;
            return { ...d, owner: o, key: ownedDraftKey(o, d.target) };
          }),
        );
      });
  }

  async get(owner: string, target: DraftTarget): Promise<Draft | undefined> {
    return this.db.drafts.get(ownedDraftKey(owner, target));
  }

  /** Saves the draft, or deletes it when the text is empty (an emptied composer is no draft). */
  async save(draft: Omit<Draft, 'key' | 'updatedAt'>): Promise<void> {
    const key = ownedDraftKey(draft.owner, draft.target);
    try {
      if (draft.text.trim() === '') await this.db.drafts.delete(key);
      else await this.db.drafts.put({ ...draft, key, updatedAt: new Date().toISOString() });
    } catch (e) {
      throw new DraftStorageError(isQuotaError(e) ? 'quota' : 'unavailable', e);
    }
  }

  /** Forgets one draft, by its stored key (Draft.key, which names its owner). */
  async discard(key: string): Promise<void> {
    await this.db.drafts.delete(key);
  }

  /** One person's drafts on this device, gone: "wipe this phone" at sign-out on a shared device. */
  async clear(owner: string): Promise<void> {
    await this.db.drafts.where('owner').equals(owner).delete();
  }

  /** One person's drafts, newest first, for the drafts screen. */
  async list(owner: string): Promise<Draft[]> {
    return this.db.drafts
      .where('[owner+updatedAt]')
      .between([owner, Dexie.minKey], [owner, Dexie.maxKey])
      .reverse()
      .toArray();
  }

  /** Calls `listener` with one draft now and after every change of it (from any tab). */
  watchOne(
    owner: string,
    target: DraftTarget,
    listener: (draft: Draft | undefined) => void,
    onError?: (e: unknown) => void,
  ): () => void {
    const subscription = liveQuery(() => this.get(owner, target)).subscribe({
      next: listener,
      error: onError,
    });
    return () => subscription.unsubscribe();
  }

  /** Calls `listener` with one person's list now and after every change (from any tab). */
  watch(owner: string, listener: (drafts: Draft[]) => void, onError?: (e: unknown) => void): () => void {
    const subscription = liveQuery(() => this.list(owner)).subscribe({ next: listener, error: onError });
    return () => subscription.unsubscribe();
  }

  close(): void {
    this.db.close();
  }
}
