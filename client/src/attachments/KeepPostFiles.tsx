import { useEffect } from 'react';
import { debounceTime } from 'rxjs';
import type { Post } from '@parley/shared';
import { useData } from '../db/context';
import { useDataSaver } from '../settings/data-saver';
import { useStorageBudget } from '../settings/storage-budget';
import { keepFiles, useKeepPostFiles, type WantedFile } from './keep-post-files';

/** The files of the posts this device holds, newest post first (withdrawn ones have none to keep). */
function filesOf(posts: readonly Post[]): WantedFile[] {
  return [...posts]
    .filter((p) => p.status !== 'withdrawn' && p.attachments.length > 0)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .flatMap((p) => p.attachments.map((a) => ({ id: a.id, size: a.size })));
}

/**
 * Keeps the files of held posts on the device while the user wants it (Settings › Storage), the
 * connection is up and data saver is off; a pass runs when the posts change (a few seconds after,
 * so a sync burst makes one pass). Renders nothing.
 */
export function KeepPostFiles() {
  const { db, connection } = useData();
  const [keep] = useKeepPostFiles();
  const [dataSaver] = useDataSaver();
  const [budget] = useStorageBudget();
  const active = keep && !dataSaver && connection !== 'offline' && db !== null;

  useEffect(() => {
    if (!active || !db) return;
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const subscription = db.posts
      .find()
      .$.pipe(debounceTime(2_000))
      .subscribe((docs) => {
        const wanted = filesOf(docs.map((d) => d.toJSON() as Post));
        running = running.then(() => (stopped ? 0 : keepFiles(wanted, budget, () => stopped))).catch(() => 0);
      });
    return () => {
      stopped = true;
      subscription.unsubscribe();
    };
  }, [active, db, budget]);

  return null;
}
