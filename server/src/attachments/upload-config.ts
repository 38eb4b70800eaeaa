import { join } from 'node:path';
import type { Config } from '../config/config';

/** 20 MB: a briefing paper or a few phone photos; MAX_UPLOAD_BYTES changes it. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const uploadsDirOf = (config: Config) => config.uploadsDir ?? join(config.dataDir, 'uploads');
export const maxUploadBytesOf = (config: Config) => config.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
