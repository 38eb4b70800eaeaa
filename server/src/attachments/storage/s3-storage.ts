import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { S3Store } from '@tus/s3-store';
import type { S3Config } from '../../config/config';
import type { UploadStorage } from './upload-storage';

/** The AWS SDK's client settings for an S3-compatible service (AWS, MinIO, Garage, R2, …). */
function clientConfig(s3: S3Config): S3ClientConfig {
  return {
    region: s3.region,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    forcePathStyle: s3.forcePathStyle,
    ...(s3.accessKeyId && s3.secretAccessKey
      ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }
      : {}),
    // Checksums only where S3 demands them: many S3-compatible services refuse the SDK's default
    // streaming CRC trailers (aws-chunked uploads).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/**
 * A bucket every instance shares. @tus/s3-store keeps a finished upload as the object `<id>`
 * (sent as a multipart upload while it arrives) and tus's record as `<id>.info`; an unfinished one
 * also has an open multipart upload and may have a `<id>.part` object (a piece under 5 MB).
 */
export function s3Storage(s3: S3Config): UploadStorage {
  const config = clientConfig(s3);
  const client = new S3Client(config);
  const Bucket = s3.bucket;
  const get = async (id: string, range?: string) => {
    const { Body } = await client.send(new GetObjectCommand({ Bucket, Key: id, Range: range }));
    if (!Body) throw new Error(`S3 object ${id} has no body`);
    return Body as Readable;
  };
  return {
    datastore: new S3Store({ s3ClientConfig: { bucket: Bucket, ...config } }),
    async readHead(id, n) {
      if (n <= 0) return new Uint8Array(0);
      const chunks: Buffer[] = [];
      for await (const chunk of await get(id, `bytes=0-${n - 1}`)) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    stream: (id, range) => get(id, range ? `bytes=${range.start}-${range.end}` : undefined),
    async remove(id) {
      // An unfinished upload's parts are billed until aborted, and are the person's bytes too.
      const open = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: id }));
      for (const upload of open.Uploads ?? []) {
        if (upload.Key !== id) continue;
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: id, UploadId: upload.UploadId }));
      }
      const Objects = [id, `${id}.info`, `${id}.part`].map((Key) => ({ Key }));
      const { Errors } = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } }));
      // S3 answers 200 with per-key errors (access denied, …): the file is not gone.
      const failed = Errors?.[0];
      if (failed) throw Object.assign(new Error('S3 DeleteObjects failed'), { code: failed.Code });
    },
  };
}
