import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Space } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpace, makeUser, pullAll, push, type TestSpace, type TestUser } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';
import { pdfBytes, tusUpload } from '../testing/tus-client';

let app: TestApp;
let dir: string;
let space: TestSpace;
let admin: TestUser;
let moderator: TestUser;
let participant: TestUser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-space-docs-'));
  app = await startTestApp({ uploadsDir: dir });
  space = await makeSpace(app);
  admin = await makeUser(app, { role: 'admin' });
  moderator = await makeUser(app, { moderates: 'global' });
  participant = await makeUser(app);
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const docsPath = () => `/api/spaces/${space.slug}/documents`;

async function spaceAsPulled(client = app.client()) {
  return (await pullAll(client, 'spaces')).get(space.spaceId) as unknown as Space;
}

describe('space documents', () => {
  it('only an administrator binds an upload to a space', async () => {
    for (const user of [moderator, participant]) {
      const sent = await tusUpload(app, user.client, 'note.pdf', pdfBytes());
      expect(sent.status).toBe(204);
      const res = await user.client.post(docsPath(), { uploadId: sent.id });
      expect(res.status).toBe(403);
      // Still their own file only: binding did not make it public.
      expect((await app.client().get(`/api/attachments/${sent.id}`)).status).toBe(404);
    }
    expect((await app.client().post(docsPath(), { uploadId: participant.id })).status).toBe(401);
    expect((await admin.client.post(docsPath(), { uploadId: 'nope' })).status).toBe(400);
    expect(
      (await admin.client.post('/api/spaces/no-such-space/documents', { uploadId: admin.id })).status,
    ).toBe(404);
    // Someone else's upload cannot be bound, even by an administrator.
    const others = await tusUpload(app, participant.client, 'other.pdf', pdfBytes());
    expect((await admin.client.post(docsPath(), { uploadId: others.id })).status).toBe(400);
    expect((await spaceAsPulled()).documents).toEqual([]);
  });

  it('refuses an executable renamed .pdf, judged by its content', async () => {
    const elf = new Uint8Array(4096);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
    const sent = await tusUpload(app, admin.client, 'concept-note.pdf', elf);
    expect(sent.status).toBe(415);
    const res = await admin.client.post(docsPath(), { uploadId: sent.id });
    expect(res.status).toBe(400);
    expect((await spaceAsPulled()).documents).toEqual([]);
  });

  it('a bound document replicates with the space and anyone downloads it', async () => {
    const before = await spaceAsPulled();
    const bytes = pdfBytes(50_000);
    const sent = await tusUpload(app, admin.client, 'Note conceptuelle (v1).pdf', bytes);
    expect(sent.status).toBe(204);
    const res = await admin.client.post<{ documents: Space['documents'] }>(docsPath(), {
      uploadId: sent.id,
    });
    expect(res.status).toBe(201);
    expect(res.body.documents).toEqual([
      { id: sent.id, name: 'Note conceptuelle (v1).pdf', size: bytes.length, mime: 'application/pdf' },
    ]);
    // Binding twice changes nothing.
    expect((await admin.client.post(docsPath(), { uploadId: sent.id })).body).toEqual(res.body);

    const after = await spaceAsPulled();
    expect(after.documents).toEqual(res.body.documents);
    expect(after.updatedAt).not.toBe(before.updatedAt);

    // Spaces are public: so are their documents, to anyone, signed in or not.
    const open = await fetch(`${app.url}/api/attachments/${sent.id}`);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('application/pdf');
    expect(open.headers.get('x-content-type-options')).toBe('nosniff');
    expect(open.headers.get('content-disposition')).toBe(
      `attachment; filename="Note conceptuelle (v1).pdf"; filename*=UTF-8''Note%20conceptuelle%20%28v1%29.pdf`,
    );
    expect(sha(new Uint8Array(await open.arrayBuffer()))).toBe(sha(bytes));
    expect((await participant.client.get(`/api/attachments/${sent.id}`)).status).toBe(200);

    // An administrator's edit of the space (pushed from a device) keeps its documents.
    const edited = { ...after, title: { en: 'Renamed' }, documents: [] };
    expect((await push(admin.client, 'spaces', [edited], after)).body).toEqual([]);
    expect((await spaceAsPulled()).documents).toEqual(res.body.documents);

    // Taken off the space: no longer public, its uploader keeps it.
    expect((await participant.client.request('DELETE', `${docsPath()}/${sent.id}`)).status).toBe(403);
    const removed = await admin.client.request('DELETE', `${docsPath()}/${sent.id}`);
    expect(removed.status).toBe(200);
    expect((await spaceAsPulled()).documents).toEqual([]);
    expect((await app.client().get(`/api/attachments/${sent.id}`)).status).toBe(404);
    expect((await admin.client.get(`/api/attachments/${sent.id}`)).status).toBe(200);
  });
});
