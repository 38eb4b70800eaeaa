import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import type { Config } from '../../config/config';
import { uploadsDirOf } from '../upload-config';
import type { UploadStorage } from './upload-storage';

/** Files in UPLOADS_DIR (default DATA_DIR/uploads): `<id>` holds the bytes, `<id>.json` tus's record. */
export function fileStorage(config: Config): UploadStorage {
  const directory = uploadsDirOf(config);
  const pathOf = (id: string) => join(directory, id);
  return {
    datastore: new FileStore({ directory }),
    async readHead(id, n) {
      const handle = await open(pathOf(id), 'r');
      try {
        const buffer = new Uint8Array(n);
        const { bytesRead } = await handle.read(buffer, 0, n, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async stream(id, range) {
      // Opened before returning, so a missing file fails here rather than mid-response.
      const handle = await open(pathOf(id), 'r');
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },
    async remove(id) {
      await rm(pathOf(id), { force: true });
      await rm(`${pathOf(id)}.json`, { force: true });
    },
  };
}
