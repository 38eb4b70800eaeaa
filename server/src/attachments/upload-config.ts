import { join } from 'node:path';
import type { Config } from '../config/config';

/** 20 MB: a briefing paper or a few phone photos; MAX_UPLOAD_BYTES changes it. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * 500 MB per account (UPLOAD_QUOTA_BYTES): 25 files of the largest size, hundreds of downscaled
 * photos or papers; enough for any participant, while one account cannot fill the disk or bucket.
 */
export const DEFAULT_UPLOAD_QUOTA_BYTES = 500 * 1024 * 1024;

/**
 * 24 hours (UPLOAD_UNFINISHED_MAX_AGE_HOURS): a device that lost its connection resumes within
 * a day in practice; one idle longer starts the file again.
 */
export const DEFAULT_UNFINISHED_MAX_AGE_HOURS = 24;

/**
 * 7 days (UPLOAD_UNATTACHED_MAX_AGE_HOURS): a finished file is attached to its post within
 * seconds when the device is online; a week leaves room for a phone that went offline in between.
 */
export const DEFAULT_UNATTACHED_MAX_AGE_HOURS = 7 * 24;

export const uploadsDirOf = (config: Config) => config.uploadsDir ?? join(config.dataDir, 'uploads');
export const maxUploadBytesOf = (config: Config) => config.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
export const uploadQuotaBytesOf = (config: Config) => config.uploadQuotaBytes ?? DEFAULT_UPLOAD_QUOTA_BYTES;

/** The sweep's two ages, in seconds (as PostgreSQL's make_interval takes them). */
export const staleAgesOf = (config: Config) => ({
  unfinishedSeconds: (config.uploadUnfinishedMaxAgeHours ?? DEFAULT_UNFINISHED_MAX_AGE_HOURS) * 3600,
  unattachedSeconds: (config.uploadUnattachedMaxAgeHours ?? DEFAULT_UNATTACHED_MAX_AGE_HOURS) * 3600,
});
