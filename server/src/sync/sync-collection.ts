import type { PushRow } from '@parley/shared';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/viewer';
import type { Queryable } from '../db/db';

// The contract each collection implements. Apart from the registry (collections.ts), so that the
// collections import it without importing one another through the registry.

export interface PushOptions {
  /** The device sent ECHO_HEADER: answer with every stored row too. */
  echoStored: boolean;
  /** The origin for links in e-mails (linkOrigin: PUBLIC_URL, or loopback); absent = none to trust. */
  origin?: string;
}

/** What the replication routes need from each collection. Visibility is each one's business. */
export interface SyncCollection {
  /**
   * Rows after afterSeq that this viewer may receive, already redacted for them. `spaces`: only
   * rows of these spaces (the device's followed set; PER_SPACE_COLLECTIONS), null = all.
   */
  pull(
    q: Queryable,
    viewer: Viewer,
    afterSeq: number,
    limit: number,
    spaces: readonly string[] | null,
  ): Promise<{ documents: { _deleted: boolean }[]; lastSeq: number | null }>;
  /**
   * Returns the conflicts array of the RxDB push protocol; with `echoStored`, also every row the
   * server stored, as it stored it (see ECHO_HEADER in @parley/shared).
   */
  push(ctx: AppContext, viewer: Viewer, rows: PushRow[], options: PushOptions): Promise<unknown[]>;
  maxSeq(q: Queryable): Promise<number>;
}
