import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeletionPolicy } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteQueuedFiles } from '../attachments/file-deletions';
import { fileStorage } from '../attachments/storage/file-storage';
import { uuidv7 } from '../db/uuid';
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
import { startTestApp, testConfig, type TestApp } from '../testing/test-app';
import { pdfBytes, tusUpload } from '../testing/tus-client';

let app: TestApp;
let dir: string;
let moderator: TestUser;
let reader: TestUser;
const spaces = {} as Record<DeletionPolicy, TestSpace>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-deletion-uploads-'));
  app = await startTestApp({ uploadsDir: dir });
  moderator = await makeUser(app, { moderates: 'global' });
  reader = await makeUser(app);
  for (const policy of ['keep', 'remove'] as const) {
    spaces[policy] = await makeSpace(app);
    await app.db.query('UPDATE spaces SET deletion_policy = $2 WHERE id = $1', [
      spaces[policy].spaceId,
      policy,
    ]);
  }
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const stored = async (id: string) =>
  (await readdir(dir)).filter((f) => f === id || f === `${id}.json`).sort();
const download = (id: string) => reader.client.get(`/api/attachments/${id}`);

/** An upload through tus, checked to be in the store with tus's record beside it. */
async function upload(person: TestUser, name: string) {
  const bytes = pdfBytes();
  const sent = await tusUpload(app, person.client, name, bytes);
  expect(sent.status).toBe(204);
  expect(await stored(sent.id)).toEqual([sent.id, `${sent.id}.json`]);
  return { id: sent.id, name, size: bytes.length, mime: 'application/pdf' };
}

/** A person with an approved post carrying a file in the space of `policy`. */
async function authorWithFile(policy: DeletionPolicy) {
  const me = await makeUser(app);
  const file = await upload(me, 'my-cv.pdf');
  const post = newPost(spaces[policy], { body: 'see attached', attachments: [file] });
  await push(me.client, 'posts', [post]);
  await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
  expect((await download(file.id)).status).toBe(200);
  return { me, file };
}

const deleteAccount = (me: TestUser) =>
  me.client.request('DELETE', '/api/me', { json: { password: TEST_PASSWORD } });

describe("a deleted account's files", () => {
  it('leave the store with the posts a space removes, and are no longer served', async () => {
    const { me, file } = await authorWithFile('remove');
    const res = await deleteAccount(me);
    expect(res.body).toEqual({ deleted: true, postsKept: 0, postsRemoved: 1 });
    expect(await stored(file.id)).toEqual([]);
    expect((await download(file.id)).status).toBe(404);
    expect((await moderator.client.get(`/api/attachments/${file.id}`)).status).toBe(404);
    const queued = await app.db.query('SELECT 1 FROM file_deletions WHERE upload_id = $1', [file.id]);
    expect(queued).toEqual([]);
  });

  it('stay with the posts a space keeps, still served; uploads no post carries go', async () => {
    const { me, file } = await authorWithFile('keep');
    const loose = await upload(me, 'never-posted.pdf');
    const res = await deleteAccount(me);
    expect(res.body).toEqual({ deleted: true, postsKept: 1, postsRemoved: 0 });
    expect(await stored(file.id)).toEqual([file.id, `${file.id}.json`]);
    const served = await download(file.id);
    expect(served.status).toBe(200);
    expect(await stored(loose.id)).toEqual([]);
  });

  it("stay while a space's document still names them", async () => {
    const admin = await makeUser(app, { role: 'admin' });
    const document = await upload(admin, 'concept-note.pdf');
    const bound = await admin.client.post(`/api/spaces/${spaces.remove.slug}/documents`, {
      uploadId: document.id,
    });
    expect(bound.status).toBe(201);
    await deleteAccount(admin);
    expect(await stored(document.id)).toEqual([document.id, `${document.id}.json`]);
    expect((await app.client().get(`/api/attachments/${document.id}`)).status).toBe(200);
  });

  it('left queued by a crash after commit are deleted by the sweep at start', async () => {
    const id = uuidv7();
    await writeFile(join(dir, id), 'orphan');
    await writeFile(join(dir, `${id}.json`), '{}');
    await app.db.query('INSERT INTO file_deletions (upload_id, queued_at) VALUES ($1, now())', [id]);
    await deleteQueuedFiles(app.ctx, fileStorage(testConfig({ uploadsDir: dir })));
    expect(await stored(id)).toEqual([]);
    expect(await app.db.query('SELECT 1 FROM file_deletions WHERE upload_id = $1', [id])).toEqual([]);
  });
});
