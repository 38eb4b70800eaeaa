import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../config/config';

/** A port nobody listens on right now (the OS picks it, we give it back at once). */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/**
 * A real S3-compatible server on loopback, with one empty bucket: moto's server (Python, on the
 * machine image; see README "Storage in production"). It implements the multipart calls @tus/s3-store relies on
 * (ListParts above all), which s3rver, the usual Node choice, does not. Any key pair is accepted.
 */
export async function startS3Bucket() {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(() => {
    throw new Error(`moto server exited: ${stderr}`);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  // Ready when it answers; the wait ends with the server's own exit if it cannot start.
  const ready = (async () => {
    for (;;) {
      const up = await fetch(endpoint).then(
        () => true,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => {});

  const config: S3Config = {
    bucket: 'parley-uploads',
    endpoint,
    region: 'us-east-1',
    accessKeyId: 'test-key',
    secretAccessKey: 'test-secret',
    forcePathStyle: true,
  };
  const client = new S3Client({
    region: config.region,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test-key', secretAccessKey: 'test-secret' },
  });
  await client.send(new CreateBucketCommand({ Bucket: config.bucket }));
  return {
    config,
    /** A client of the same bucket, to look at what the app stored. */
    client,
    async close() {
      client.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill();
      await gone;
    },
  };
}
