import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  drainPosts,
  makeSpace,
  makeUser,
  newPost,
  pullPage,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
let space: TestSpace;
let moderator: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  moderator = await makeUser(app, { moderates: 'global' });
});
afterAll(() => app.close());

const drain = (checkpoint: Parameters<typeof drainPosts>[1], limit?: number) =>
  drainPosts(moderator.client, checkpoint, limit);

describe('the change order never skips a row', () => {
  it('concurrent pushes interleaved with pulls: every row arrives exactly once', async () => {
    const writers = await Promise.all([1, 2, 3, 4].map(() => makeUser(app)));
    let { checkpoint } = await drain(null);
    const received: string[] = [];
    const pushed: string[] = [];
    const pushes = writers.flatMap((writer) =>
      [1, 2, 3].map(async () => {
        const post = newPost(space);
        pushed.push(post.id);
        await push(writer.client, 'posts', [post]);
      }),
    );
    let pushing = true;
    const puller = (async () => {
      while (pushing) {
        const page = await pullPage(moderator.client, 'posts', checkpoint, 2);
        received.push(...page.documents.map((d) => d.id));
        checkpoint = page.checkpoint;
      }
    })();
    await Promise.all(pushes);
    pushing = false;
    await puller;
    received.push(...(await drain(checkpoint)).ids);
    expect(received.sort()).toEqual(pushed.sort());
  });
});
