import type { Me, Moderation, Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  pullAll,
  push,
  pushEcho,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
let space: TestSpace;
let otherSpace: TestSpace;
let author: TestUser;
let reader: TestUser;
let regional: TestUser;
let regionalElsewhere: TestUser;
let global: TestUser;
let admin: TestUser;

const TEMPLATES = [{ id: 'off-topic', text: { en: 'Off topic.', fr: 'Hors sujet.' } }];

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app, { reasonTemplates: TEMPLATES, languages: ['en', 'fr'] });
  otherSpace = await makeSpace(app);
  author = await makeUser(app, { name: 'Ana Author' });
  reader = await makeUser(app, { name: 'Rob Reader' });
  regional = await makeUser(app, { name: 'Rita Regional', moderates: [space.spaceId] });
  regionalElsewhere = await makeUser(app, { name: 'Otto Other', moderates: [otherSpace.spaceId] });
  global = await makeUser(app, { name: 'Gus Global', moderates: 'global' });
  admin = await makeUser(app, { name: 'Ada Admin', role: 'admin' });
});
afterAll(() => app.close());

async function pendingPost(overrides: Partial<Post> = {}, by = author): Promise<Post> {
  const post = newPost(space, overrides);
  expect((await push(by.client, 'posts', [post])).body).toEqual([]);
  return post;
}
async function approvedPost(): Promise<Post> {
  const post = await pendingPost();
  await push(regional.client, 'moderation', [decision(post, 'approve', 'pending')]);
  return post;
}
const postAs = async (user: TestUser | null, id: string) =>
  (await pullAll(user ? user.client : app.client(), 'posts')).get(id) as
    (Post & { _deleted: boolean }) | undefined;
const logOf = async (user: TestUser) =>
  [...(await pullAll(user.client, 'moderation')).values()] as unknown as Moderation[];
const flag = (user: TestUser | null, postId: string, reason = 'Insulting') =>
  (user ? user.client : app.client()).post(`/api/posts/${postId}/flags`, { reason });

describe('who may decide, on every path', () => {
  it('a regional moderator of space B cannot decide in space A; a participant cannot decide at all', async () => {
    const post = await pendingPost();
    const elsewhere = decision(post, 'reject', 'pending', 'no');
    expect((await push(regionalElsewhere.client, 'moderation', [elsewhere])).body).toEqual([]);
    const byParticipant = await push(reader.client, 'moderation', [decision(post, 'approve', 'pending')]);
    expect(byParticipant.status).toBe(403);
    expect((await postAs(author, post.id))?.status).toBe('pending');
    expect((await logOf(global)).some((m) => m.postId === post.id)).toBe(false);
    // Nor does B's moderator see A's pending post or A's log.
    expect(await postAs(regionalElsewhere, post.id)).toBeUndefined();
  });
});

describe('reasons', () => {
  it('a rejection with a template stores its id for the author and the text in the space language', async () => {
    const post = await pendingPost();
    const m = { ...decision(post, 'reject', 'pending'), reasonTemplateId: 'off-topic' };
    await push(regional.client, 'moderation', [m]);
    expect(await postAs(author, post.id)).toMatchObject({
      status: 'rejected',
      moderationReason: 'Off topic.',
      moderationReasonTemplateId: 'off-topic',
    });
    expect((await logOf(regional)).find((x) => x.id === m.id)).toMatchObject({
      reason: 'Off topic.',
      reasonTemplateId: 'off-topic',
      outcome: 'applied',
    });
  });

  it("a template that is not the space's is dropped; the free text stays", async () => {
    const post = await pendingPost();
    await push(regional.client, 'moderation', [
      { ...decision(post, 'reject', 'pending', 'Names a person'), reasonTemplateId: 'made-up' },
    ]);
    expect(await postAs(author, post.id)).toMatchObject({
      moderationReason: 'Names a person',
      moderationReasonTemplateId: null,
    });
  });

  it('an approval clears an earlier rejection reason', async () => {
    const post = await pendingPost();
    await push(regional.client, 'moderation', [decision(post, 'reject', 'pending', 'Unclear')]);
    await push(global.client, 'moderation', [decision(post, 'approve', 'rejected')]);
    expect(await postAs(author, post.id)).toMatchObject({ status: 'approved', moderationReason: null });
  });
});

describe('the superseded rule, seen by the later moderator', () => {
  it('the push answer tells the later moderator at once that theirs was superseded', async () => {
    const post = await pendingPost();
    await push(regional.client, 'moderation', [decision(post, 'reject', 'pending', 'Spam')]);
    const late = decision(post, 'approve', 'pending');
    const res = await pushEcho(global.client, 'moderation', [late]);
    expect(res.body).toEqual([
      expect.objectContaining({ id: late.id, outcome: 'superseded', moderatorName: 'Gus Global' }),
    ]);
  });

  it('the second of two concurrent decisions is superseded and both moderators can read the first', async () => {
    const post = await pendingPost();
    const a = decision(post, 'approve', 'pending');
    const b = decision(post, 'reject', 'pending', 'Spam');
    await Promise.all([push(regional.client, 'moderation', [a]), push(global.client, 'moderation', [b])]);
    for (const viewer of [regional, global]) {
      const log = (await logOf(viewer)).filter((m) => m.postId === post.id);
      expect(log.map((m) => m.outcome).sort()).toEqual(['applied', 'superseded']);
      const first = log.find((m) => m.outcome === 'applied')!;
      expect(['Rita Regional', 'Gus Global']).toContain(first.moderatorName);
    }
  });
});

describe('flags', () => {
  it('a participant flags a published post: it stays public, and only moderators see the flags', async () => {
    const post = await approvedPost();
    expect((await flag(null, post.id)).status).toBe(401);
    expect((await flag(author, post.id)).status).toBe(403);
    const res = await flag(reader, post.id, 'Names my neighbour');
    expect(res.status).toBe(201);
    expect((await flag(reader, post.id, 'again')).body).toMatchObject({ error: { code: 'already_flagged' } });

    expect(await postAs(regional, post.id)).toMatchObject({
      status: 'approved',
      flags: [{ reason: 'Names my neighbour' }],
    });
    expect(await postAs(global, post.id)).toMatchObject({ flags: [{ reason: 'Names my neighbour' }] });
    for (const other of [null, reader, author, regionalElsewhere]) {
      expect(await postAs(other, post.id)).toMatchObject({ status: 'approved', _deleted: false, flags: [] });
    }
  });

  it('reaches moderators through the change order (a pull from their checkpoint gets it again)', async () => {
    const post = await approvedPost();
    const page = await regional.client.get<{ checkpoint: unknown }>('/api/sync/posts/pull?limit=1000');
    await flag(reader, post.id);
    const query = new URLSearchParams({ checkpoint: JSON.stringify(page.body.checkpoint), limit: '1000' });
    const next = await regional.client.get<{ documents: Post[] }>(`/api/sync/posts/pull?${query.toString()}`);
    expect(next.body.documents.find((d) => d.id === post.id)?.flags).toHaveLength(1);
  });

  it('refuses unpublished posts, unknown posts and invalid bodies', async () => {
    const pending = await pendingPost();
    expect((await flag(reader, pending.id)).status).toBe(404);
    expect((await flag(reader, '0192f0c1-7a4e-7cc0-8f3e-000000000000')).status).toBe(404);
    expect((await flag(reader, 'not-a-uuid')).status).toBe(400);
    expect((await reader.client.post(`/api/posts/${pending.id}/flags`, { reason: ' ' })).status).toBe(400);
  });

  it('dismissFlags keeps the post public, closes its flags and is logged; hide closes them too', async () => {
    const kept = await approvedPost();
    await flag(reader, kept.id);
    const dismiss = decision(kept, 'dismissFlags', 'approved', 'Fair comment');
    await push(regional.client, 'moderation', [dismiss]);
    expect(await postAs(regional, kept.id)).toMatchObject({ status: 'approved', flags: [] });
    expect((await logOf(global)).find((m) => m.id === dismiss.id)).toMatchObject({
      decision: 'dismissFlags',
      outcome: 'applied',
      moderatorName: 'Rita Regional',
    });

    const hidden = await approvedPost();
    await flag(reader, hidden.id);
    await push(global.client, 'moderation', [decision(hidden, 'hide', 'approved', 'Personal data')]);
    expect(await postAs(null, hidden.id)).toMatchObject({ _deleted: true, body: '' });
    await push(global.client, 'moderation', [decision(hidden, 'restore', 'hidden')]);
    expect(await postAs(regional, hidden.id)).toMatchObject({ status: 'approved', flags: [] });
  });
});

describe('posts published at once', () => {
  it('a moderator enters a comment received by e-mail: approved, marked, logged', async () => {
    const post = newPost(space, { onBehalfOf: '  Maria Souza  ', body: 'Sent by e-mail from the camp.' });
    expect((await push(regional.client, 'posts', [post])).body).toEqual([]);
    expect(await postAs(null, post.id)).toMatchObject({
      status: 'approved',
      onBehalfOf: 'Maria Souza',
      fromModerator: true,
      authorName: 'Rita Regional',
      body: 'Sent by e-mail from the camp.',
    });
    expect((await logOf(global)).find((m) => m.postId === post.id)).toMatchObject({
      decision: 'approve',
      outcome: 'applied',
      moderatorName: 'Rita Regional',
      reasonTemplateId: 'auto:on-behalf',
      reason: 'Submitted by e-mail on behalf of Maria Souza',
    });
  });

  it("a moderator's own post in their space is published at once, marked and logged", async () => {
    const post = newPost(space, { body: 'Welcome, everyone.' });
    await push(global.client, 'posts', [post]);
    expect(await postAs(reader, post.id)).toMatchObject({
      status: 'approved',
      fromModerator: true,
      onBehalfOf: null,
    });
    expect((await logOf(regional)).find((m) => m.postId === post.id)).toMatchObject({
      reasonTemplateId: 'auto:own-post',
      moderatorName: 'Gus Global',
    });
  });

  it('a participant cannot post on behalf of someone, and a moderator of another space waits like anyone', async () => {
    const byParticipant = await pendingPost({ onBehalfOf: 'Someone' });
    expect(await postAs(author, byParticipant.id)).toMatchObject({
      status: 'pending',
      onBehalfOf: null,
      fromModerator: false,
    });
    const byOther = newPost(space, { onBehalfOf: 'Someone' });
    await push(regionalElsewhere.client, 'posts', [byOther]);
    expect(await postAs(regionalElsewhere, byOther.id)).toMatchObject({
      status: 'pending',
      onBehalfOf: null,
      fromModerator: false,
    });
    expect(await postAs(null, byOther.id)).toBeUndefined();
  });

  it('the same post pushed twice by a moderator is logged once', async () => {
    const post = newPost(space, { onBehalfOf: 'Lee' });
    await push(regional.client, 'posts', [post]);
    await push(regional.client, 'posts', [post]);
    expect((await logOf(global)).filter((m) => m.postId === post.id)).toHaveLength(1);
  });
});

describe('audit log export', () => {
  const csvPath = () => `/api/spaces/${space.slug}/moderation.csv`;

  it("is for the space's moderators only", async () => {
    expect((await app.client().get(csvPath())).status).toBe(401);
    expect((await reader.client.get(csvPath())).status).toBe(403);
    expect((await regionalElsewhere.client.get(csvPath())).status).toBe(403);
    expect((await regional.client.get('/api/spaces/no-such-space/moderation.csv')).status).toBe(404);
    expect((await global.client.get(csvPath())).status).toBe(200);
  });

  it('has every decision with who, when, what, why and outcome, escaped and formula-safe', async () => {
    const post = await pendingPost({ body: 'A "quoted", multi\nline body' });
    await push(regional.client, 'moderation', [
      decision(post, 'reject', 'pending', '=HYPERLINK("http://evil")'),
    ]);
    await push(global.client, 'moderation', [decision(post, 'approve', 'pending')]);
    const res = await regional.client.get<string>(csvPath());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="space-[a-f0-9]+-moderation-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = res.text.replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '"decided_at","received_at","moderator","decision","outcome","reason","reason_template","status_seen","post_id","author","posted_as_anonymous","on_behalf_of","question","post_excerpt"',
    );
    const rows = text.split(post.id);
    expect(rows.length).toBe(3); // two rows name the post
    expect(text).toContain(`"Rita Regional","reject","applied","'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain(`"Gus Global","approve","superseded"`);
    expect(text).toContain('"A ""quoted"", multi\nline body"');
    expect(text).toContain('"Ana Author","no"');
  });
});

describe('moderator assignment in the app', () => {
  const body = (user: TestUser) => ({ email: user.email });
  const moderatorsPath = () => `/api/spaces/${space.slug}/moderators`;

  it('is for administrators only', async () => {
    const target = await makeUser(app);
    expect((await app.client().post(moderatorsPath(), body(target))).status).toBe(401);
    expect((await reader.client.post(moderatorsPath(), body(target))).status).toBe(403);
    expect((await regional.client.post(moderatorsPath(), body(target))).status).toBe(403);
    expect((await global.client.post(moderatorsPath(), body(target))).status).toBe(403);
    expect((await regional.client.request('DELETE', moderatorsPath(), { json: body(regional) })).status).toBe(
      403,
    );
  });

  it('an admin assigns and removes a regional moderator; the role follows on the next request', async () => {
    const target = await makeUser(app, { name: 'New Mod' });
    const assigned = await admin.client.post(moderatorsPath(), body(target));
    expect(assigned.status).toBe(200);
    expect((await target.client.get<Me>('/api/auth/me')).body).toMatchObject({
      role: 'moderator',
      moderatorOf: [space.spaceId],
    });
    // Now they may decide here.
    const post = await pendingPost();
    await push(target.client, 'moderation', [decision(post, 'approve', 'pending')]);
    expect((await postAs(author, post.id))?.status).toBe('approved');
    const spaces = await pullAll(app.client(), 'spaces');
    expect(spaces.get(space.spaceId)?.moderators).toContainEqual(
      expect.objectContaining({ userId: target.id, level: 'regional' }),
    );

    const removed = await admin.client.request('DELETE', moderatorsPath(), { json: body(target) });
    expect(removed.status).toBe(200);
    expect((await target.client.get<Me>('/api/auth/me')).body).toMatchObject({
      role: 'participant',
      moderatorOf: [],
    });
    const later = await pendingPost();
    expect((await push(target.client, 'moderation', [decision(later, 'approve', 'pending')])).status).toBe(
      403,
    );
  });

  it('answers 404 for an unknown account or space, 400 for a bad e-mail', async () => {
    expect((await admin.client.post(moderatorsPath(), { email: 'nobody@example.org' })).status).toBe(404);
    expect((await admin.client.post('/api/spaces/nope/moderators', body(reader))).status).toBe(404);
    expect((await admin.client.post(moderatorsPath(), { email: 'not an email' })).status).toBe(400);
    expect(
      (await admin.client.request('DELETE', moderatorsPath(), { json: body(reader) })).body,
    ).toMatchObject({ error: { code: 'not_found' } });
  });
});
