import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { createApp } from '../http/app';
import { listen } from '../http/listen';
import { makeSpace, makeUser, newPost, pullAll, push } from '../testing/fixtures';
import { TestClient } from '../testing/http-client';
import { testConfig, type TestApp } from '../testing/test-app';

/**
 * README "Backups", embedded database: stop the server, copy DATA_DIR, start a server on the
 * copy. PGlite keeps everything in that one directory, so a copy taken while it is closed is a
 * complete, consistent backup.
 */
const root = mkdtempSync(join(tmpdir(), 'parley-embedded-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function serve(dataDir: string) {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  const parley = createApp({ db, config: testConfig({ dataDir }) });
  const server = await listen(parley, '127.0.0.1', 0);
  // What the fixtures need of a test app, on this file-backed database.
  const app = {
    url: server.url,
    db,
    ctx: parley.ctx,
    dbUrl: null,
    client: () => new TestClient(server.url),
  } as unknown as TestApp;
  return {
    app,
    async stop() {
      await server.close();
      await db.close();
    },
  };
}

it("a copy of a stopped server's DATA_DIR opens with every post and session", async () => {
  const live = join(root, 'data');
  const first = await serve(live);
  const space = await makeSpace(first.app);
  const author = await makeUser(first.app);
  const posts = [newPost(space, { body: 'embedded one' }), newPost(space, { body: 'embedded two' })];
  await push(author.client, 'posts', posts);
  const before = await pullAll(author.client, 'posts');
  await first.stop();

  const copy = join(root, 'backup');
  cpSync(live, copy, { recursive: true });

  const restored = await serve(copy);
  try {
    const again = author.client.at(restored.app.url);
    const after = await pullAll(again, 'posts');
    expect([...after.values()]).toEqual([...before.values()]);
    expect([...after.values()].map((p) => p.body).sort()).toEqual(['embedded one', 'embedded two']);
  } finally {
    await restored.stop();
  }
  // A file-backed PGlite migrates and opens twice here: slower than the in-memory test databases.
}, 120_000);
