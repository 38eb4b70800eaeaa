import type { Corpus } from '../corpus';

export const PEER_DB = 'posts';

/** The peer's copy of a post: the same fields under CouchDB's `_id`. */
function toCouch(post: Corpus['posts'][number]): object {
  const { id, ...rest } = post;
  return { _id: id, ...rest };
}

async function couch(url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
  const body: unknown = await res.json();
  if (!res.ok && res.status !== 404)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${JSON.stringify(body)}`);
  return body;
}

/** Deletes and recreates the peer's database, then loads the posts with _bulk_docs (on loopback, not the link). */
export async function seedPeer(serverUrl: string, corpus: Corpus): Promise<void> {
  const db = `${serverUrl}/${PEER_DB}`;
  await couch(db, { method: 'DELETE' });
  await couch(db, { method: 'PUT' });
  for (let start = 0; start < corpus.posts.length; start += 2_000) {
    const docs = corpus.posts.slice(start, start + 2_000).map(toCouch);
    await couch(`${db}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs }) });
  }
}

/** One new post written on the server, as another device's replication would. */
export async function writePeerPost(serverUrl: string, post: Corpus['posts'][number]): Promise<void> {
  await couch(`${serverUrl}/${PEER_DB}/${post.id}`, { method: 'PUT', body: JSON.stringify(toCouch(post)) });
}
