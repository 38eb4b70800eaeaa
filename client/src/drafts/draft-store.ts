import Dexie, { liveQuery, type EntityTable } from 'dexie';

/** What a draft answers: a new comment on a question, a reply to a post, or an edit of a post. */
export type DraftTarget =
  | { kind: 'comment'; spaceId: string; questionId: string }
  | { kind: 'reply'; spaceId: string; questionId: string; parentId: string }
  | { kind: 'edit'; spaceId: string; questionId: string; postId: string };

export interface Draft {
  /** One draft per target: see draftKey(). */
  key: string;
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
 * never replicated, and must survive a sign-out, a database switch or a wiped sync cache.
 */
export class DraftStore {
  private readonly db: Dexie & { drafts: EntityTable<Draft, 'key'> };

  constructor(options: { name?: string; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    const { name = 'parley-drafts', ...deps } = options;
    this.db = new Dexie(
      name,
      deps.indexedDB ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : {},
    ) as Dexie & { drafts: EntityTable<Draft, 'key'> };
    this.db.version(1).stores({ drafts: 'key, updatedAt' });
  }

  async get(key: string): Promise<Draft | undefined> {
    return this.db.drafts.get(key);
  }

  /** Saves the draft, or deletes it when the text is empty (an emptied composer is no draft). */
  async save(draft: Omit<Draft, 'key' | 'updatedAt'>): Promise<void> {
    const key = draftKey(draft.target);
    try {
      if (draft.text.trim() === '') await this.db.drafts.delete(key);
      else await this.db.drafts.put({ ...draft, key, updatedAt: new Date().toISOString() });
    } catch (e) {
      throw new DraftStorageError(isQuotaError(e) ? 'quota' : 'unavailable', e);
    }
  }

  async discard(key: string): Promise<void> {
    await this.db.drafts.delete(key);
  }

  /** Every draft on this device, gone: "wipe this phone" at sign-out on a shared device. */
  async clear(): Promise<void> {
    await this.db.drafts.clear();
  }

  /** Newest first, for the drafts screen. */
  async list(): Promise<Draft[]> {
    return this.db.drafts.orderBy('updatedAt').reverse().toArray();
  }

  /** Calls `listener` with one draft now and after every change of it (from any tab). */
  watchOne(
    key: string,
    listener: (draft: Draft | undefined) => void,
    onError?: (e: unknown) => void,
  ): () => void {
    const subscription = liveQuery(() => this.get(key)).subscribe({ next: listener, error: onError });
    return () => subscription.unsubscribe();
  }

  /** Calls `listener` with the list now and after every change (from any tab). */
  watch(listener: (drafts: Draft[]) => void, onError?: (e: unknown) => void): () => void {
    const subscription = liveQuery(() => this.list()).subscribe({ next: listener, error: onError });
    return () => subscription.unsubscribe();
  }

  close(): void {
    this.db.close();
  }
}
