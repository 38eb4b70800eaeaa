import { useEffect } from 'react';
import { useData, useOnline } from '../db/context';
import type { ParleyDatabase } from '../db/database';
import { attachToPost } from './attach-to-post';
import { fileOutbox, uploadProgress } from './file-outbox';

let running: Promise<void> | null = null;

/** Sends every queued file, one at a time; a failed one stays queued for the next run. */
async function drain(db: ParleyDatabase): Promise<void> {
  const queue = await fileOutbox.all();
  if (queue.length === 0) return;
  // The tus client (about 15 KB gzip) is a chunk of its own, loaded only when there is something
  // to send: the first screen never needs it.
  const { sendFile, UploadRefused } = await import('./tus-upload');
  for (const queued of queue) {
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
      if (error instanceof UploadRefused) {
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
  useEffect(() => {
    if (!db || !online) return;
    const kick = () => {
      running ??= drain(db).finally(() => (running = null));
    };
    kick();
    // Files queued while this runs are picked up by a later pass.
    const timer = setInterval(kick, 15_000);
    return () => clearInterval(timer);
  }, [db, online]);
  return null;
}

/** Called by the composer right after queueing files, so they do not wait for the next pass. */
export function kickUploads(db: ParleyDatabase): void {
  running ??= drain(db).finally(() => (running = null));
}
