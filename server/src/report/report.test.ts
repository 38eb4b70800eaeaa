import type { SpaceReport } from '@parley/shared';
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
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
let space: TestSpace;
let moderator: TestUser;
let admin: TestUser;
let ana: TestUser;
let ben: TestUser;
let openPhaseId: string;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app, { languages: ['en', 'fr'] });
  moderator = await makeUser(app, { moderates: [space.spaceId] });
  admin = await makeUser(app, { role: 'admin' });
  ana = await makeUser(app, { name: 'Ana Lima' });
  ben = await makeUser(app, { name: 'Ben Okafor' });
  const [row] = await app.db.query<{ phase_id: string }>('SELECT phase_id FROM questions WHERE id = $1', [
    space.questionId,
  ]);
  openPhaseId = row!.phase_id;

  // Ana: two comments (one in French, one anonymous); Ben: a reply to Ana, and one left pending;
  // a comment received by e-mail; a rejected one. Only approved ones count.
  // Distinct times: the report orders contributions by when they were written.
  const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
  const a1 = newPost(space, {
    body: 'First [link](http://evil.example) idea',
    lang: 'en',
    createdAt: ago(30),
  });
  const a2 = newPost(space, { body: 'Une idée', lang: 'fr', anonymous: true, createdAt: ago(20) });
  const b1 = newPost(space, { body: 'Agree with Ana', parentId: a1.id });
  const pending = newPost(space, { body: 'Not yet approved' });
  const rejected = newPost(space, { body: 'Off topic' });
  await push(ana.client, 'posts', [a1, a2]);
  await push(moderator.client, 'moderation', [
    decision(a1, 'approve', 'pending'),
    decision(a2, 'approve', 'pending'),
  ]);
  // A reply needs its parent published (or its own) first.
  expect((await push(ben.client, 'posts', [b1, pending, rejected])).body).toEqual([]);
  const emailed = newPost(space, { body: 'Sent by e-mail', onBehalfOf: 'Carla Ruiz', lang: 'fr' });
  await push(moderator.client, 'posts', [emailed]);
  await push(moderator.client, 'moderation', [
    decision(b1, 'approve', 'pending'),
    decision(rejected, 'reject', 'pending', 'off topic'),
  ]);
});
afterAll(() => app.close());

const path = `/spaces/SLUG/report`;
const url = (ext: string, query = '') => `/api${path.replace('SLUG', space.slug)}.${ext}${query}`;

describe('the summary report', () => {
  it('counts approved contributions by question, language and phase, and people (anonymous counted)', async () => {
    const res = await moderator.client.get<SpaceReport>(url('json'));
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report.contributions).toBe(4);
    // Ana (twice, once anonymously), Ben, and Carla by e-mail.
    expect(report.contributors).toBe(3);
    expect(report.anonymousContributors).toBe(1);
    expect(report.byLanguage).toEqual({ en: 2, fr: 2 });
    expect(report.byPhase).toEqual({ [openPhaseId]: 4 });
    const open = report.questions.find((q) => q.id === space.questionId)!;
    expect(open.contributions).toBe(4);
    // Ben's reply sits under Ana's comment; the anonymous one is not named.
    const first = open.threads.find((p) => p.body.startsWith('First'))!;
    expect(first.replies.map((r) => r.body)).toEqual(['Agree with Ana']);
    expect(open.threads.map((p) => p.author)).toEqual(['Ana Lima', 'Anonymous', 'Carla Ruiz']);
    expect(JSON.stringify(report)).not.toContain('Not yet approved');
    expect(JSON.stringify(report)).not.toContain('Off topic');
  });

  it('narrows to one phase', async () => {
    const res = await admin.client.get<SpaceReport>(url('json', `?phase=${openPhaseId}`));
    expect(res.status).toBe(200);
    expect(res.body.questions.map((q) => q.id)).toEqual([space.questionId]);
    expect((await admin.client.get(url('json', '?phase=nope'))).status).toBe(400);
  });

  it('downloads as Markdown (participants’ text escaped) and CSV', async () => {
    const md = await moderator.client.get<string>(url('md'));
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toMatch(/attachment; filename=".*-report-.*\.md"/);
    expect(md.text).toContain('- Contributions: 4');
    expect(md.text).toContain('- Contributors: 3 (of whom 1 posted anonymously)');
    expect(md.text).toContain('First \\[link\\]\\(http://evil\\.example\\) idea');
    const csv = await moderator.client.get<string>(url('csv'));
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + 4);
    expect(csv.text).toContain('"Agree with Ana"');
  });

  it('is written in the language of the person downloading it, else in the space’s', async () => {
    await app.db.query(`UPDATE spaces SET title = $2 WHERE id = $1`, [
      space.spaceId,
      JSON.stringify({ en: 'Water for all', fr: 'De l’eau pour tous' }),
    ]);
    await app.db.query(`UPDATE questions SET title = $2 WHERE id = $1`, [
      space.questionId,
      JSON.stringify({ en: 'Where is water missing?', fr: 'Où l’eau manque-t-elle ?' }),
    ]);
    const amelie = await makeUser(app, { name: 'Amélie', moderates: [space.spaceId] });
    expect((await amelie.client.request('PATCH', '/api/auth/me', { json: { lang: 'fr' } })).status).toBe(200);

    const md = await amelie.client.get<string>(url('md'));
    expect(md.headers.get('content-language')).toBe('fr');
    expect(md.text).toContain('# De l’eau pour tous : rapport de synthèse');
    expect(md.text).toContain('Contributions publiées (approuvées) uniquement.');
    expect(md.text).toContain('- Contributions : 4');
    expect(md.text).toContain('- Contributeurs : 3 (dont 1 anonyme)');
    expect(md.text).toContain('## Où l’eau manque\\-t\\-elle ?');
    expect(md.text).toContain('- **Anonyme** (fr, ');
    expect(md.text).toContain('4 contributions (en: 2, fr: 2)');
    expect(md.text).toContain('## Fichiers joints\n\nAucun.');
    expect(md.text).not.toContain('summary report');
    // The CSV's header is for scripts and stays; the titles in it are hers.
    const csv = await amelie.client.get<string>(url('csv'));
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      '"question","phase","post_id","reply_to","author","language","created_at","text","attachments"',
    );
    expect(csv.text).toContain('Où l’eau manque-t-elle ?');

    // The page's download links name the language the page is read in, which wins.
    const arabic = await amelie.client.get<string>(url('md', '?lang=ar'));
    expect(arabic.headers.get('content-language')).toBe('ar');
    expect(arabic.text).toContain('- المساهمون: 3 (مجهولو الاسم: 1)');
    expect((await amelie.client.get(url('md', '?lang=Arabic'))).status).toBe(400);

    // A language the server has no words for: the space's first language.
    const french = await makeSpace(app, { languages: ['fr', 'en'] });
    const dieter = await makeUser(app, { moderates: [space.spaceId, french.spaceId] });
    await dieter.client.request('PATCH', '/api/auth/me', { json: { lang: 'de' } });
    const english = await dieter.client.get<string>(url('md'));
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.text).toContain('# Water for all: summary report');
    expect(english.text).toContain('4 contributions (en: 2, fr: 2)');
    const inFrench = await dieter.client.get<string>(`/api/spaces/${french.slug}/report.md`);
    expect(inFrench.headers.get('content-language')).toBe('fr');
    expect(inFrench.text).toContain('- Contributions : 0');
  });

  it('is for the space’s moderators and administrators only', async () => {
    expect((await app.client().get(url('json'))).status).toBe(401);
    expect((await ana.client.get(url('md'))).status).toBe(403);
    const otherModerator = await makeUser(app, { moderates: [(await makeSpace(app)).spaceId] });
    expect((await otherModerator.client.get(url('csv'))).status).toBe(403);
  });
});
