import { createHash } from 'node:crypto';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Bucket } from '../testing/s3-bucket';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  push,
  TEST_PASSWORD,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import type { TestClient } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { pdfBytes, tusRequest } from '../testing/tus-client';

/**
 * The same upload → sniff → download path as attachments.test.ts, with S3_BUCKET set: bytes go
 * to a real S3-compatible server on loopback (moto), and nothing is written to UPLOADS_DIR.
 */
let bucket: Awaited<ReturnType<typeof startS3Bucket>>;
let app: TestApp;
let space: TestSpace;
let author: TestUser;
let stranger: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  bucket = await startS3Bucket();
  // The uploads directory does not exist: any write there would fail the upload.
  app = await startTestApp({ s3: bucket.config, uploadsDir: '/nonexistent/parley-uploads' });
  space = await makeSpace(app);
  author = await makeUser(app);
  stranger = await makeUser(app);
  moderator = await makeUser(app, { moderates: [space.spaceId] });
});
afterAll(async () => {
  await app?.close();
  await bucket?.close();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const cookieOf = (client: TestClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

async function keysInBucket(): Promise<string[]> {
  const listed = await bucket.client.send(new ListObjectsV2Command({ Bucket: bucket.config.bucket }));
  return (listed.Contents ?? []).map((o) => o.Key ?? '');
}

/** Uploads in two pieces, asking where to resume in between (as after a cut connection). */
async function upload(client: TestClient, name: string, bytes: Uint8Array) {
  const created = await tusRequest(app, client, 'POST', '/api/uploads', {
    'upload-length': String(bytes.length),
    'upload-metadata': `filename ${b64(name)}`,
  });
  expect(created.status).toBe(201);
  const location = created.headers.get('location') ?? '';
  const send = (offset: number, piece: Uint8Array) =>
    tusRequest(
      app,
      client,
      'PATCH',
      location,
      { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      piece,
    );
  const half = Math.floor(bytes.length / 2);
  expect((await send(0, bytes.subarray(0, half))).status).toBe(204);
  const head = await tusRequest(app, client, 'HEAD', location);
  const offset = Number(head.headers.get('upload-offset'));
  expect(offset).toBe(half);
  const last = await send(offset, bytes.subarray(offset));
  return { id: location.split('/').pop()!, status: last.status };
}

describe('attachments in an S3-compatible bucket', () => {
  it('refuses an executable renamed .pdf, judged by its content, and keeps nothing of it', async () => {
    const elf = new Uint8Array(4096);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
    const sent = await upload(author.client, 'report.pdf', elf);
    expect(sent.status).toBe(415);
    expect((await keysInBucket()).filter((k) => k.startsWith(sent.id))).toEqual([]);
    const post = newPost(space, {
      attachments: [{ id: sent.id, name: 'report.pdf', size: elf.length, mime: 'application/pdf' }],
    });
    const res = await push<Post[]>(author.client, 'posts', [post]);
    expect(res.body[0]).toMatchObject({ status: 'rejected', refusal: { code: 'bad_attachment' } });
  });

  it('serves a pending post’s file to its author and moderators only, and the approved file to all', async () => {
    const bytes = pdfBytes(60_000);
    const sent = await upload(author.client, 'Note de synthèse.pdf', bytes);
    expect(sent.status).toBe(204);
    // The finished file is an object named by the upload's id.
    expect(await keysInBucket()).toContain(sent.id);

    const post = newPost(space, {
      attachments: [{ id: sent.id, name: 'Note de synthèse.pdf', size: 1, mime: 'text/html' }],
    });
    expect((await push(author.client, 'posts', [post])).body).toEqual([]);
    const path = `/api/attachments/${sent.id}`;
    expect((await stranger.client.get(path)).status).toBe(404);
    expect((await app.client().get(path)).status).toBe(404);
    const asModerator = await fetch(app.url + path, { headers: { cookie: cookieOf(moderator.client) } });
    expect(asModerator.status).toBe(200);
    expect(sha(new Uint8Array(await asModerator.arrayBuffer()))).toBe(sha(bytes));

    await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
    const open = await fetch(app.url + path);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('application/pdf');
    expect(open.headers.get('content-length')).toBe(String(bytes.length));
    expect(open.headers.get('x-content-type-options')).toBe('nosniff');
    expect(open.headers.get('content-disposition')).toBe(
      `attachment; filename="Note de synth_se.pdf"; filename*=UTF-8''Note%20de%20synth%C3%A8se.pdf`,
    );
    expect(sha(new Uint8Array(await open.arrayBuffer()))).toBe(sha(bytes));
  });

  it('deletes a removed post’s file and an unfinished upload when their author deletes the account', async () => {
    const leaving = await makeUser(app);
    const global = await makeUser(app, { moderates: 'global' });
    const removing = await makeSpace(app);
    await app.db.query(`UPDATE spaces SET deletion_policy = 'remove' WHERE id = $1`, [removing.spaceId]);
    const bytes = pdfBytes(30_000);
    const sent = await upload(leaving.client, 'cv.pdf', bytes);
    expect(sent.status).toBe(204);
    const post = newPost(removing, {
      attachments: [{ id: sent.id, name: 'cv.pdf', size: bytes.length, mime: 'application/pdf' }],
    });
    await push(leaving.client, 'posts', [post]);
    await push(global.client, 'moderation', [decision(post, 'approve', 'pending')]);
    expect((await fetch(`${app.url}/api/attachments/${sent.id}`)).status).toBe(200);
    // Half sent, then abandoned: an open multipart upload and tus's record.
    const created = await tusRequest(app, leaving.client, 'POST', '/api/uploads', {
      'upload-length': String(bytes.length),
      'upload-metadata': `filename ${b64('half.pdf')}`,
    });
    const location = created.headers.get('location') ?? '';
    const half = await tusRequest(
      app,
      leaving.client,
      'PATCH',
      location,
      { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      bytes.subarray(0, 10_000),
    );
    expect(half.status).toBe(204);
    const unfinished = location.split('/').pop()!;
    expect(await keysInBucket()).toEqual(expect.arrayContaining([sent.id, `${sent.id}.info`]));
    expect(await keysInBucket()).toEqual(
      expect.arrayContaining([`${unfinished}.info`, `${unfinished}.part`]),
    );
    const openUploads = async () =>
      (await bucket.client.send(new ListMultipartUploadsCommand({ Bucket: bucket.config.bucket }))).Uploads ??
      [];
    expect((await openUploads()).map((u) => u.Key)).toContain(unfinished);

    const res = await leaving.client.request('DELETE', '/api/me', { json: { password: TEST_PASSWORD } });
    expect(res.body).toMatchObject({ deleted: true, postsRemoved: 1 });
    const left = await keysInBucket();
    expect(left.filter((k) => k.startsWith(sent.id) || k.startsWith(unfinished))).toEqual([]);
    expect((await openUploads()).map((u) => u.Key)).not.toContain(unfinished);
    expect((await fetch(`${app.url}/api/attachments/${sent.id}`)).status).toBe(404);
  });

  it('the stale-upload sweep empties the bucket of abandoned and never-attached uploads, and keeps attached ones', async () => {
    const user = await makeUser(app);
    const bytes = pdfBytes(30_000);
    const unattached = await upload(user.client, 'draft.pdf', bytes);
    const attached = await upload(user.client, 'kept.pdf', bytes);
    expect([unattached.status, attached.status]).toEqual([204, 204]);
    const post = newPost(space, {
      attachments: [{ id: attached.id, name: 'kept.pdf', size: bytes.length, mime: 'application/pdf' }],
    });
    expect((await push(user.client, 'posts', [post])).body).toEqual([]);
    // Half sent, then abandoned: an open multipart upload, tus's record and a .part object.
    const created = await tusRequest(app, user.client, 'POST', '/api/uploads', {
      'upload-length': String(bytes.length),
      'upload-metadata': `filename ${b64('half.pdf')}`,
    });
    const location = created.headers.get('location') ?? '';
    const unfinished = location.split('/').pop()!;
    const half = await tusRequest(
      app,
      user.client,
      'PATCH',
      location,
      { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      bytes.subarray(0, 10_000),
    );
    expect(half.status).toBe(204);
    const openUploads = async () =>
      (await bucket.client.send(new ListMultipartUploadsCommand({ Bucket: bucket.config.bucket }))).Uploads ??
      [];
    expect((await openUploads()).map((u) => u.Key)).toContain(unfinished);

    // Eight days on, by the database clock: both ages are past.
    const [row] = await app.db.query<{ now: unknown }>('SELECT clock_timestamp() AS now');
    const later = new Date(new Date(String(row!.now)).getTime() + 8 * 24 * 3_600_000);
    expect(await app.uploadSweeper.runOnce({ now: later })).toBeGreaterThanOrEqual(2);
    const left = await keysInBucket();
    expect(left.filter((k) => k.startsWith(unattached.id) || k.startsWith(unfinished))).toEqual([]);
    expect((await openUploads()).map((u) => u.Key)).not.toContain(unfinished);
    expect(left).toContain(attached.id);
    expect((await user.client.get(`/api/attachments/${attached.id}`)).status).toBe(200);
  });
});
