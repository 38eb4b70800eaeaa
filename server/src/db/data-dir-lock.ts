import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite's files may be opened by one process only: a second one (the admin command while the
 * server runs) would corrupt them. PGlite does not guard against that, so we keep a pid file.
 */
export class DataDirBusyError extends Error {}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Claims dataDir for this process; returns the release function. */
export function claimDataDir(dataDir: string, what: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'pglite.pid');
  let holder: { pid: number; what: string } | null;
  try {
    holder = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; what: string };
  } catch {
    // No file, or a torn one from a crash: nobody holds the directory.
    holder = null;
  }
  if (holder && holder.pid !== process.pid && alive(holder.pid)) {
    throw new DataDirBusyError(
      `The embedded database in ${dataDir} is in use by ${holder.what} (pid ${holder.pid}). ` +
        'PGlite can be opened by one process at a time: stop it first, or use a real PostgreSQL ' +
        'with DATABASE_URL for both.',
    );
  }
  writeFileSync(file, JSON.stringify({ pid: process.pid, what }));
  return () => rmSync(file, { force: true });
}
