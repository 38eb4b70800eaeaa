import type { Request } from 'express';
import type { ByteRange } from './storage/upload-storage';

/** What a download sends: the whole file, one part of it, or nothing (416). */
export type DownloadPart = { kind: 'whole' } | { kind: 'part'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * Reads a `Range` request against a file of `size` bytes whose ETag is `etag`. Only a single
 * byte range is honoured: multiple ranges (a multipart answer) or a malformed header get the
 * whole file, which RFC 9110 allows and every resuming client handles.
 */
export function downloadPart(req: Request, size: number, etag: string): DownloadPart {
  const ranges = req.range(size);
  if (ranges === undefined || ranges === -2) return { kind: 'whole' };
  // A resume after the file changed must restart: ours never change, so only a stale or weak
  // validator (or a date: we send no Last-Modified to match) misses.
  const ifRange = req.get('If-Range');
  if (ifRange !== undefined && ifRange.trim() !== etag) return { kind: 'whole' };
  if (ranges === -1) return { kind: 'unsatisfiable' };
  if (ranges.type !== 'bytes' || ranges.length !== 1) return { kind: 'whole' };
  const { start, end } = ranges[0]!;
  return { kind: 'part', range: { start, end } };
}
