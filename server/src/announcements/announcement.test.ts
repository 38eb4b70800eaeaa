import type { Announcement, Space } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeSpace,
  makeUser,
  pullAll,
  pullPage,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
let space: TestSpace;
let other: TestSpace;
let admin: TestUser;
let globalModerator: TestUser;
let regional: TestUser;
let otherRegional: TestUser;
let participant: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app, { languages: ['en', 'fr', 'ar'] });
  other = await makeSpace(app);
  admin = await makeUser(app, { role: 'admin', name: 'Ada Admin' });
  globalModerator = await makeUser(app, { moderates: 'global' });
  regional = await makeUser(app, { moderates: [space.spaceId], name: 'Rania Regional' });
  otherRegional = await makeUser(app, { moderates: [other.spaceId] });
  participant = await makeUser(app);
});
afterAll(() => app.close());

const path = () => `/api/moderation/spaces/${space.slug}/announcement`;
const put = (user: TestUser | null, body: unknown) =>
  (user?.client ?? app.client()).request<Announcement>('PUT', path(), { json: body });

async function pulledSpace(): Promise<Space> {
  return (await pullAll(app.client(), 'spaces')).get(space.spaceId) as unknown as Space;
}

describe('pinned announcement', () => {
  it('only the space’s moderators, global moderators and administrators publish it', async () => {
    const body = { text: { en: 'Summary' } };
    expect((await put(null, body)).status).toBe(401);
    expect((await put(participant, body)).status).toBe(403);
    expect((await put(otherRegional, body)).status).toBe(403);
    expect((await participant.client.request('DELETE', path())).status).toBe(403);
    expect((await pulledSpace()).announcement).toBeNull();
    for (const user of [regional, globalModerator, admin]) {
      expect((await put(user, body)).status).toBe(200);
    }
    expect(
      (await admin.client.request('PUT', `/api/moderation/spaces/no-such/announcement`, { json: body }))
        .status,
    ).toBe(404);
  });

  it('validates the text: the space’s languages only, the default one required', async () => {
    for (const body of [
      {},
      { text: 'Summary' },
      { text: { en: 42 } },
      { text: { en: 'x'.repeat(20_001) } },
      { text: { 'not a language': 'x' } },
      { text: { en: 'Summary', es: 'Resumen' } },
      { text: { fr: 'Seulement en français' } },
      { text: { en: '   ', fr: 'Résumé' } },
    ]) {
      const res = await put(regional, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_body' } });
    }
  });

  it('replicates to every device in each language, and can be removed', async () => {
    const { checkpoint } = await pullPage(app.client(), 'spaces');
    const res = await put(regional, {
      text: { en: 'What we heard: …', fr: 'Ce que nous avons entendu : …', ar: '' },
    });
    expect(res.status).toBe(200);
    // Blank versions are dropped: an Arabic reader sees the default with a "shown in" marker.
    expect(res.body).toMatchObject({
      text: { en: 'What we heard: …', fr: 'Ce que nous avons entendu : …' },
      byName: 'Rania Regional',
    });
    expect(Object.keys(res.body.text)).toEqual(['en', 'fr']);

    // The space moved past every device's checkpoint: the next pull brings it, to anyone.
    const page = await pullPage(participant.client, 'spaces', checkpoint);
    const pulled = page.documents.find((d) => d.id === space.spaceId) as unknown as Space;
    expect(pulled.announcement).toEqual(res.body);

    // An administrator's edit of the space pushed from a device keeps the announcement.
    const edited = { ...pulled, intro: { en: 'New intro' }, announcement: null };
    expect((await push(admin.client, 'spaces', [edited], pulled)).body).toEqual([]);
    expect((await pulledSpace()).announcement).toEqual(res.body);

    const removed = await regional.client.request('DELETE', path());
    expect(removed.status).toBe(204);
    expect((await pulledSpace()).announcement).toBeNull();
  });
});
