import type { Config } from '../../config/config';
import { fileStorage } from './file-storage';
import { s3Storage } from './s3-storage';
import type { UploadStorage } from './upload-storage';

// Apart from the UploadStorage interface, which both stores implement: neither imports this.

/** S3 when S3_BUCKET is configured, else the uploads directory. */
export function uploadStorageFor(config: Config): UploadStorage {
  return config.s3 ? s3Storage(config.s3) : fileStorage(config);
}
