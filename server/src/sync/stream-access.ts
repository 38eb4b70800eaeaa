import { findViewersBySessions } from '../auth/auth-repository';
import type { Queryable } from '../db/db';
import { scopeOf } from './pull';

interface Waiter {
  resolve: (scope: string) => void;
  reject: (err: unknown) => void;
}

/**
 * What a session may see now, for open streams that must notice when it changes (log-out
 * everywhere, a password reset, account deletion, a moderator removed). Every question asked in
 * one tick shares one query: a write that wakes a thousand streams, or the periodic re-check of
 * all of them, costs one round trip.
 */
export class SessionScopes {
  private waiting = new Map<string, Waiter[]>();

  constructor(private readonly db: Queryable) {}

  /** The scope of the session with this token hash now; 'anon' once it has ended. */
  current(tokenHash: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const first = this.waiting.size === 0;
      const list = this.waiting.get(tokenHash) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(tokenHash, list);
      if (first) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    try {
      const viewers = await findViewersBySessions(this.db, [...batch.keys()]);
      for (const [hash, waiters] of batch) {
        const viewer = viewers.get(hash);
        for (const w of waiters) w.resolve(viewer ? scopeOf(viewer) : 'anon');
      }
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
    }
  }
}
