import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { ECHO_HEADER, ECHO_STORED, type Moderation, type Post, type Question } from '@parley/shared';
import { apiSession } from './server-api';

/** A UUIDv7-shaped id (time-ordered like the app's), made here so the test needs no package. */
function uuidv7(): string {
  const hex = Date.now().toString(16).padStart(12, '0');
  const rest = randomUUID().replace(/-/g, '').slice(12);
  const raw = `${hex}7${rest.slice(1, 4)}${((parseInt(rest[4]!, 16) & 0x3) | 0x8).toString(16)}${rest.slice(5, 20)}`;
  return `${raw.slice(0, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}-${raw.slice(16, 20)}-${raw.slice(20, 32)}`;
}

export async function apiGet<T>(baseURL: string, path: string, cookie?: string): Promise<T> {
  const res = await fetch(baseURL + path, { headers: cookie ? { cookie } : {} });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** The demo space's questions, in order (the first is open for comments). */
export async function demoQuestions(baseURL: string): Promise<Question[]> {
  const page = await apiGet<{ documents: Question[] }>(baseURL, '/api/sync/questions/pull?limit=100');
  return page.documents.sort((a, b) => a.position - b.position);
}

/** Pushes posts as a participant would (one push request), through the replication route. */
export async function pushPosts(
  baseURL: string,
  email: string,
  question: Question,
  bodies: string[],
  lang = 'en',
  /** The comment each body answers (same order as `bodies`); none by default. */
  parentIds: readonly (string | null)[] = [],
): Promise<string[]> {
  const { pushHeaders } = await apiSession(baseURL, email);
  const docs: Post[] = bodies.map((body, i) => ({
    id: uuidv7(),
    spaceId: question.spaceId,
    questionId: question.id,
    parentId: parentIds[i] ?? null,
    authorId: null,
    authorName: '',
    authorOrganisation: null,
    anonymous: false,
    lang,
    body,
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
  }));
  const res = await fetch(`${baseURL}/api/sync/posts/push`, {
    method: 'POST',
    headers: pushHeaders,
    body: JSON.stringify(docs.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState }))),
  });
  const conflicts = (await res.json()) as unknown[];
  if (!res.ok || conflicts.length > 0)
    throw new Error(`push refused: ${res.status} ${JSON.stringify(conflicts)}`);
  return docs.map((d) => d.id);
}

/**
 * Approves pending posts as the moderator `email` would from the queue (one push request). Asks
 * for the stored rows back so it can refuse unless every decision was applied.
 */
export async function approvePosts(baseURL: string, email: string, postIds: string[]): Promise<void> {
  const { pushHeaders } = await apiSession(baseURL, email);
  const decisions: Moderation[] = postIds.map((postId) => ({
    id: uuidv7(),
    postId,
    spaceId: null,
    decision: 'approve',
    reason: null,
    reasonTemplateId: null,
    basedOnStatus: 'pending',
    moderatorId: null,
    moderatorName: null,
    createdAt: new Date().toISOString(),
    outcome: null,
    updatedAt: null,
  }));
  const res = await fetch(`${baseURL}/api/sync/moderation/push`, {
    method: 'POST',
    headers: { ...pushHeaders, [ECHO_HEADER]: ECHO_STORED },
    body: JSON.stringify(
      decisions.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })),
    ),
  });
  const stored = (await res.json()) as Moderation[];
  const outcomes = stored.map((m) => m.outcome);
  if (!res.ok || outcomes.length !== postIds.length || outcomes.some((o) => o !== 'applied'))
    throw new Error(`approval refused: ${res.status} ${JSON.stringify(stored)}`);
}

/** Posts the anonymous public receives (what "nobody else" could ever have seen). */
export async function publicBodies(baseURL: string): Promise<string[]> {
  const page = await apiGet<{ documents: (Post & { _deleted: boolean })[] }>(
    baseURL,
    '/api/sync/posts/pull?limit=1000',
  );
  return page.documents.filter((d) => !d._deleted).map((d) => d.body);
}

/**
 * Screenshots for a person to look at (SHOTS_DIR set): the phone as the test left it, then the
 * same screen at 320 px wide (the smallest phones).
 */
export async function shot(page: Page, name: string, view: boolean | Locator = true): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  // `view`: the whole page (true), the screen as it is (false), or the screen scrolled to a part.
  const take = async (width: number) => {
    if (typeof view !== 'boolean') await view.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: view === true });
  };
  await take(390);
  await page.setViewportSize({ width: 320, height: 640 });
  await take(320);
  if (size) await page.setViewportSize(size);
}
