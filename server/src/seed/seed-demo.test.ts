import type { Me, Post, Question, Space } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullAll } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';
import { DEMO_PASSWORD } from './demo-content';
import { seedDemo, type SeedResult } from './seed-demo';

let app: TestApp;
let seed: SeedResult;
beforeAll(async () => {
  app = await startTestApp();
  seed = await seedDemo(app.ctx);
});
afterAll(() => app.close());

const LANGS = ['en', 'es', 'fr', 'ru'];

async function signIn(email: string) {
  const client = app.client();
  const res = await client.post<Me>('/api/auth/login', { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return { me: res.body, client };
}

describe('the demo space', () => {
  it('is seeded once: a second call finds a space and does nothing', async () => {
    expect(seed.seeded).toBe(true);
    expect((await seedDemo(app.ctx)).seeded).toBe(false);
    expect((await pullAll(app.client(), 'spaces')).size).toBe(1);
  });

  it('has four languages, two phases, five questions, and question 1 open now', async () => {
    const space = (await pullAll(app.client(), 'spaces')).get(seed.spaceId!) as unknown as Space;
    expect(space.slug).toBe('regional-review');
    for (const field of [space.title, space.intro, space.audience])
      expect(Object.keys(field).sort()).toEqual(LANGS);
    expect(space.phases).toHaveLength(2);
    const [consultation, reflections] = space.phases;
    expect(Date.parse(consultation!.opensAt)).toBeLessThan(Date.now());
    expect(Date.parse(consultation!.closesAt)).toBeGreaterThan(Date.now());
    expect(reflections!.opensAt).toBe(consultation!.closesAt);

    const questions = [...(await pullAll(app.client(), 'questions')).values()] as unknown as Question[];
    expect(questions).toHaveLength(5);
    for (const q of questions) expect(Object.keys(q.title).sort()).toEqual(LANGS);
    expect(questions.find((q) => q.position === 0)?.phaseId).toBe(consultation!.id);
  });

  it('shows approved threads to the public, with the anonymous author hidden', async () => {
    const posts = [...(await pullAll(app.client(), 'posts')).values()] as unknown as (Post & {
      _deleted: boolean;
    })[];
    expect(posts.length).toBeGreaterThanOrEqual(6);
    expect(posts.every((p) => p.status === 'approved' && !p._deleted)).toBe(true);
    expect(posts.some((p) => p.parentId !== null)).toBe(true);
    const anonymous = posts.filter((p) => p.anonymous);
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]).toMatchObject({ authorName: 'Anonymous', authorId: null });
  });

  it('has the demo accounts with their roles', async () => {
    expect((await signIn('admin@parley.test')).me).toMatchObject({ role: 'admin', globalModerator: true });
    expect((await signIn('moderator@parley.test')).me).toMatchObject({
      role: 'moderator',
      globalModerator: true,
    });
    expect((await signIn('regional@parley.test')).me).toMatchObject({
      globalModerator: false,
      moderatorOf: [seed.spaceId],
    });
    expect((await signIn('ana@parley.test')).me).toMatchObject({
      role: 'participant',
      displayName: 'Ana Lima',
    });
    const ben = await signIn('ben@parley.test');
    expect(ben.me.displayName).toBe('Ben Okafor');
    // Ben sees his own anonymous post with his name.
    const own = [...(await pullAll(ben.client, 'posts')).values()].find((p) => p.anonymous === true);
    expect(own).toMatchObject({ authorName: 'Ben Okafor', authorId: ben.me.id });

    const space = (await pullAll(app.client(), 'spaces')).get(seed.spaceId!) as unknown as Space;
    expect(space.moderators.map((m) => [m.displayName, m.level])).toEqual([
      ['Mira Castell', 'global'],
      ['Tomás Reyes', 'regional'],
      ['Leïla Haddad', 'question'],
    ]);
    // Different moderators on different questions: Leïla moderates question 2 only.
    const questions = [...(await pullAll(app.client(), 'questions')).values()] as unknown as Question[];
    const second = questions.find((q) => q.position === 1)!;
    expect(space.moderators[2]?.questionIds).toEqual([second.id]);
    expect((await signIn('questions@parley.test')).me).toMatchObject({
      role: 'moderator',
      globalModerator: false,
      moderatorOf: [],
      moderatorOfQuestions: [second.id],
    });
  });
});
