import Dexie, { liveQuery, type EntityTable } from 'dexie';
import { v7 as uuidv7 } from 'uuid';

/**
 * Files waiting to be uploaded for a post already in the device's database. They live in their
 * own small Dexie database (IndexedDB keeps File objects whole), so a file chosen offline, or an
 * upload cut by a closed app, is still here at the next start; the upload runner sends them and
 * then adds them to the post's `attachments`.
 */
export interface QueuedFile {
  key: string;
  /**
   * Who posted it (user id): only their session uploads it, so another person signed in on the
   * same phone never sends it as theirs. Absent on files queued before files had an owner.
   */
  owner?: string;
  postId: string;
  file: File;
  /** Device clock, for the order they were chosen in. */
  queuedAt: string;
  /**
   * The account's storage for files was full when this was sent (413 quota_exceeded): the file
   * stays queued, its post keeps waiting for it, and it is tried again after `until` (device
   * clock), when the server may have deleted the account's abandoned uploads; or the author
   * removes it and the post goes without it.
   */
  held?: { reason: 'quota_exceeded'; remainingBytes: number | null; until: string };
}

export const ALLOWED_ACCEPT =
  'application/pdf,image/png,image/jpeg,image/webp,image/gif,text/plain,.docx,.xlsx,.pptx,.odt,.ods,.odp';

class FileOutbox {
  private readonly db: Dexie & { files: EntityTable<QueuedFile, 'key'> };

  constructor(name = 'parley-attachments') {
    this.db = new Dexie(name) as Dexie & { files: EntityTable<QueuedFile, 'key'> };
    this.db.version(1).stores({ files: 'key, postId, queuedAt' });
    this.db.version(2).stores({ files: 'key, postId, queuedAt, owner' });
  }

  async queue(owner: string, postId: string, files: readonly File[]): Promise<void> {
    const now = new Date().toISOString();
    await this.db.files.bulkPut(files.map((file) => ({ key: uuidv7(), owner, postId, file, queuedAt: now })));
  }

  /**
   * What `owner` still has to send, in the order chosen. A file queued before files had an owner
   * is theirs when its post is in their database (`hasPost`): it becomes theirs for good; one whose
   * post is not there waits for the person whose post it is.
   */
  async forOwner(owner: string, hasPost: (postId: string) => Promise<boolean>): Promise<QueuedFile[]> {
    const all = await this.db.files.orderBy('queuedAt').toArray();
    const mine: QueuedFile[] = [];
    for (const queued of all) {
      if (queued.owner === undefined && (await hasPost(queued.postId))) {
        await this.db.files.update(queued.key, { owner });
        mine.push({ ...queued, owner });
      } else if (queued.owner === owner) mine.push(queued);
    }
    return mine;
  }

  /** One person's files waiting to be sent, gone ("wipe this phone" at sign-out). */
  async clear(owner: string): Promise<void> {
    await this.db.files.where('owner').equals(owner).delete();
  }

  /** Keeps the file queued but skipped until `held.until` (see QueuedFile.held). */
  async hold(key: string, held: NonNullable<QueuedFile['held']>): Promise<void> {
    await this.db.files.update(key, { held });
  }

  remove(key: string): Promise<void> {
    return this.db.files.delete(key);
  }

  /** Live list of what a post still waits for. */
  forPost(postId: string) {
    return liveQuery(() => this.db.files.where('postId').equals(postId).toArray());
  }
}

export const fileOutbox = new FileOutbox();

/** Upload progress by queued file key (0..1), in memory: shown under the author's own post. */
type Listener = () => void;
const progress = new Map<string, number>();
const listeners = new Set<Listener>();
export const uploadProgress = {
  get: (key: string) => progress.get(key) ?? 0,
  set: (key: string, value: number) => {
    progress.set(key, value);
    for (const l of listeners) l();
  },
  subscribe: (listener: Listener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
