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
  postId: string;
  file: File;
  /** Device clock, for the order they were chosen in. */
  queuedAt: string;
}

export const ALLOWED_ACCEPT =
  'application/pdf,image/png,image/jpeg,image/webp,image/gif,text/plain,.docx,.xlsx,.pptx,.odt,.ods,.odp';

class FileOutbox {
  private readonly db: Dexie & { files: EntityTable<QueuedFile, 'key'> };

  constructor(name = 'parley-attachments') {
    this.db = new Dexie(name) as Dexie & { files: EntityTable<QueuedFile, 'key'> };
    this.db.version(1).stores({ files: 'key, postId, queuedAt' });
  }

  async queue(postId: string, files: readonly File[]): Promise<void> {
    const now = new Date().toISOString();
    await this.db.files.bulkPut(files.map((file) => ({ key: uuidv7(), postId, file, queuedAt: now })));
  }

  all(): Promise<QueuedFile[]> {
    return this.db.files.orderBy('queuedAt').toArray();
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
