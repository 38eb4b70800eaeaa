import { STREAM_RESYNC, type Post, type Question, type Space } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../db/uuid';
import type { TestClient } from '../testing/http-client';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  pullAll,
  pullPage,
  push,
  pushEcho,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

// The life of a space, through the real routes: an organiser's draft reaches administrators only
// (pull, the report), publishing brings it to devices that already pulled past its rows, a closed
// or archived space takes no posts, and a removed question leaves every device.

let app: TestApp;
let admin: TestUser;
let participant: TestUser;
let otherModerator: TestUser;
let globalModerator: TestUser;
let otherSpace: TestSpace;

const DAY = 86_400_000;

function draftSpace(): { space: Space; question: Question } {
  const now = Date.now();
  const phaseId = uuidv7();
  const space: Space = {
    id: uuidv7(),
    slug: `draft-${uuidv7().slice(-8)}`,
    title: { en: 'Water (draft)' },
    intro: { en: 'Not ready yet' },
    audience: { en: 'Everyone' },
    languages: ['en'],
    phases: [
      {
        id: phaseId,
        name: { en: 'Now' },
        opensAt: new Date(now - DAY).toISOString(),
        closesAt: new Date(now + DAY).toISOString(),
        timeZone: 'UTC',
      },
    ],
    contactEmail: null,
    moderators: [],
    reasonTemplates: [],
    documents: [],
    announcement: null,
    deletionPolicy: 'keep',
    // Whatever a device says, a new space starts as a draft.
    status: 'published',
    updatedAt: null,
  };
  const question: Question = {
    id: uuidv7(),
    spaceId: space.id,
    phaseId,
    position: 0,
    title: { en: 'Where do you fetch water?' },
    body: { en: '' },
    updatedAt: null,
  };
  return { space, question };
}

/** An organiser's new space with one question and one comment of their own (published at once). */
async function organisedDraft() {
  const { space, question } = draftSpace();
  const stored = await pushEcho<Space[]>(admin.client, 'spaces', [space]);
  expect(stored.body[0]).toMatchObject({ id: space.id, status: 'draft' });
  expect((await push(admin.client, 'questions', [question])).body).toEqual([]);
  const adminPost = newPost(
    { spaceId: space.id, questionId: question.id, slug: space.slug, closedQuestionId: question.id },
    { body: 'The organiser tries the draft out' },
  );
  expect((await push(admin.client, 'posts', [adminPost])).body).toEqual([]);
  return { space, question, adminPost };
}

const setStatus = (client: TestClient, slug: string, status: string) =>
  client.request<Space & { error?: { code: string; message: string } }>('PUT', `/api/spaces/${slug}/status`, {
    json: { status },
  });

const ids = async (client: TestClient, collection: 'spaces' | 'questions' | 'posts' | 'moderation') =>
  [...(await pullAll(client, collection)).values()].filter((d) => !d._deleted).map((d) => d.id);

beforeAll(async () => {
  app = await startTestApp();
  otherSpace = await makeSpace(app);
  admin = await makeUser(app, { role: 'admin' });
  participant = await makeUser(app, { name: 'Pat Participant' });
  otherModerator = await makeUser(app, { moderates: [otherSpace.spaceId] });
  globalModerator = await makeUser(app, { moderates: 'global' });
});
afterAll(() => app.close());

describe('a draft space', () => {
  it('reaches administrators only, through every collection and the report', async () => {
    const { space, question, adminPost } = await organisedDraft();
    // The organiser moderates in the draft too: the log has a row for the space.
    expect((await ids(admin.client, 'moderation')).length).toBeGreaterThan(0);

    for (const [who, client] of [
      ['anonymous', app.client()],
      ['participant', participant.client],
      ['moderator of another space', otherModerator.client],
      ['global moderator', globalModerator.client],
    ] as const) {
      expect(await ids(client, 'spaces'), who).not.toContain(space.id);
      expect(await ids(client, 'spaces'), who).toContain(otherSpace.spaceId);
      expect(await ids(client, 'questions'), who).not.toContain(question.id);
      expect(await ids(client, 'posts'), who).not.toContain(adminPost.id);
      const log = [...(await pullAll(client, 'moderation')).values()];
      expect(
        log.some((m) => m.spaceId === space.id),
        who,
      ).toBe(false);
    }
    expect((await globalModerator.client.get(`/api/spaces/${space.slug}/report.json`)).status).toBe(404);

    expect((await pullAll(admin.client, 'spaces')).get(space.id)).toMatchObject({ status: 'draft' });
    expect(await ids(admin.client, 'questions')).toContain(question.id);
    expect(await ids(admin.client, 'posts')).toContain(adminPost.id);
    expect((await admin.client.get(`/api/spaces/${space.slug}/report.json`)).status).toBe(200);

    // A participant who guessed the question's id is told it does not exist.
    const guessed = newPost(
      { spaceId: space.id, questionId: question.id, slug: space.slug, closedQuestionId: question.id },
      { body: 'Sneaking in' },
    );
    const refused = await push<Post[]>(participant.client, 'posts', [guessed]);
    expect(refused.body[0]).toMatchObject({ status: 'rejected', refusal: { code: 'unknown_question' } });
  });

  it('once published, arrives complete on a device that already pulled past its rows', async () => {
    const { space, question, adminPost } = await organisedDraft();
    const before = {
      spaces: (await pullPage(participant.client, 'spaces')).checkpoint,
      questions: (await pullPage(participant.client, 'questions')).checkpoint,
      posts: (await pullPage(participant.client, 'posts')).checkpoint,
    };

    // An open phone listens to the posts stream; spaces and questions are pulled again on RESYNC.
    const stream = await participant.client.openStream('/api/sync/posts/stream');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const resyncsBefore = stream.events.filter((e) => e === STREAM_RESYNC).length;

    const published = await setStatus(admin.client, space.slug, 'published');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id: space.id, status: 'published' });
    await stream.waitFor((e) =>
      e === STREAM_RESYNC && stream.events.filter((x) => x === STREAM_RESYNC).length > resyncsBefore
        ? true
        : undefined,
    );
    await stream.close();

    const spaces = await pullPage(participant.client, 'spaces', before.spaces);
    expect(spaces.documents.find((d) => d.id === space.id)).toMatchObject({ status: 'published' });
    const questions = await pullPage(participant.client, 'questions', before.questions);
    expect(questions.documents.map((d) => d.id)).toContain(question.id);
    const posts = await pullPage(participant.client, 'posts', before.posts);
    expect(posts.documents.find((d) => d.id === adminPost.id)).toMatchObject({
      body: 'The organiser tries the draft out',
      _deleted: false,
    });
    // And a global moderator now reads its log.
    const log = [...(await pullAll(globalModerator.client, 'moderation')).values()];
    expect(log.some((m) => m.spaceId === space.id)).toBe(true);
  });
});

describe('status changes', () => {
  it('follow draft → published → closed ⇄ published, → archived → closed, and nothing else', async () => {
    const { space } = await organisedDraft();
    const refused = async (status: string) => {
      const res = await setStatus(admin.client, space.slug, status);
      expect(res.status, status).toBe(409);
      expect(res.body.error?.code).toBe('invalid_transition');
      return res.body.error!.message;
    };
    expect(await refused('closed')).toBe('This space is a draft: it cannot become closed from there.');
    await refused('archived');

    const moves = ['published', 'closed', 'published', 'archived', 'closed', 'archived'] as const;
    for (const status of moves) {
      const res = await setStatus(admin.client, space.slug, status);
      expect(res.status, status).toBe(200);
      expect(res.body.status).toBe(status);
    }
    // The same status again is a retry.
    expect((await setStatus(admin.client, space.slug, 'archived')).status).toBe(200);
    expect(await refused('published')).toBe('This space is archived: it cannot become published from there.');
    expect(await refused('draft')).toMatch(/cannot become a draft/);

    expect((await setStatus(participant.client, space.slug, 'closed')).status).toBe(403);
    expect((await setStatus(globalModerator.client, space.slug, 'closed')).status).toBe(403);
    expect((await setStatus(app.client(), space.slug, 'closed')).status).toBe(401);
    expect((await setStatus(admin.client, 'no-such-space', 'closed')).status).toBe(404);
    expect((await setStatus(admin.client, space.slug, 'finished')).status).toBe(400);
  });

  it('an edit pushed from a device never changes the status', async () => {
    const { space } = await organisedDraft();
    const { _deleted: _, ...stored } = (await pullAll(admin.client, 'spaces')).get(space.id)!;
    const edit = { ...stored, title: { en: 'Renamed' }, status: 'published' };
    expect((await push(admin.client, 'spaces', [edit], stored)).body).toEqual([]);
    expect((await pullAll(admin.client, 'spaces')).get(space.id)).toMatchObject({
      title: { en: 'Renamed' },
      status: 'draft',
    });
    expect(await ids(participant.client, 'spaces')).not.toContain(space.id);
  });
});

describe('a closed or archived space', () => {
  it('stays readable and refuses new posts and replies with a reason; reopened, it takes them again', async () => {
    const { space, question, adminPost } = await organisedDraft();
    await setStatus(admin.client, space.slug, 'published');
    const target = {
      spaceId: space.id,
      questionId: question.id,
      slug: space.slug,
      closedQuestionId: question.id,
    };

    expect((await setStatus(admin.client, space.slug, 'closed')).status).toBe(200);
    expect(await ids(participant.client, 'posts')).toContain(adminPost.id);
    for (const post of [newPost(target), newPost(target, { parentId: adminPost.id })]) {
      const res = await push<Post[]>(participant.client, 'posts', [post]);
      expect(res.body[0]).toMatchObject({
        status: 'rejected',
        refusal: {
          code: 'space_closed',
          message: 'This space is closed: it takes no new comments or replies.',
        },
      });
    }

    expect((await setStatus(admin.client, space.slug, 'archived')).status).toBe(200);
    expect((await pullAll(app.client(), 'spaces')).get(space.id)).toMatchObject({ status: 'archived' });
    const archived = await push<Post[]>(participant.client, 'posts', [newPost(target)]);
    expect(archived.body[0]).toMatchObject({ refusal: { code: 'space_closed' } });

    await setStatus(admin.client, space.slug, 'closed');
    expect((await setStatus(admin.client, space.slug, 'published')).status).toBe(200);
    expect((await push(participant.client, 'posts', [newPost(target)])).body).toEqual([]);
  });
});

describe('a removed question', () => {
  it('leaves every device with its posts, takes no more, and stays in the database', async () => {
    const { space, question, adminPost } = await organisedDraft();
    await setStatus(admin.client, space.slug, 'published');
    const target = {
      spaceId: space.id,
      questionId: question.id,
      slug: space.slug,
      closedQuestionId: question.id,
    };
    const own = newPost(target, { body: 'My view on wells' });
    expect((await push(participant.client, 'posts', [own])).body).toEqual([]);
    await push(admin.client, 'moderation', [decision(own, 'approve', 'pending')]);

    const before = {
      questions: (await pullPage(participant.client, 'questions')).checkpoint,
      posts: (await pullPage(participant.client, 'posts')).checkpoint,
      anonPosts: (await pullPage(app.client(), 'posts')).checkpoint,
    };
    expect(await ids(app.client(), 'posts')).toEqual(expect.arrayContaining([own.id, adminPost.id]));

    const path = `/api/spaces/${space.slug}/questions/${question.id}`;
    expect((await participant.client.request('DELETE', path)).status).toBe(403);
    const removed = await admin.client.request('DELETE', path);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ questionId: question.id, posts: 2 });
    // A retry changes nothing.
    expect((await admin.client.request('DELETE', path)).body).toEqual({ questionId: question.id, posts: 2 });
    expect(
      (await admin.client.request('DELETE', `/api/spaces/${space.slug}/questions/${otherSpace.questionId}`))
        .status,
    ).toBe(404);

    const questions = await pullPage(participant.client, 'questions', before.questions);
    expect(questions.documents.find((d) => d.id === question.id)).toMatchObject({ _deleted: true });
    const posts = await pullPage(participant.client, 'posts', before.posts);
    for (const id of [own.id, adminPost.id]) {
      expect(posts.documents.find((d) => d.id === id)).toMatchObject({ _deleted: true, body: '' });
    }
    const anonPosts = await pullPage(app.client(), 'posts', before.anonPosts);
    expect(anonPosts.documents.filter((d) => d.id === own.id || d.id === adminPost.id)).toHaveLength(2);
    expect(anonPosts.documents.every((d) => d._deleted)).toBe(true);
    for (const client of [app.client(), participant.client, admin.client]) {
      expect(await ids(client, 'questions')).not.toContain(question.id);
      expect(await ids(client, 'posts')).not.toContain(own.id);
    }

    const late = await push<Post[]>(participant.client, 'posts', [newPost(target, { body: 'Too late' })]);
    expect(late.body[0]).toMatchObject({ status: 'rejected', refusal: { code: 'unknown_question' } });

    const flag = await participant.client.post(`/api/posts/${adminPost.id}/flags`, { reason: 'Off topic' });
    expect(flag.status).toBe(404);

    const rows = await app.db.query<{ removed_at: unknown }>(
      'SELECT removed_at FROM questions WHERE id = $1',
      [question.id],
    );
    expect(rows[0]?.removed_at).not.toBeNull();
    const kept = await app.db.query('SELECT id FROM posts WHERE question_id = $1', [question.id]);
    expect(kept).toHaveLength(2);
  });
});
