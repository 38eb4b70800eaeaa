import { useEffect } from 'react';
import { useData, useOnline } from '../db/context';
import { useSession } from '../session/SessionProvider';
import type { ParleyDatabase } from '../db/database';
import { attachToPost } from './attach-to-post';
import { fileOutbox, uploadProgress } from './file-outbox';

let running: Promise<void> | null = null;

/** A file refused for a full quota is tried again after 30 minutes (abandoned uploads expire). */
const QUOTA_RETRY_MS = 30 * 60 * 1000;

/**
 * Sends every file the signed-in person queued, one at a time; a failed one stays queued for the
 * next run. Another person's files wait for them (a shared phone).
 */
async function drain(db: ParleyDatabase, owner: string): Promise<void> {
  const queue = await fileOutbox.forOwner(
    owner,
    async (postId) => (await db.posts.findOne(postId).exec()) !== null,
  );
  if (queue.length === 0) return;
  // The tus client (about 15 KB gzip) is a chunk of its own, loaded only when there is something
  // to send: the first screen never needs it.
  const { sendFile, UploadRefused } = await import('./tus-upload');
  for (const queued of queue) {
    // Held back by a full quota: tried again only once its pause is over.
    if (queued.held && Date.parse(queued.held.until) > Date.now()) continue;
    try {
      const id = await sendFile(queued.file, (f) => uploadProgress.set(queued.key, f));
      await attachToPost(db, queued.postId, {
        id,
        name: queued.file.name.slice(0, 255) || 'file',
        size: queued.file.size,
        mime: queued.file.type.slice(0, 255),
      });
      await fileOutbox.remove(queued.key);
    } catch (error) {
      // The account's storage is full: keep the file (and the post waiting for it), say so under
      // the post, and try again later; the author may also remove it and post without it.
      if (error instanceof UploadRefused && error.code === 'quota_exceeded') {
        await fileOutbox.hold(queued.key, {
          reason: 'quota_exceeded',
          remainingBytes: error.remainingBytes ?? null,
          until: new Date(Date.now() + QUOTA_RETRY_MS).toISOString(),
        });
        continue;
      }
      // 401: signed out meanwhile (a shared phone): the file waits for its owner's next session.
      if (error instanceof UploadRefused && error.status !== 401) {
        // Refused by the server (type, size): retrying cannot help. The post goes without it.
        console.warn('An attachment was refused', queued.file.name, error.status);
        await fileOutbox.remove(queued.key);
        continue;
      }
      console.warn('An upload stopped; it resumes at the next connection', error);
      return;
    }
  }
}

/** Runs the file outbox whenever the device is online (at start, and when a connection returns). */
export function AttachmentUploads() {
  const { db } = useData();
  const online = useOnline();
  const owner = useSession().me?.id ?? null;
  useEffect(() => {
    if (!db || !online || !owner) return;
    const kick = () => {
      running ??= drain(db, owner).finally(() => (running = null));
    };
    kick();
    // Files queued while this runs are picked up by a later pass.
    const timer = setInterval(kick, 15_000);
    return () => clearInterval(timer);
  }, [db, online, owner]);
  return null;
}

/** Called by the composer right after queueing files, so they do not wait for the next pass. */
export function kickUploads(db: ParleyDatabase, owner: string): void {
  running ??= drain(db, owner).finally(() => (running = null));
}
