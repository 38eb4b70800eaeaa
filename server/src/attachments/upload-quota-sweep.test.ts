import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorBody } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import type { TestClient } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { pdfBytes, tusRequest, tusUpload } from '../testing/tus-client';

let app: TestApp;
let dir: string;
let space: TestSpace;
let moderator: TestUser;

const QUOTA = 100_000;
const HOUR = 3_600_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-quota-'));
  app = await startTestApp({ uploadsDir: dir, maxUploadBytes: 256 * 1024, uploadQuotaBytes: QUOTA });
  space = await makeSpace(app);
  moderator = await makeUser(app, { moderates: [space.spaceId] });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Creates an upload of `size` bytes without sending any. */
async function create(client: TestClient, size: number, name = 'paper.pdf') {
  const res = await tusRequest(app, client, 'POST', '/api/uploads', {
    'upload-length': String(size),
    'upload-metadata': `filename ${b64(name)}`,
  });
  const location = res.headers.get('location') ?? '';
  return { res, location, id: location.split('/').pop() ?? '' };
}

/** Creates an upload and sends its first `sent` bytes: an unfinished upload with bytes stored. */
async function halfUpload(client: TestClient, size: number) {
  const created = await create(client, size);
  expect(created.res.status).toBe(201);
  const patched = await tusRequest(
    app,
    client,
    'PATCH',
    created.location,
    { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    pdfBytes(size).subarray(0, Math.floor(size / 2)),
  );
  expect(patched.status).toBe(204);
  return created;
}

const rowsOf = async (ownerId: string) =>
  (await app.db.query<{ id: string }>('SELECT id FROM uploads WHERE owner_id = $1', [ownerId])).map(
    (r) => r.id,
  );
const rowExists = async (id: string) =>
  (await app.db.query('SELECT 1 FROM uploads WHERE id = $1', [id])).length === 1;
/** The upload's bytes and tus's record in UPLOADS_DIR. */
const filesOf = async (id: string) => (await readdir(dir)).filter((f) => f.startsWith(id));

const attachment = (id: string, size: number) => ({ id, name: 'paper.pdf', size, mime: 'application/pdf' });

describe('per-account upload quota', () => {
  it('refuses a creation over the room left with 413 quota_exceeded, saying how much is left, and keeps nothing', async () => {
    const user = await makeUser(app);
    expect((await create(user.client, 60_000)).res.status).toBe(201);
    const filesBefore = await readdir(dir);

    const refused = await create(user.client, 40_001);
    expect(refused.res.status).toBe(413);
    expect(refused.location).toBe('');
    const body = JSON.parse(await refused.res.text()) as ErrorBody;
    expect(body.error.code).toBe('quota_exceeded');
    expect(body.error.details).toMatchObject({
      quotaBytes: QUOTA,
      usedBytes: 60_000,
      remainingBytes: 40_000,
      sizeBytes: 40_001,
    });
    expect(body.error.message).toMatch(/left/);
    // Nothing of the refused upload: no row, no file.
    expect(await rowsOf(user.id)).toHaveLength(1);
    expect(await readdir(dir)).toEqual(filesBefore);

    // Exactly the room left fits; then not a byte more. Another account has its own quota.
    expect((await create(user.client, 40_000)).res.status).toBe(201);
    expect((await create(user.client, 1)).res.status).toBe(413);
    expect((await create((await makeUser(app)).client, 100_000)).res.status).toBe(201);
  });

  it('counts finished and attached files, but not refused ones', async () => {
    const user = await makeUser(app);
    const sent = await tusUpload(app, user.client, 'paper.pdf', pdfBytes(50_000));
    expect(sent.status).toBe(204);
    const post = newPost(space, { attachments: [attachment(sent.id, 50_000)] });
    expect((await push(user.client, 'posts', [post])).body).toEqual([]);
    // A file refused for its type (its bytes deleted) takes no room.
    const elf = new Uint8Array(30_000);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
    expect((await tusUpload(app, user.client, 'x.pdf', elf)).status).toBe(415);

    expect((await create(user.client, 50_001)).res.status).toBe(413);
    expect((await create(user.client, 50_000)).res.status).toBe(201);
  });

  it('lets only one of two parallel creations through when only one fits', async () => {
    for (let round = 0; round < 5; round++) {
      const user = await makeUser(app);
      const results = await Promise.all([create(user.client, 60_000), create(user.client, 60_000)]);
      expect(results.map((r) => r.res.status).sort()).toEqual([201, 413]);
      expect(await rowsOf(user.id)).toHaveLength(1);
    }
  });

  it('gives the room back when an unfinished upload is terminated', async () => {
    const user = await makeUser(app);
    const first = await halfUpload(user.client, 60_000);
    expect((await create(user.client, 60_000)).res.status).toBe(413);

    expect((await tusRequest(app, user.client, 'DELETE', first.location)).status).toBe(204);
    // The row goes right after tus answers (its termination event).
    await expect.poll(() => rowExists(first.id)).toBe(false);
    expect(await filesOf(first.id)).toEqual([]);
    expect((await create(user.client, 60_000)).res.status).toBe(201);
  });
});

describe('the stale-upload sweep', () => {
  /** The database clock: ages are judged against it, moved forward by `later` ms. */
  const dbNow = async () =>
    new Date(String((await app.db.query<{ now: unknown }>('SELECT clock_timestamp() AS now'))[0]!.now));
  const sweepAt = async (later: number) =>
    app.uploadSweeper.runOnce({ now: new Date((await dbNow()).getTime() + later) });

  it('deletes stale unfinished and never-attached uploads, rows and bytes, and keeps attached and fresh ones', async () => {
    const author = await makeUser(app);
    const admin = await makeUser(app, { role: 'admin' });

    const unfinished = await halfUpload(author.client, 40_000);
    const unattached = await tusUpload(app, author.client, 'draft.pdf', pdfBytes(10_000));
    const elf = new Uint8Array(1000);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
    const refused = await tusUpload(app, author.client, 'x.pdf', elf);
    expect(refused.status).toBe(415);

    // Attached to posts of every status a moderator leaves them in: pending, approved, rejected.
    const attached: string[] = [];
    for (const outcome of ['pending', 'approve', 'reject'] as const) {
      const sent = await tusUpload(app, author.client, 'paper.pdf', pdfBytes(5_000));
      expect(sent.status).toBe(204);
      const post = newPost(space, { attachments: [attachment(sent.id, 5_000)] });
      expect((await push(author.client, 'posts', [post])).body).toEqual([]);
      if (outcome !== 'pending') {
        expect(
          (
            await push(moderator.client, 'moderation', [
              decision(post, outcome, 'pending', outcome === 'reject' ? 'Off topic here' : null),
            ])
          ).body,
        ).toEqual([]);
      }
      attached.push(sent.id);
    }
    // A space's document (bound by an administrator, not a post).
    const documentFile = await tusUpload(app, admin.client, 'concept.pdf', pdfBytes(5_000));
    expect(
      (await admin.client.post(`/api/spaces/${space.slug}/documents`, { uploadId: documentFile.id })).status,
    ).toBe(201);
    const kept = [...attached, documentFile.id];
    for (const id of [unfinished.id, unattached.id, ...kept]) expect(await filesOf(id)).not.toEqual([]);

    // Fresh: nothing goes.
    await sweepAt(HOUR);
    for (const id of [unfinished.id, unattached.id, refused.id, ...kept])
      expect(await rowExists(id)).toBe(true);

    // A day on: the unfinished upload and the refused one's row go; a finished file waits a week.
    await sweepAt(25 * HOUR);
    expect(await rowExists(unfinished.id)).toBe(false);
    expect(await filesOf(unfinished.id)).toEqual([]);
    expect(await rowExists(refused.id)).toBe(false);
    expect(await rowExists(unattached.id)).toBe(true);

    // A week on: the never-attached file goes, bytes and all; attached files and documents stay.
    await sweepAt(8 * 24 * HOUR);
    expect(await rowExists(unattached.id)).toBe(false);
    expect(await filesOf(unattached.id)).toEqual([]);
    expect((await author.client.get(`/api/attachments/${unattached.id}`)).status).toBe(404);
    for (const id of kept) {
      expect(await rowExists(id)).toBe(true);
      expect(await filesOf(id)).not.toEqual([]);
    }
    for (const id of attached) expect((await author.client.get(`/api/attachments/${id}`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/attachments/${documentFile.id}`)).status).toBe(200);
    // Nothing is left queued: every deleted file left the store.
    expect(await app.db.query('SELECT 1 FROM file_deletions')).toEqual([]);
  });

  it('spares an old unfinished upload that is being resumed, judged by the database clock', async () => {
    const user = await makeUser(app);
    const resumed = await halfUpload(user.client, 20_000);
    const abandoned = await halfUpload(user.client, 20_000);
    // Both last heard from two days ago…
    await app.db.query(
      `UPDATE uploads SET touched_at = touched_at - interval '2 days' WHERE id = ANY($1::uuid[])`,
      [[resumed.id, abandoned.id]],
    );
    // …but one is being resumed now: asking for its offset is a sign of life.
    const head = await tusRequest(app, user.client, 'HEAD', resumed.location);
    expect(head.headers.get('upload-offset')).toBe('10000');

    await app.uploadSweeper.runOnce();
    expect(await rowExists(abandoned.id)).toBe(false);
    expect(await filesOf(abandoned.id)).toEqual([]);
    expect(await rowExists(resumed.id)).toBe(true);
    const rest = pdfBytes(20_000).subarray(10_000);
    const finished = await tusRequest(
      app,
      user.client,
      'PATCH',
      resumed.location,
      { 'upload-offset': '10000', 'content-type': 'application/offset+octet-stream' },
      rest,
    );
    expect(finished.status).toBe(204);
  });

  it('gives the room of swept uploads back', async () => {
    const user = await makeUser(app);
    await halfUpload(user.client, 90_000);
    expect((await create(user.client, 20_000)).res.status).toBe(413);
    await sweepAt(25 * HOUR);
    expect((await create(user.client, 20_000)).res.status).toBe(201);
  });
});
