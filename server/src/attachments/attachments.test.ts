import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Post } from '@parley/shared';
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

let app: TestApp;
let dir: string;
let space: TestSpace;
let author: TestUser;
let stranger: TestUser;
let moderator: TestUser;

const MAX = 256 * 1024;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-uploads-'));
  app = await startTestApp({ uploadsDir: dir, maxUploadBytes: MAX });
  space = await makeSpace(app);
  author = await makeUser(app);
  stranger = await makeUser(app);
  moderator = await makeUser(app, { moderates: [space.spaceId] });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A raw tus request with the client's session cookie (the test client sends strings only). */
function tus(
  client: TestClient | null,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Uint8Array,
) {
  const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  return fetch(app.url + path, {
    method,
    headers: { ...TUS, ...headers, ...(cookie ? { cookie } : {}) },
    body,
  });
}

async function create(client: TestClient | null, name: string, size: number) {
  const res = await tus(client, 'POST', '/api/uploads', {
    'upload-length': String(size),
    'upload-metadata': `filename ${b64(name)}`,
  });
  return { res, location: res.headers.get('location') ?? '' };
}

const patch = (client: TestClient, location: string, offset: number, bytes: Uint8Array) =>
  tus(
    client,
    'PATCH',
    location,
    {
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    bytes,
  );

/** Uploads in two pieces, asking the server where to resume in between (as after a cut). */
async function upload(client: TestClient, name: string, bytes: Uint8Array) {
  const { res, location } = await create(client, name, bytes.length);
  expect(res.status).toBe(201);
  const half = Math.floor(bytes.length / 2);
  expect((await patch(client, location, 0, bytes.subarray(0, half))).status).toBe(204);
  const head = await tus(client, 'HEAD', location, {});
  const offset = Number(head.headers.get('upload-offset'));
  expect(offset).toBe(half);
  const last = await patch(client, location, offset, bytes.subarray(offset));
  return { id: location.split('/').pop()!, location, status: last.status };
}

const pdfBytes = (n = 40_000) => {
  const head = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  const body = Buffer.alloc(n - head.length, 0x20);
  return new Uint8Array(Buffer.concat([head, body]));
};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const attachment = (id: string, name: string, size: number) => ({ id, name, size, mime: 'application/pdf' });

describe('uploading (tus)', () => {
  it('resumes where it stopped, and refuses anyone but a signed-in owner', async () => {
    expect((await create(null, 'a.pdf', 10)).res.status).toBe(401);
    const { res: created, location } = await create(author.client, 'a.pdf', 100);
    // No CORS: other sites' pages cannot read upload answers.
    expect(created.headers.get('access-control-allow-origin')).toBeNull();
    // Someone else cannot learn the offset of, resume, or delete another's upload.
    expect((await tus(stranger.client, 'HEAD', location, {})).status).toBe(404);
    expect((await patch(stranger.client, location, 0, new Uint8Array(10))).status).toBe(404);
    const done = await upload(author.client, 'brief.pdf', pdfBytes());
    expect(done.status).toBe(204);
  });

  it('refuses a file larger than the limit before a byte is sent', async () => {
    expect((await create(author.client, 'big.pdf', MAX + 1)).res.status).toBe(413);
  });

  it('refuses an executable renamed .pdf, judged by its content, and keeps nothing of it', async () => {
    const elf = new Uint8Array(4096);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
    const mz = new Uint8Array(4096);
    mz.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
    for (const bytes of [elf, mz]) {
      const sent = await upload(author.client, 'report.pdf', bytes);
      expect(sent.status).toBe(415);
      expect(await readdir(dir)).not.toContain(sent.id);
      // A post cannot carry it either.
      const post = newPost(space, { attachments: [attachment(sent.id, 'report.pdf', bytes.length)] });
      const res = await push<Post[]>(author.client, 'posts', [post]);
      expect(res.body[0]).toMatchObject({ status: 'rejected', refusal: { code: 'bad_attachment' } });
    }
  });

  it('takes plain text, and refuses a plain zip', async () => {
    const text = await upload(
      author.client,
      'notes.txt',
      new TextEncoder().encode('Notes — заметки, ملاحظات\n'.repeat(50)),
    );
    expect(text.status).toBe(204);
    const zip = new Uint8Array(200);
    zip.set([0x50, 0x4b, 0x05, 0x06]); // an empty zip archive's end record
    expect((await upload(author.client, 'archive.pdf', zip)).status).toBe(415);
  });
});

describe('attachments on posts', () => {
  it('a post may only carry its author’s complete uploads', async () => {
    const mine = await upload(author.client, 'mine.pdf', pdfBytes());
    const post = newPost(space, { attachments: [attachment(mine.id, 'mine.pdf', 1)] });
    const res = await push<Post[]>(stranger.client, 'posts', [post]);
    expect(res.body[0]).toMatchObject({ refusal: { code: 'bad_attachment' } });
    const { location } = await create(author.client, 'half.pdf', 1000);
    const unfinished = newPost(space, {
      attachments: [attachment(location.split('/').pop()!, 'half.pdf', 1000)],
    });
    const res2 = await push<Post[]>(author.client, 'posts', [unfinished]);
    expect(res2.body[0]).toMatchObject({ refusal: { code: 'bad_attachment' } });
  });

  it('a pending post’s file reaches its author and moderators only; once approved, everyone', async () => {
    const bytes = pdfBytes(60_000);
    const sent = await upload(author.client, 'Note de synthèse (v2).pdf', bytes);
    expect(sent.status).toBe(204);
    // Before any post carries it, only the uploader can fetch it.
    expect((await author.client.get(`/api/attachments/${sent.id}`)).status).toBe(200);
    expect((await stranger.client.get(`/api/attachments/${sent.id}`)).status).toBe(404);

    // The device's size and type are replaced by what the server measured and sniffed.
    const post = newPost(space, {
      attachments: [{ id: sent.id, name: 'Note de synthèse (v2).pdf', size: 1, mime: 'text/html' }],
    });
    expect((await push(author.client, 'posts', [post])).body).toEqual([]);

    const path = `/api/attachments/${sent.id}`;
    expect((await stranger.client.get(path)).status).toBe(404);
    expect((await app.client().get(path)).status).toBe(404);
    const asModerator = await fetch(app.url + path, {
      headers: { cookie: [...moderator.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(asModerator.status).toBe(200);
    expect(sha(new Uint8Array(await asModerator.arrayBuffer()))).toBe(sha(bytes));

    await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
    const open = await fetch(app.url + path);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('application/pdf');
    expect(open.headers.get('x-content-type-options')).toBe('nosniff');
    expect(open.headers.get('content-disposition')).toBe(
      `attachment; filename="Note de synth_se (v2).pdf"; filename*=UTF-8''Note%20de%20synth%C3%A8se%20%28v2%29.pdf`,
    );
    expect(sha(new Uint8Array(await open.arrayBuffer()))).toBe(sha(bytes));

    // Hidden again: gone for everyone but the author and moderators.
    await push(moderator.client, 'moderation', [decision(post, 'hide', 'approved')]);
    expect((await fetch(app.url + path)).status).toBe(404);
    expect((await author.client.get(path)).status).toBe(200);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await author.client.get('/api/attachments/0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e99')).status).toBe(
      404,
    );
    expect((await author.client.get('/api/attachments/nope')).status).toBe(400);
  });
});

/** A download as a browser or download manager sends it, with the client's session cookie. */
function download(client: TestClient | null, id: string, headers: Record<string, string> = {}) {
  const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  return fetch(`${app.url}/api/attachments/${id}`, {
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
  });
}
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('resuming downloads (HTTP Range)', () => {
  // Text, which the server would otherwise gzip: offsets must count the file's own bytes.
  const text = new TextEncoder().encode('Compte rendu — протокол — محضر\n'.repeat(4_000));
  let id: string;
  beforeAll(async () => {
    const sent = await upload(author.client, 'minutes.txt', text);
    expect(sent.status).toBe(204);
    id = sent.id;
  });

  it('picks up a cut download where it stopped, and the pieces make the file', async () => {
    const first = await download(author.client, id);
    expect(first.status).toBe(200);
    expect(first.headers.get('accept-ranges')).toBe('bytes');
    expect(first.headers.get('content-encoding')).toBeNull();
    expect(first.headers.get('content-length')).toBe(String(text.length));
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    // The connection drops after the first chunks arrived.
    const reader = (first.body as ReadableStream<Uint8Array>).getReader();
    const received: Uint8Array[] = [];
    let got = 0;
    while (got < text.length / 4) {
      const { value } = await reader.read();
      if (!value) break;
      received.push(value);
      got += value.length;
    }
    await reader.cancel();
    expect(got).toBeLessThan(text.length);

    const rest = await download(author.client, id, { range: `bytes=${got}-`, 'if-range': etag });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${got}-${text.length - 1}/${text.length}`);
    expect(rest.headers.get('content-length')).toBe(String(text.length - got));
    expect(rest.headers.get('content-encoding')).toBeNull();
    const whole = Buffer.concat([...received, await bytesOf(rest)]);
    expect(sha(whole)).toBe(sha(text));

    // Halves asked for explicitly fit together too.
    const half = Math.floor(text.length / 2);
    const a = await download(author.client, id, { range: `bytes=0-${half - 1}` });
    const b = await download(author.client, id, { range: `bytes=${half}-` });
    expect([a.status, b.status]).toEqual([206, 206]);
    expect(sha(Buffer.concat([await bytesOf(a), await bytesOf(b)]))).toBe(sha(text));
  });

  it('serves the last n bytes, a range past the end, and what it does not honour', async () => {
    const tail = await download(author.client, id, { range: 'bytes=-100' });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(
      `bytes ${text.length - 100}-${text.length - 1}/${text.length}`,
    );
    expect(await bytesOf(tail)).toEqual(text.subarray(text.length - 100));

    const past = await download(author.client, id, { range: `bytes=${text.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${text.length}`);
    expect((await past.arrayBuffer()).byteLength).toBe(0);

    // Several ranges, a malformed header, or a resume of another version: the whole file.
    const whole: Record<string, string>[] = [
      { range: 'bytes=0-9,20-29' },
      { range: 'bytes=abc' },
      { range: 'bytes=10-', 'if-range': '"some-other-version"' },
      { range: 'bytes=10-', 'if-range': 'Sun, 06 Dec 2026 00:00:00 GMT' },
    ];
    for (const headers of whole) {
      const res = await download(author.client, id, headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(sha(await bytesOf(res))).toBe(sha(text));
    }
  });

  it('refuses a range to whoever may not see the file, as it refuses the whole', async () => {
    for (const client of [stranger.client, null]) {
      const res = await download(client, id, { range: 'bytes=0-9' });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-range')).toBeNull();
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    const unknown = '0192f0c1-7a4e-7cc0-8f3e-5b7d2c1a9e99';
    expect((await download(author.client, unknown, { range: 'bytes=999999-' })).status).toBe(404);
  });
});
