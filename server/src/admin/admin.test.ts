import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Me, Space } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_DIR } from '../config/config';
import { childProcessEnv } from '../config/test-env';
import { uuidv7 } from '../db/uuid';
import { makeSpace, makeUser, pullAll, pullPage, push, type TestSpace } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';
import { AdminError, addUser, assignModeratorToSpace, removeModeratorFromSpace } from './commands';

let app: TestApp;
let space: TestSpace;
let slug: string;
beforeAll(async () => {
  app = await startTestApp();
  space = await makeSpace(app);
  slug = ((await pullAll(app.client(), 'spaces')).get(space.spaceId) as unknown as Space).slug;
});
afterAll(() => app.close());

let n = 0;
const email = () => `admin-test-${++n}-${Date.now()}@example.org`;
const PASSWORD = 'a good password';

const moderatorsOf = async (spaceId: string) =>
  ((await pullAll(app.client(), 'spaces')).get(spaceId) as unknown as Space).moderators;

async function signIn(address: string) {
  const client = app.client();
  const res = await client.post<Me>('/api/auth/login', { email: address, password: PASSWORD });
  expect(res.status).toBe(200);
  return res.body;
}

describe('admin commands', () => {
  it('user add creates a participant who can sign in', async () => {
    const address = email();
    expect(
      await addUser(app.ctx, { email: address, password: PASSWORD, name: 'Pat', role: 'participant' }),
    ).toMatch(/Created/);
    expect(await signIn(address)).toMatchObject({
      role: 'participant',
      globalModerator: false,
      moderatorOf: [],
    });
  });

  it('a moderator without --space is global and listed on every space; with --space, regional of one', async () => {
    const globalEmail = email();
    const regionalEmail = email();
    await addUser(app.ctx, { email: globalEmail, password: PASSWORD, name: 'Glo', role: 'moderator' });
    await addUser(app.ctx, {
      email: regionalEmail,
      password: PASSWORD,
      name: 'Reg',
      role: 'moderator',
      space: slug,
    });
    const glo = await signIn(globalEmail);
    const reg = await signIn(regionalEmail);
    expect(glo).toMatchObject({ globalModerator: true, moderatorOf: [] });
    expect(reg).toMatchObject({ globalModerator: false, moderatorOf: [space.spaceId] });
    const listed = await moderatorsOf(space.spaceId);
    expect(listed).toContainEqual({ userId: glo.id, displayName: 'Glo', level: 'global' });
    expect(listed).toContainEqual({ userId: reg.id, displayName: 'Reg', level: 'regional' });
  });

  it('refuses bad input with a clear message and creates nothing', async () => {
    const address = email();
    await addUser(app.ctx, { email: address, password: PASSWORD, name: 'Dup', role: 'participant' });
    await expect(
      addUser(app.ctx, { email: address, password: PASSWORD, name: 'Dup', role: 'participant' }),
    ).rejects.toThrow(/already exists/);
    await expect(
      addUser(app.ctx, { email: email(), password: PASSWORD, name: 'X', role: 'boss' }),
    ).rejects.toThrow(AdminError);
    const ghost = email();
    await expect(
      addUser(app.ctx, {
        email: ghost,
        password: PASSWORD,
        name: 'X',
        role: 'moderator',
        space: 'no-such-space',
      }),
    ).rejects.toThrow(/No space with slug "no-such-space"/);
    expect((await app.client().post('/api/auth/login', { email: ghost, password: PASSWORD })).status).toBe(
      401,
    );
    await expect(
      addUser(app.ctx, { email: email(), password: 'short', name: 'X', role: 'participant' }),
    ).rejects.toThrow(/password/);
  });

  it('moderator assign and remove change the space devices pull (its seq moves on)', async () => {
    const address = email();
    await addUser(app.ctx, {
      email: address,
      password: PASSWORD,
      name: 'Soon Moderator',
      role: 'participant',
    });
    const before = await pullPage(app.client(), 'spaces');

    await assignModeratorToSpace(app.ctx, { email: address, space: slug });
    const me = await signIn(address);
    expect(me).toMatchObject({ role: 'moderator', moderatorOf: [space.spaceId] });
    const after = await pullPage(app.client(), 'spaces', before.checkpoint);
    const changed = after.documents.find((d) => d.id === space.spaceId) as unknown as Space;
    expect(changed.moderators).toContainEqual({
      userId: me.id,
      displayName: 'Soon Moderator',
      level: 'regional',
    });

    await removeModeratorFromSpace(app.ctx, { email: address, space: slug });
    expect(await signIn(address)).toMatchObject({ role: 'participant', moderatorOf: [] });
    expect((await moderatorsOf(space.spaceId)).some((m) => m.userId === me.id)).toBe(false);
    await expect(removeModeratorFromSpace(app.ctx, { email: address, space: slug })).rejects.toThrow(
      AdminError,
    );
    await expect(assignModeratorToSpace(app.ctx, { email: email(), space: slug })).rejects.toThrow(/No user/);
  });

  it('moderator assign --question makes a moderator of that question only (by number or id)', async () => {
    const address = email();
    await addUser(app.ctx, { email: address, password: PASSWORD, name: 'Quentin', role: 'participant' });
    expect(await assignModeratorToSpace(app.ctx, { email: address, space: slug, question: '1' })).toMatch(
      /now moderates question 1 of/,
    );
    const me = await signIn(address);
    expect(me).toMatchObject({
      role: 'moderator',
      moderatorOf: [],
      moderatorOfQuestions: [expect.any(String)],
    });
    const [questionId] = me.moderatorOfQuestions!;
    expect(
      await assignModeratorToSpace(app.ctx, { email: address, space: slug, question: questionId }),
    ).toMatch(/already moderates/);
    await expect(
      assignModeratorToSpace(app.ctx, { email: address, space: slug, question: '99' }),
    ).rejects.toThrow(/No question "99"/);
    await removeModeratorFromSpace(app.ctx, { email: address, space: slug, question: '1' });
    expect(await signIn(address)).toMatchObject({ role: 'participant', moderatorOfQuestions: [] });
  });
});

describe('npm run admin (a real child process)', () => {
  const run = promisify(execFile);
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', 'src/admin/cli.ts', ...args], {
      cwd: SERVER_DIR,
      env: childProcessEnv(env),
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-admin-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, adds a user, then refuses the same e-mail with exit code 1', async () => {
    // On PostgreSQL the command works on this file's database; else on a fresh PGlite DATA_DIR.
    const env: Record<string, string> = app.dbUrl ? { DATABASE_URL: app.dbUrl } : { DATA_DIR: dataDir };
    const address = email();
    const args = [
      'user',
      'add',
      '--email',
      address,
      '--password',
      PASSWORD,
      '--name',
      'Cli',
      '--role',
      'moderator',
    ];
    const first = await cli(args, env);
    expect(first.stderr).toBe('');
    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/Created .* \(global moderator\)/) as string,
    });
    if (app.dbUrl) expect(await signIn(address)).toMatchObject({ globalModerator: true });

    const again = await cli(args, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  }, 60_000);

  it('refuses to open an embedded database that another process holds, and exits 2 on a bad command', async () => {
    const busy = mkdtempSync(join(tmpdir(), 'parley-busy-'));
    writeFileSync(join(busy, 'pglite.pid'), JSON.stringify({ pid: process.pid, what: 'the Parley server' }));
    const res = await cli(['moderator', 'assign', '--email', 'a@example.org', '--space', 'x'], {
      DATA_DIR: busy,
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/in use by the Parley server/);
    rmSync(busy, { recursive: true, force: true });

    const bad = await cli(['user', 'delete'], { DATA_DIR: busy });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Usage/);
  }, 30_000);
});

describe('spaces and questions pushed by an administrator', () => {
  const newSpace = (): Space => ({
    id: uuidv7(),
    slug: `pushed-${Date.now()}`,
    title: { en: 'Pushed' },
    intro: { en: 'Intro' },
    audience: { en: 'All' },
    languages: ['en'],
    phases: [
      {
        id: uuidv7(),
        name: { en: 'P' },
        opensAt: new Date().toISOString(),
        closesAt: new Date().toISOString(),
        timeZone: 'UTC',
      },
    ],
    contactEmail: null,
    reasonTemplates: [],
    documents: [],
    announcement: null,
    deletionPolicy: 'keep',
    // Ignored: a space an administrator pushes starts as a draft, whatever the device says.
    status: 'published',
    // Ignored: a space's moderators come from the assignments.
    moderators: [{ userId: uuidv7(), displayName: 'Forged', level: 'global' }],
    updatedAt: null,
  });

  it('refuses a participant with 403 and stores nothing', async () => {
    const participant = await makeUser(app);
    const space = newSpace();
    const res = await push(participant.client, 'spaces', [space]);
    expect(res.status).toBe(403);
    expect((await pullAll(app.client(), 'spaces')).has(space.id)).toBe(false);
  });

  it('lets an admin create and edit a space and its questions; stale edits get the master back', async () => {
    const admin = await makeUser(app, { role: 'admin' });
    const space = newSpace();
    expect((await push(admin.client, 'spaces', [space])).body).toEqual([]);
    const stored = (await pullAll(admin.client, 'spaces')).get(space.id) as unknown as Space;
    expect(stored).toMatchObject({ slug: space.slug, title: { en: 'Pushed' }, status: 'draft' });
    expect(stored.moderators.some((m) => m.displayName === 'Forged')).toBe(false);

    const stale = await push<Space[]>(
      admin.client,
      'spaces',
      [{ ...space, title: { en: 'Renamed' } }],
      space,
    );
    expect(stale.body[0]).toMatchObject({ title: { en: 'Pushed' } });
    expect(
      (await push(admin.client, 'spaces', [{ ...stored, title: { en: 'Renamed' } }], stored)).body,
    ).toEqual([]);
    expect((await pullAll(admin.client, 'spaces')).get(space.id)).toMatchObject({ title: { en: 'Renamed' } });

    const question = {
      id: uuidv7(),
      spaceId: space.id,
      phaseId: space.phases[0]!.id,
      position: 0,
      title: { en: 'Why?' },
      body: { en: '' },
      updatedAt: null,
    };
    expect((await push(admin.client, 'questions', [question])).body).toEqual([]);
    expect((await pullAll(admin.client, 'questions')).get(question.id)).toMatchObject({
      title: { en: 'Why?' },
    });
  });
});
