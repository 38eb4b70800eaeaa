import { useEffect, useSyncExternalStore } from 'react';
import type { Post } from '@parley/shared';

/**
 * What this device last asked the server to do with one of the author's posts that the server
 * already had. RxDB resolves a conflict by taking the server's version (master wins), which would
 * silently drop an edit or a withdrawal based on an older version (a moderator decided while the
 * phone was offline). Remembering the request here lets the author see that, and try again with
 * their text.
 */
export type SentChange =
  | { kind: 'edit'; body: string; lang: string; anonymous: boolean; at: string }
  | { kind: 'withdraw'; at: string };

export type ChangeOutcome = 'waiting' | 'applied' | 'conflict';

/** Where the request stands, judged from the post as the device now holds it. */
export function changeOutcome(
  post: Pick<Post, 'receivedAt' | 'status' | 'body' | 'lang' | 'anonymous'>,
  change: SentChange,
): ChangeOutcome {
  // The server has not answered yet: the post is still the device's own version.
  if (post.receivedAt === null) return 'waiting';
  if (change.kind === 'withdraw') return post.status === 'withdrawn' ? 'applied' : 'conflict';
  const same = post.body === change.body && post.lang === change.lang && post.anonymous === change.anonymous;
  // A post withdrawn meanwhile (from another device) cannot be edited: nothing to try again.
  return same || post.status === 'withdrawn' ? 'applied' : 'conflict';
}

/** Whether the device can stop remembering it: the answer is in and nothing is left to show. */
export function settled(post: Pick<Post, 'status'>, outcome: ChangeOutcome, change: SentChange): boolean {
  if (outcome !== 'applied') return false;
  // "Edited — waiting for moderation" is shown until a moderator decides.
  return change.kind === 'withdraw' || post.status !== 'pending';
}

const KEY = 'parley.sentChanges';
const CHANGED = 'parley:sent-changes';
type Stored = Record<string, SentChange>;

function read(): Stored {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : {};
  } catch {
    return {};
  }
}

let cache: { raw: string | null; value: Stored } | null = null;
function snapshot(): Stored {
  let raw: string | null = null;
  try {
    raw = globalThis.localStorage?.getItem(KEY) ?? null;
  } catch {
    // storage refused: nothing remembered
  }
  if (!cache || cache.raw !== raw) cache = { raw, value: read() };
  return cache.value;
}

function write(update: (all: Stored) => Stored): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(update(read())));
  } catch {
    // storage refused: the change itself is in RxDB; only the after-the-fact notice is lost
  }
  globalThis.dispatchEvent?.(new Event(CHANGED));
}

export function rememberChange(postId: string, change: SentChange): void {
  write((all) => ({ ...all, [postId]: change }));
}

export function forgetChange(postId: string): void {
  if (!(postId in read())) return;
  write((all) => {
    const { [postId]: _, ...rest } = all;
    return rest;
  });
}

function subscribe(listener: () => void): () => void {
  const onStorage = (e: StorageEvent) => e.key === KEY && listener();
  globalThis.addEventListener?.(CHANGED, listener);
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    globalThis.removeEventListener?.(CHANGED, listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

/** The change sent for this post and where it stands; forgotten once settled. */
export function useSentChange(post: Post): { change: SentChange; outcome: ChangeOutcome } | null {
  const change = useSyncExternalStore(subscribe, () => snapshot()[post.id]) ?? null;
  const outcome = change ? changeOutcome(post, change) : null;
  const done = change !== null && outcome !== null && settled(post, outcome, change);
  useEffect(() => {
    if (done) forgetChange(post.id);
  }, [done, post.id]);
  return change && outcome && !done ? { change, outcome } : null;
}
