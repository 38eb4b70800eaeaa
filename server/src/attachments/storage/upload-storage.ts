import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/server';

/** A span of a file, as HTTP Range counts it: zero-based, `end` included. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where attachment bytes live: a local directory (one instance) or an S3-compatible bucket that
 * every instance shares. tus writes through `datastore`; everything else that touches the bytes
 * (sniffing, downloads, deleting a refused file) goes through the three reads below, so no code
 * outside this folder knows which store is in use.
 */
export interface UploadStorage {
  /** The tus data store that receives the uploads. */
  readonly datastore: DataStore;
  /** The first `n` bytes (fewer if the file is shorter). */
  readHead(id: string, n: number): Promise<Uint8Array>;
  /** The whole file, or only the bytes `start`…`end` (both included, within the file) when given. */
  stream(id: string, range?: ByteRange): Promise<Readable>;
  /** Deletes the file, finished or not, and tus's record of it; a file already gone is not an error. */
  remove(id: string): Promise<void>;
}
