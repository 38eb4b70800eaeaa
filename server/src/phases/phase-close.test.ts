import type { Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeSpace,
  makeUser,
  newPost,
  pullAll,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';
import { LATE_GRACE_MS, phaseVerdict } from './phase-rule';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('phaseVerdict (the 72-hour rule)', () => {
  const closes = Date.parse('2026-03-10T12:00:00.000Z');
  const phase = { opensAt: iso(closes - 10 * 24 * HOUR), closesAt: iso(closes) };

  it('takes any post while the phase is open, and none before it opens', () => {
    expect(phaseVerdict(phase, iso(closes - HOUR), closes - HOUR)).toEqual({
      accept: true,
      writtenBeforeClose: false,
    });
    expect(phaseVerdict(phase, iso(closes - 11 * 24 * HOUR), closes - 11 * 24 * HOUR)).toMatchObject({
      accept: false,
      reason: 'not_yet_open',
    });
  });

  it('takes a post written before the close and received up to 72 hours after it, flagged', () => {
    expect(phaseVerdict(phase, iso(closes - 1), closes + LATE_GRACE_MS)).toEqual({
      accept: true,
      writtenBeforeClose: true,
    });
  });

  it('refuses one received later, one written at or after the close, and one dated in the future', () => {
    expect(phaseVerdict(phase, iso(closes - HOUR), closes + LATE_GRACE_MS + 1).accept).toBe(false);
    expect(phaseVerdict(phase, iso(closes), closes + HOUR).accept).toBe(false);
    // A device clock ahead of the server's cannot claim a time that has not happened yet.
    expect(phaseVerdict(phase, iso(closes + 2 * HOUR), closes + HOUR).accept).toBe(false);
    expect(phaseVerdict(phase, 'not a date', closes + HOUR).accept).toBe(false);
    // Written before the phase even opened: not a post of this phase.
    expect(phaseVerdict(phase, iso(closes - 11 * 24 * HOUR), closes + HOUR).accept).toBe(false);
  });
});

type Pulled = Post & { _deleted: boolean };

describe('posting after a phase closed, over HTTP', () => {
  let app: TestApp;
  let space: TestSpace;
  let longClosed: TestSpace;
  let author: TestUser;
  let moderator: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    // makeSpace's closed phase closed a day ago: inside the grace period.
    space = await makeSpace(app);
    longClosed = await makeSpace(app);
    // This one's closed phase closed four days ago: past it.
    await app.db.query(
      `UPDATE spaces SET phases = jsonb_set(jsonb_set(phases, '{0,closesAt}', to_jsonb($2::text)),
                                            '{0,opensAt}', to_jsonb($3::text))
        WHERE id = $1`,
      [longClosed.spaceId, iso(Date.now() - 96 * HOUR), iso(Date.now() - 200 * HOUR)],
    );
    author = await makeUser(app);
    other = await makeUser(app);
    moderator = await makeUser(app, { moderates: [space.spaceId, longClosed.spaceId] });
  });
  afterAll(() => app.close());

  const closedAgo = (hours: number) => iso(Date.now() - 24 * HOUR - hours * HOUR);

  it('accepts an offline post written before the close, flagged for the moderators', async () => {
    const late = newPost(space, { questionId: space.closedQuestionId, createdAt: closedAgo(2) });
    expect((await push(author.client, 'posts', [late])).body).toEqual([]);
    const seen = (await pullAll(moderator.client, 'posts')).get(late.id) as unknown as Pulled;
    expect(seen).toMatchObject({ status: 'pending', writtenBeforeClose: true });
    // A post in an open phase is not flagged, and the device cannot set the flag itself.
    const onTime = newPost(space, { writtenBeforeClose: true });
    await push(author.client, 'posts', [onTime]);
    const onTimeSeen = (await pullAll(moderator.client, 'posts')).get(onTime.id) as unknown as Pulled;
    expect(onTimeSeen.writtenBeforeClose).toBe(false);
  });

  it('refuses a post written after the close, with the close date in the reason', async () => {
    const tooLate = newPost(space, { questionId: space.closedQuestionId, body: 'my words' });
    const res = await push<Pulled[]>(author.client, 'posts', [tooLate]);
    expect(res.body[0]).toMatchObject({
      id: tooLate.id,
      body: 'my words',
      status: 'rejected',
      refusal: { code: 'phase_closed' },
    });
    expect(res.body[0]!.refusal!.message).toMatch(/closed on \d{4}-\d\d-\d\dT/);
    expect((await pullAll(author.client, 'posts')).has(tooLate.id)).toBe(false);
  });

  it('refuses a post claiming a time in the future of the server', async () => {
    const future = newPost(space, {
      questionId: space.closedQuestionId,
      createdAt: iso(Date.now() + 48 * HOUR),
    });
    const res = await push<Pulled[]>(other.client, 'posts', [future]);
    expect(res.body[0]).toMatchObject({ refusal: { code: 'phase_closed' } });
  });

  it('refuses a post written before the close once 72 hours have passed', async () => {
    const stale = newPost(longClosed, {
      questionId: longClosed.closedQuestionId,
      createdAt: iso(Date.now() - 100 * HOUR),
    });
    const res = await push<Pulled[]>(author.client, 'posts', [stale]);
    expect(res.body[0]).toMatchObject({ status: 'rejected', refusal: { code: 'phase_closed' } });
  });

  it('refuses an edit of a late post after the close (an edit cannot prove when it was written)', async () => {
    const late = newPost(space, { questionId: space.closedQuestionId, createdAt: closedAgo(1) });
    await push(author.client, 'posts', [late]);
    const master = (await pullAll(author.client, 'posts')).get(late.id) as unknown as Pulled;
    const { _deleted: _, ...assumed } = master;
    const res = await push<Pulled[]>(author.client, 'posts', [{ ...assumed, body: 'edited later' }], assumed);
    expect(res.body[0]).toMatchObject({ id: late.id, refusal: { code: 'phase_closed' } });
    expect(res.body[0]!.body).toBe(late.body);
  });
});
