import { randomBytes } from 'node:crypto';
import {
  ECHO_HEADER,
  ECHO_STORED,
  type CollectionName,
  type Decision,
  type Moderation,
  type Post,
  type PostStatus,
  type Role,
  type Space,
} from '@parley/shared';
import { insertSession, insertUser } from '../auth/auth-repository';
import { hashPassword } from '../auth/password';
import { hashSessionToken, newSessionToken, SESSION_COOKIE } from '../auth/session-token';
import { uuidv7 } from '../db/uuid';
import { writeTx } from '../db/write';
import { assignModerator } from '../spaces/moderator-assignments';
import { upsertQuestion, upsertSpace } from '../spaces/space-repository';
import type { TestClient } from './http-client';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString('hex');

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
  client: TestClient;
}

/**
 * A user with a signed-in client. Sessions are written directly (sign-in itself is tested in
 * auth.test.ts) and the password hash is computed once per file: scrypt is deliberately slow.
 */
export async function makeUser(
  app: TestApp,
  options: { role?: Role; name?: string; moderates?: 'global' | string[] } = {},
): Promise<TestUser> {
  const displayName = options.name ?? `User ${unique()}`;
  const user = await insertUser(app.db, {
    id: uuidv7(),
    email: `u-${unique()}@example.org`,
    displayName,
    passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
    role: options.role ?? (options.moderates ? 'moderator' : 'participant'),
    lang: 'en',
  });
  if (!user) throw new Error('e-mail clash');
  if (options.moderates === 'global') await assignModerator(app.ctx, user.id, null);
  for (const spaceId of options.moderates === 'global' ? [] : (options.moderates ?? [])) {
    await assignModerator(app.ctx, user.id, spaceId);
  }
  const token = newSessionToken();
  await insertSession(app.db, hashSessionToken(token), user.id, 3600);
  const client = app.client();
  client.cookies.set(SESSION_COOKIE, token);
  client.viewerId = user.id;
  return { id: user.id, email: user.email, displayName, client };
}

export interface TestSpace {
  spaceId: string;
  slug: string;
  /** A question whose phase is open now. */
  questionId: string;
  /** A question whose phase closed yesterday. */
  closedQuestionId: string;
}

const DAY = 86_400_000;

export async function makeSpace(
  app: TestApp,
  options: { reasonTemplates?: Space['reasonTemplates']; languages?: string[] } = {},
): Promise<TestSpace> {
  const now = Date.now();
  const open = {
    id: uuidv7(),
    name: { en: 'Open' },
    opensAt: iso(now - DAY),
    closesAt: iso(now + DAY),
    timeZone: 'UTC',
  };
  const closed = {
    id: uuidv7(),
    name: { en: 'Closed' },
    opensAt: iso(now - 3 * DAY),
    closesAt: iso(now - DAY),
    timeZone: 'UTC',
  };
  const space = {
    spaceId: uuidv7(),
    slug: `space-${unique()}`,
    questionId: uuidv7(),
    closedQuestionId: uuidv7(),
  };
  await writeTx(app.ctx, ['spaces', 'questions'], async (tx) => {
    await upsertSpace(tx, {
      id: space.spaceId,
      slug: space.slug,
      title: { en: 'A space' },
      intro: { en: 'Intro' },
      audience: { en: 'Everyone' },
      languages: options.languages ?? ['en'],
      phases: [closed, open],
      contactEmail: null,
      reasonTemplates: options.reasonTemplates ?? [],
    });
    for (const [id, phase] of [
      [space.questionId, open],
      [space.closedQuestionId, closed],
    ] as const) {
      await upsertQuestion(tx, {
        id,
        spaceId: space.spaceId,
        phaseId: phase.id,
        position: 0,
        title: { en: 'Q' },
        body: { en: 'Q' },
      });
    }
  });
  return space;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A post as a device would create it. */
export function newPost(space: TestSpace, overrides: Partial<Post> = {}): Post {
  return {
    id: uuidv7(),
    spaceId: space.spaceId,
    questionId: space.questionId,
    parentId: null,
    authorId: null,
    authorName: 'Me',
    authorOrganisation: null,
    anonymous: false,
    lang: 'en',
    body: `Text ${unique()}`,
    attachments: [],
    status: 'pending',
    moderationReason: null,
    moderationReasonTemplateId: null,
    onBehalfOf: null,
    mailNote: null,
    fromModerator: false,
    writtenBeforeClose: false,
    flags: [],
    createdAt: new Date().toISOString(),
    receivedAt: null,
    updatedAt: null,
    refusal: null,
    ...overrides,
  };
}

export const pushRows = (docs: object[], assumed: object | null = null) =>
  docs.map((newDocumentState) => ({ assumedMasterState: assumed, newDocumentState }));

export function push<T = unknown[]>(
  client: TestClient,
  collection: CollectionName,
  docs: object[],
  assumed?: object,
) {
  return client.post<T>(`/api/sync/${collection}/push`, pushRows(docs, assumed ?? null));
}

type Doc = { id: string; _deleted: boolean } & Record<string, unknown>;
interface PullBody {
  documents: Doc[];
  checkpoint: { seq: number; scope: string };
}

export async function pullPage(
  client: TestClient,
  collection: CollectionName,
  checkpoint: PullBody['checkpoint'] | null = null,
  limit = 1000,
) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
  const res = await client.get<PullBody>(`/api/sync/${collection}/pull?${query.toString()}`);
  if (res.status !== 200) throw new Error(`pull ${res.status}: ${res.text}`);
  return res.body;
}

/** Everything the viewer would hold after a full pull: the latest version of each document. */
export async function pullAll(client: TestClient, collection: CollectionName) {
  const docs = new Map<string, Doc>();
  let checkpoint: PullBody['checkpoint'] | null = null;
  for (;;) {
    const page: PullBody = await pullPage(client, collection, checkpoint, 100);
    for (const doc of page.documents) docs.set(doc.id, doc);
    if (page.documents.length === 0) return docs;
    checkpoint = page.checkpoint;
  }
}

export function decision(
  post: { id: string },
  decision: Decision,
  basedOnStatus: PostStatus,
  reason: string | null = null,
): Moderation {
  return {
    id: uuidv7(),
    postId: post.id,
    spaceId: null,
    decision,
    reason,
    reasonTemplateId: null,
    basedOnStatus,
    moderatorId: null,
    moderatorName: null,
    createdAt: new Date().toISOString(),
    outcome: null,
    updatedAt: null,
  };
}

/** A push as the app's replication sends it: asking for every stored row back (ECHO_HEADER). */
export function pushEcho<T = unknown[]>(client: TestClient, collection: CollectionName, docs: object[]) {
  return client.post<T>(`/api/sync/${collection}/push`, pushRows(docs, null), {
    headers: { [ECHO_HEADER]: ECHO_STORED },
  });
}

/** Pulls posts in small pages from a checkpoint until nothing is new; returns the ids in order. */
export async function drainPosts(
  client: TestClient,
  checkpoint: { seq: number; scope: string } | null,
  limit = 2,
) {
  const ids: string[] = [];
  for (;;) {
    const page = await pullPage(client, 'posts', checkpoint, limit);
    if (page.documents.length === 0) return { ids, checkpoint };
    ids.push(...page.documents.map((d) => d.id));
    checkpoint = page.checkpoint;
  }
}
