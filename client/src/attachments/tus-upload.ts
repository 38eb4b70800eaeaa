import * as tus from 'tus-js-client';
import { backoffDelays } from '../connectivity/backoff';

export const UPLOAD_ENDPOINT = '/api/uploads';
/** Pieces of 2 MB: a cut link loses at most one piece, and proxies with body limits pass them. */
const CHUNK_BYTES = 2 * 1024 * 1024;

export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    /** The API's error code when the server sent one (`quota_exceeded`). */
    readonly code?: string,
    /** For `quota_exceeded`: bytes the account may still upload. */
    readonly remainingBytes?: number,
  ) {
    super(`upload refused (${status}${code ? ` ${code}` : ''})`);
  }
}

/** The refusal from a tus answer: a quota refusal carries the API's JSON error body. */
export function refusalOf(status: number, body: string | undefined): UploadRefused {
  try {
    const parsed = JSON.parse(body ?? '') as {
      error?: { code?: unknown; details?: { remainingBytes?: unknown } };
    };
    const code = typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
    const remaining = parsed.error?.details?.remainingBytes;
    return new UploadRefused(status, code, typeof remaining === 'number' ? remaining : undefined);
  } catch {
    // tus's own refusals are plain text ("Maximum size exceeded").
    return new UploadRefused(status);
  }
}

/**
 * Sends one file with the tus protocol and resolves with the upload's id (the attachment id).
 * tus-js-client keeps the upload's address in localStorage under the file's fingerprint, so after
 * a dropped connection (it retries) or a closed app (we look the address up again) it asks the
 * server how much arrived and goes on from there.
 */
export async function sendFile(file: File, onProgress: (fraction: number) => void): Promise<string> {
  const upload = new tus.Upload(file, {
    endpoint: UPLOAD_ENDPOINT,
    chunkSize: CHUNK_BYTES,
    retryDelays: [0, ...backoffDelays(6, { baseMs: 1_000, maxMs: 30_000, jitter: 0.5 })],
    metadata: { filename: file.name, filetype: file.type },
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onShouldRetry: (error) => {
      const status = error.originalResponse?.getStatus() ?? 0;
      // 4xx but 409/423 (offset mismatch, locked) means the server will not take this file;
      // 429 (the upload rate limit) only means "later": the growing delays above wait it out.
      return !(status >= 400 && status < 500 && status !== 409 && status !== 423 && status !== 429);
    },
  });
  const previous = await upload.findPreviousUploads();
  if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
  return new Promise<string>((resolve, reject) => {
    upload.options.onProgress = (sent, total) => onProgress(total > 0 ? sent / total : 0);
    upload.options.onSuccess = () => {
      const id = (upload.url ?? '').split('/').pop() ?? '';
      if (id) resolve(id);
      else reject(new Error('the server gave the upload no address'));
    };
    upload.options.onError = (error) => {
      const response = (error as tus.DetailedError).originalResponse;
      const status = response?.getStatus() ?? 0;
      // Still limited after every retry: not a refusal, the file stays queued for a later pass.
      reject(
        status >= 400 && status < 500 && status !== 429 ? refusalOf(status, response?.getBody()) : error,
      );
    };
    upload.start();
  });
}
