import { describe, expect, it } from 'vitest';
import { refusalOf, UploadRefused } from './tus-upload';

describe('an upload refusal', () => {
  it('carries the quota code and the room left from the server’s JSON body', () => {
    const body = JSON.stringify({
      error: {
        code: 'quota_exceeded',
        message: '…',
        details: { quotaBytes: 100, usedBytes: 70, remainingBytes: 30 },
      },
    });
    const refusal = refusalOf(413, body);
    expect(refusal).toBeInstanceOf(UploadRefused);
    expect(refusal).toMatchObject({ status: 413, code: 'quota_exceeded', remainingBytes: 30 });
  });

  it('is a bare status for tus’s plain-text refusals (a file over the size limit)', () => {
    expect(refusalOf(413, 'Maximum size exceeded\n')).toMatchObject({ status: 413, code: undefined });
  });
});
