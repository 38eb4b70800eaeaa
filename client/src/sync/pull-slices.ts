import type { Checkpoint } from '@parley/shared';

/**
 * Rows handed to RxDB at a time. A page of the server holds up to PULL_BATCH (1,000) posts, few
 * round trips on a slow link; RxDB would then check and store all of them in one go, a main-thread
 * task of several hundred milliseconds on a phone. Handed over in slices, each is a short task.
 */
export const PULL_SLICE = 200;

/**
 * Cuts a page into slices for RxDB, which asks for more while a slice is full (PULL_SLICE rows)
 * and stops at a shorter one. Every slice is at least PULL_SLICE long (a short rest joins the
 * slice before it), so RxDB never stops on a slice of a page fetched earlier: its pull always ends
 * with a request of its own. That matters: RxDB drops a streamed change that arrived before its
 * latest call to the pull handler, trusting that call to have seen it; a slice handed over from a
 * page fetched before the change did not (the chaos suite lost approved posts that way).
 */
export function slicePage<T>(documents: T[], size = PULL_SLICE): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < documents.length; start += size)
    slices.push(documents.slice(start, start + size));
  if (slices.length > 1 && slices[slices.length - 1]!.length < size)
    slices[slices.length - 2]!.push(...slices.pop()!);
  return slices.length > 0 ? slices : [documents];
}

/** What the pull handler gives RxDB (its ReplicationPullHandlerResult). */
export interface Slice<T> {
  documents: T[];
  checkpoint: Checkpoint | undefined;
}

interface Pending<T> {
  /** The checkpoint RxDB passes back when it asks for the next slice of this page. */
  key: string;
  slices: T[][];
  end: Checkpoint | undefined;
}

/**
 * Remembers the rest of a page between RxDB's calls to the pull handler. Until the last slice,
 * RxDB is told the checkpoint the page started from, so a tab closed half-way simply pulls the
 * page again (writes of unchanged documents are skipped); the last slice carries the page's end.
 */
export class PageSlicer<T> {
  private pending: Pending<T> | null = null;

  /** The next slice of the page that started at `checkpoint`, if one is waiting. */
  next(checkpoint: Checkpoint | undefined): Slice<T> | null {
    const pending = this.pending;
    if (!pending || pending.key !== keyOf(checkpoint)) {
      this.pending = null;
      return null;
    }
    const documents = pending.slices.shift()!;
    if (pending.slices.length > 0) return { documents, checkpoint };
    this.pending = null;
    return { documents, checkpoint: pending.end };
  }

  /** Takes a page fetched from `from` and returns its first slice. */
  first(from: Checkpoint | undefined, documents: T[], end: Checkpoint | undefined): Slice<T> {
    const slices = slicePage(documents);
    if (slices.length === 1 || !end) return { documents, checkpoint: end };
    // "From the start" must be a real checkpoint: RxDB stores it and passes it back.
    const start = from ?? { seq: 0, scope: end.scope };
    this.pending = { key: keyOf(start), slices: slices.slice(1), end };
    return { documents: slices[0]!, checkpoint: start };
  }
}

function keyOf(checkpoint: Checkpoint | undefined): string {
  return checkpoint ? `${checkpoint.seq}|${checkpoint.scope}` : '';
}
