import type { Moderation, Post, PullResponse, WithDeleted } from '@parley/shared';
import type { DeviceSnapshot, LocalPost, WrittenDecision, WrittenPost } from './messages';

/**
 * Everything one session may see of a collection, pulled from the server from scratch (no
 * checkpoint), page by page, straight from the server rather than through the faulty link.
 * Documents are keyed by id; `seen` counts how often each id came back (a pull must not repeat one).
 */
export async function pullAll<T extends { id: string }>(
  serverUrl: string,
  cookie: string,
  collection: 'posts' | 'moderation',
): Promise<{ docs: Map<string, WithDeleted<T>>; seen: Map<string, number> }> {
  const docs = new Map<string, WithDeleted<T>>();
  const seen = new Map<string, number>();
  let checkpoint: unknown = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000' });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    const res = await fetch(`${serverUrl}/api/sync/${collection}/pull?${query.toString()}`, {
      headers: { cookie, accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`pull ${collection}: HTTP ${res.status} ${await res.text()}`);
    const page = (await res.json()) as PullResponse<T>;
    for (const doc of page.documents) {
      docs.set(doc.id, doc);
      seen.set(doc.id, (seen.get(doc.id) ?? 0) + 1);
    }
    if (page.documents.length < 1000 || !page.checkpoint) break;
    checkpoint = page.checkpoint;
  }
  return { docs, seen };
}

/** What the server says one device may see: its visible posts, as the device should hold them. */
export async function serverViewOf(serverUrl: string, cookie: string): Promise<Map<string, LocalPost>> {
  const { docs } = await pullAll<Post>(serverUrl, cookie, 'posts');
  const view = new Map<string, LocalPost>();
  for (const doc of docs.values()) {
    if (doc._deleted) continue;
    view.set(doc.id, {
      id: doc.id,
      status: doc.status,
      body: doc.body,
      refusal: null,
      updatedAt: doc.updatedAt,
    });
  }
  return view;
}

export interface Difference {
  device: string;
  postId: string;
  /** missing: the server shows it, the device does not; extra: the other way; differs: both, not alike. */
  kind: 'missing' | 'extra' | 'differs';
  device_has?: string;
  server_has?: string;
}

/**
 * The device's posts against the server's view for it: same ids, same status, same text. A post
 * the server refused (it comes back to its author as rejected, with the reason, and is not
 * stored) stays on the author's device by design and is left out here; it is counted as refused.
 */
export function compareView(
  snapshot: DeviceSnapshot,
  server: Map<string, LocalPost>,
  own: Set<string>,
): { differences: Difference[]; refused: Map<string, string> } {
  const differences: Difference[] = [];
  const refused = new Map<string, string>();
  const local = new Map(snapshot.posts.map((p) => [p.id, p]));
  for (const post of local.values()) {
    const truth = server.get(post.id);
    if (!truth) {
      if (post.refusal && own.has(post.id)) refused.set(post.id, post.refusal);
      else
        differences.push({ device: snapshot.key, postId: post.id, kind: 'extra', device_has: post.status });
    } else if (truth.status !== post.status || truth.body !== post.body) {
      differences.push({
        device: snapshot.key,
        postId: post.id,
        kind: 'differs',
        device_has: `${post.status}: ${post.body.slice(0, 40)}`,
        server_has: `${truth.status}: ${truth.body.slice(0, 40)}`,
      });
    }
  }
  for (const id of server.keys()) {
    const truth = server.get(id)!;
    if (!local.has(id))
      differences.push({
        device: snapshot.key,
        postId: id,
        kind: 'missing',
        server_has: `${truth.status} seq ${truth.seq ?? '?'} updated ${truth.updatedAt ?? '?'}`,
      });
  }
  return { differences, refused };
}

/**
 * Text on a device that its user may not read: a post that is not published, not theirs, and
 * not in a space they moderate, with its body still there. The server's view for the device is
 * the judge: whatever it would not send with text must not be on the device with text.
 */
export function leaksOn(
  snapshot: DeviceSnapshot,
  server: Map<string, LocalPost>,
  own: Set<string>,
): string[] {
  return snapshot.posts
    .filter((p) => p.body !== '' && !own.has(p.id) && p.status !== 'approved' && !server.has(p.id))
    .map((p) => p.id);
}

export interface Ledger {
  /** Posts written on a device and neither stored on the server nor refused by it. */
  lost: WrittenPost[];
  /** Tags found on more than one stored post (the same post stored twice under two ids). */
  duplicated: string[];
  /** Ids a from-scratch pull returned more than once. */
  repeatedInPull: string[];
  lostDecisions: WrittenDecision[];
  /** Refusals the server had no reason for: a reply refused while its parent is still published. */
  unexplainedRefusals: string[];
  decisionOutcomes: Record<string, number>;
}

/**
 * Every post and decision written, checked against the whole server as the global moderator
 * sees it (every post of every space, pending and rejected text included, and every decision).
 */
export async function ledger(
  serverUrl: string,
  globalCookie: string,
  posts: WrittenPost[],
  decisions: WrittenDecision[],
  refused: Map<string, string>,
): Promise<Ledger> {
  const all = await pullAll<Post>(serverUrl, globalCookie, 'posts');
  const byTag = new Map<string, number>();
  for (const doc of all.docs.values()) {
    const tag = /\[chaos [^\]]+\]$/.exec(doc.body)?.[0];
    if (tag) byTag.set(tag, (byTag.get(tag) ?? 0) + 1);
  }
  const lost = posts.filter((p) => {
    const stored = all.docs.get(p.id);
    return !refused.has(p.id) && (!stored || stored._deleted || !stored.body.endsWith(p.tag));
  });
  const log = await pullAll<Moderation>(serverUrl, globalCookie, 'moderation');
  const outcomes: Record<string, number> = {};
  for (const d of decisions) {
    const outcome = log.docs.get(d.id)?.outcome ?? 'missing';
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return {
    lost,
    duplicated: [...byTag].filter(([, n]) => n > 1).map(([tag]) => tag),
    repeatedInPull: [...all.seen, ...log.seen].filter(([, n]) => n > 1).map(([id]) => id),
    lostDecisions: decisions.filter((d) => !log.docs.has(d.id)),
    unexplainedRefusals: posts
      .filter((p) => refused.has(p.id))
      .filter((p) => {
        // The one refusal expected here: a reply whose parent a moderator hid meanwhile.
        const parent = all.docs.get(p.parentId ?? '');
        return refused.get(p.id) !== 'unknown_parent' || parent?.status !== 'hidden';
      })
      .map((p) => {
        const parent = all.docs.get(p.parentId ?? '');
        return `${p.id} ${refused.get(p.id)} (parent ${p.parentId}: ${parent ? parent.status : 'absent'})`;
      }),
    decisionOutcomes: outcomes,
  };
}
