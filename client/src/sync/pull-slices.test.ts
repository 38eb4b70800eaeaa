import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '@parley/shared';
import { PageSlicer, PULL_SLICE, slicePage } from './pull-slices';

const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
const lengths = (slices: number[][]) => slices.map((s) => s.length);

describe('slicePage', () => {
  it('keeps a page of at most one slice whole', () => {
    expect(lengths(slicePage(rows(0)))).toEqual([0]);
    expect(lengths(slicePage(rows(200)))).toEqual([200]);
    expect(lengths(slicePage(rows(150)))).toEqual([150]);
  });

  it('cuts a page into full slices, a short rest joining the one before', () => {
    expect(lengths(slicePage(rows(1000)))).toEqual([200, 200, 200, 200, 200]);
    expect(lengths(slicePage(rows(450)))).toEqual([200, 250]);
    expect(lengths(slicePage(rows(399)))).toEqual([399]);
  });

  it('keeps every row once, in order', () => {
    expect(slicePage(rows(450)).flat()).toEqual(rows(450));
  });
});

/** RxDB's downstream: ask from the last checkpoint until a slice is shorter than the batch. */
function pullLikeRxDB(
  slicer: PageSlicer<number>,
  server: (from: Checkpoint | undefined) => {
    documents: number[];
    checkpoint: Checkpoint;
  },
  start?: Checkpoint,
) {
  const received: number[] = [];
  const stored: (Checkpoint | undefined)[] = [];
  let requests = 0;
  let checkpoint = start;
  for (;;) {
    let slice = slicer.next(checkpoint);
    if (!slice) {
      requests++;
      const page = server(checkpoint);
      slice = slicer.first(checkpoint, page.documents, page.checkpoint);
    }
    if (slice.documents.length === 0) break;
    received.push(...slice.documents);
    checkpoint = { ...checkpoint, ...slice.checkpoint } as Checkpoint;
    stored.push(checkpoint);
    if (slice.documents.length < PULL_SLICE) break;
  }
  return { received, stored, requests };
}

/** A server holding `total` rows, pages of 1,000 after a seq. */
const serverOf = (total: number) => (from: Checkpoint | undefined) => {
  const after = from?.seq ?? 0;
  const documents = rows(total)
    .map((i) => i + 1)
    .filter((seq) => seq > after)
    .slice(0, 1000);
  return {
    documents,
    checkpoint: { seq: documents.at(-1) ?? after, scope: 's' },
  };
};

describe('PageSlicer under RxDB', () => {
  it('hands over 2,450 rows in slices with one request per page, and ends on a request of its own', () => {
    const { received, requests } = pullLikeRxDB(new PageSlicer(), serverOf(2450));
    expect(received).toEqual(rows(2450).map((i) => i + 1));
    // Pages of 1,000, 1,000 and 450, then the request that finds nothing more.
    expect(requests).toBe(4);
  });

  it('tells RxDB where the page started until its last slice, so an interrupted page is pulled again', () => {
    const { stored } = pullLikeRxDB(new PageSlicer(), serverOf(1400));
    // Page 1 (rows 1–1000): four slices at "from the start", the fifth at its end; page 2 likewise.
    expect(stored.map((c) => c?.seq)).toEqual([0, 0, 0, 0, 1000, 1000, 1400]);
    expect(stored.every((c) => c?.scope === 's')).toBe(true);
  });

  it('never stops on a slice of a page fetched earlier: a change made meanwhile is fetched', () => {
    const slicer = new PageSlicer<number>();
    let total = 450;
    const server = (from: Checkpoint | undefined) => serverOf(total)(from);
    const page = server(undefined);
    const first = slicer.first(undefined, page.documents, page.checkpoint);
    // Row 451 is written while the page's slices are handed over. RxDB drops its streamed copy
    // (it came before RxDB's latest call to the handler), so a pull must fetch it.
    total = 451;
    const { received, requests } = pullLikeRxDB(slicer, server, first.checkpoint);
    expect([...first.documents, ...received]).toEqual(rows(451).map((i) => i + 1));
    expect(requests).toBe(1);
  });

  it('fetches again when asked from another checkpoint than the waiting page (a restart)', () => {
    const slicer = new PageSlicer<number>();
    const server = serverOf(1000);
    const page = server(undefined);
    slicer.first(undefined, page.documents, page.checkpoint);
    expect(slicer.next({ seq: 999, scope: 's' })).toBeNull();
    // And the waiting rest is gone: nothing stale is handed over later.
    expect(slicer.next({ seq: 0, scope: 's' })).toBeNull();
  });
});
