import { BENCH_PASSWORD, type Corpus } from '../corpus';
import { ParleyWriter } from '../parley/writer';
import { seedPeer, writePeerPost } from '../peer/seed';
import { wallNow, type DeviceMessage, type DeviceProcess } from '../processes';
import {
  linkFigures,
  median,
  parleyDevice,
  PEER_VARIANTS,
  peerDevice,
  round,
  times,
  withDevice,
  type CaseResult,
  type Figures,
  type LinkBench,
  type PeerVariant,
} from './context';

interface DocReply extends DeviceMessage {
  at: number;
  requests: number;
}

/**
 * Latency from the moment another participant's write is sent to the server until the post is
 * stored on an idle device that was already in sync: `samples` posts, a second apart.
 */
async function measure(
  device: DeviceProcess,
  link: LinkBench['parleyLink'],
  write: (post: Corpus['posts'][number]) => Promise<void>,
  posts: Corpus['posts'],
): Promise<Figures> {
  await device.request({ type: 'start-live' }, 'live', 600_000);
  link.resetStats();
  const latencies: number[] = [];
  let requests = 0;
  for (const post of posts) {
    const sent = wallNow();
    await write(post);
    const reply = await device.request<DocReply>({ type: 'await-doc', id: post.id }, 'doc', 60_000);
    latencies.push(reply.at - sent);
    requests = reply.requests;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const stats = link.stats();
  return {
    medianMs: round(median(latencies)),
    maxMs: round(Math.max(...latencies)),
    requestsPerPost: round(requests / posts.length, 1),
    ...linkFigures({
      ...stats,
      bytesDown: stats.bytesDown / posts.length,
      bytesUp: stats.bytesUp / posts.length,
    }),
  };
}

export async function incremental(
  bench: LinkBench,
  corpus: Corpus,
  samples = 5,
  variants: readonly PeerVariant[] = PEER_VARIANTS,
): Promise<CaseResult> {
  // The seeded posts plus `samples` more that only the writer knows about yet.
  const seeded = { ...corpus, posts: corpus.posts.slice(0, -samples) };
  const fresh = corpus.posts.slice(-samples);

  await bench.parley.reseed(seeded);
  const writer = await ParleyWriter.signIn(bench.parley.url, 'writer@bench.test');
  // The idle device belongs to a moderator, who sees a new post as soon as it is written
  // (anyone else sees it once approved: the same stream, one decision later).
  const parley = await withDevice(
    parleyDevice(bench, { email: 'moderator@bench.test', password: BENCH_PASSWORD }),
    (d) => measure(d, bench.parleyLink, (post) => writer.push(post), fresh),
  );

  const peer: Record<string, Figures> = {};
  for (const variant of variants) {
    await seedPeer(bench.peer.url, seeded);
    peer[variant] = await withDevice(peerDevice(bench, variant), (d) =>
      measure(d, bench.peerLink, (post) => writePeerPost(bench.peer.url, post), fresh),
    );
  }
  const rtt = 2 * bench.profile.delayMs;
  return {
    name: 'one new post reaches an idle device',
    parley: { ...parley, budgetMs: rtt + 100 },
    peer,
    ratio: {
      fasterThanShipped: times(peer.shipped?.medianMs, parley.medianMs),
      fasterThanTuned: times(peer.tuned?.medianMs, parley.medianMs),
    },
  };
}
