import type { Space } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../db/uuid';
import { makeSpace, makeUser, pullAll, push, pushEcho, type TestUser } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';

let app: TestApp;
let admin: TestUser;
beforeAll(async () => {
  app = await startTestApp();
  admin = await makeUser(app, { role: 'admin' });
});
afterAll(() => app.close());

/** A space as the organiser screens write it: two phases entered in two zones. */
function organisedSpace(timeZones: [string, string]) {
  return {
    id: uuidv7(),
    slug: `zoned-${uuidv7().slice(-8)}`,
    title: { en: 'Zoned', fr: 'Fuseaux' },
    intro: { en: 'Intro' },
    audience: { en: 'All' },
    languages: ['en', 'fr'],
    phases: [
      {
        id: uuidv7(),
        name: { en: 'One' },
        // 09:00 in São Paulo (UTC−3) and 18:00 in Paris (UTC+1) on 1 March 2027.
        opensAt: '2027-03-01T12:00:00.000Z',
        closesAt: '2027-03-01T17:00:00.000Z',
        timeZone: timeZones[0],
      },
      {
        id: uuidv7(),
        name: { en: 'Two' },
        opensAt: '2027-03-02T00:00:00.000Z',
        closesAt: '2027-03-09T00:00:00.000Z',
        timeZone: timeZones[1],
      },
    ],
    contactEmail: 'organiser@example.org',
    moderators: [],
    reasonTemplates: [],
    updatedAt: null,
  };
}

// An organiser's new space is a draft: the organiser reads it back.
const pulled = async (id: string) => (await pullAll(admin.client, 'spaces')).get(id) as unknown as Space;

describe('phase time zones', () => {
  it('round-trip: a pushed space comes back with each phase’s zone and the same instants', async () => {
    const space = organisedSpace(['America/Sao_Paulo', 'Europe/Paris']);
    expect((await push(admin.client, 'spaces', [space])).body).toEqual([]);
    const stored = await pulled(space.id);
    expect(stored.phases).toEqual(space.phases);
    expect(stored.contactEmail).toBe('organiser@example.org');
  });

  it('a phase stored before time zones existed is read as UTC', async () => {
    const legacy = await makeSpace(app);
    await app.db.query(
      `UPDATE spaces SET phases = (SELECT jsonb_agg(p - 'timeZone') FROM jsonb_array_elements(phases) p)
        WHERE id = $1`,
      [legacy.spaceId],
    );
    const stored = await pulled(legacy.spaceId);
    expect(stored.phases.map((p) => p.timeZone)).toEqual(['UTC', 'UTC']);
  });

  it('refuses a zone the runtime does not know: nothing is stored', async () => {
    const space = organisedSpace(['Mars/Olympus_Mons', 'UTC']);
    const res = await push(admin.client, 'spaces', [space]);
    expect(res.status).toBe(200);
    expect(await pulled(space.id)).toBeUndefined();
  });

  it('echoes the stored space to the organiser’s device, so a second edit is not a conflict', async () => {
    const space = organisedSpace(['UTC', 'Asia/Tokyo']);
    const first = await pushEcho<Space[]>(admin.client, 'spaces', [space]);
    expect(first.body).toHaveLength(1);
    const echoed = first.body[0]!;
    expect(echoed.updatedAt).not.toBeNull();
    expect(echoed.phases[1]!.timeZone).toBe('Asia/Tokyo');
    const second = await push(
      admin.client,
      'spaces',
      [{ ...echoed, phases: [{ ...echoed.phases[0]!, timeZone: 'Africa/Nairobi' }] }],
      echoed,
    );
    expect(second.body).toEqual([]);
    expect((await pulled(space.id)).phases.map((p) => p.timeZone)).toEqual(['Africa/Nairobi']);
  });

  it('refuses a participant and a moderator (403), storing nothing', async () => {
    for (const user of [await makeUser(app), await makeUser(app, { moderates: 'global' })]) {
      const space = organisedSpace(['UTC', 'UTC']);
      expect((await push(user.client, 'spaces', [space])).status).toBe(403);
      expect(await pulled(space.id)).toBeUndefined();
    }
  });
});
