import { gzipSync } from 'node:zlib';
import type { Corpus } from '../corpus';
import { seedPeer } from '../peer/seed';
import type { DeviceMessage } from '../processes';
import {
  kb,
  linkFigures,
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

interface ColdReply extends DeviceMessage {
  ms: number;
  docs: number;
  requests: number;
  byKind: Record<string, number>;
}

/**
 * What no protocol can beat on this link: every document the device needs, gzipped as one
 * response, at the link's bandwidth, after the two round trips a first request costs (TCP
 * handshake, then request and response).
 */
async function physicalLimit(bench: LinkBench): Promise<{ ms: number; gzipKb: number; rawKb: number }> {
  const documents: unknown[] = [];
  let checkpoint: unknown = null;
  for (let page = 0; page < 10_000; page++) {
    const query = new URLSearchParams({ limit: '1000' });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    const res = await fetch(`${bench.parley.url}/api/sync/posts/pull?${query.toString()}`);
    const body = (await res.json()) as { documents: unknown[]; checkpoint: unknown };
    documents.push(...body.documents);
    checkpoint = body.checkpoint;
    if (body.documents.length < 1000) break;
  }
  const raw = Buffer.from(JSON.stringify(documents));
  const gzipped = gzipSync(raw).length;
  const { delayMs, downBps } = bench.profile;
  return { ms: 4 * delayMs + (gzipped * 8 * 1000) / downBps, gzipKb: kb(gzipped), rawKb: kb(raw.length) };
}

export async function coldSync(
  bench: LinkBench,
  corpus: Corpus,
  variants: readonly PeerVariant[] = PEER_VARIANTS,
): Promise<CaseResult> {
  const n = corpus.posts.length;
  await bench.parley.reseed(corpus);
  const limit = await physicalLimit(bench);

  bench.parleyLink.resetStats();
  const parleyRun = await withDevice(parleyDevice(bench), (d) =>
    d.request<ColdReply>({ type: 'cold' }, 'cold', 600_000),
  );
  if (parleyRun.docs !== n) throw new Error(`Parley device has ${parleyRun.docs} posts, expected ${n}`);
  const parley: Figures = {
    seconds: round(parleyRun.ms / 1000, 1),
    limitSeconds: round(limit.ms / 1000, 1),
    ofLimit: round(parleyRun.ms / limit.ms, 2),
    requests: parleyRun.requests,
    ...linkFigures(bench.parleyLink.stats()),
    payloadGzipKb: limit.gzipKb,
    payloadRawKb: limit.rawKb,
    byKind: parleyRun.byKind,
  };

  const peer: Record<string, Figures> = {};
  for (const variant of variants) {
    await seedPeer(bench.peer.url, corpus);
    bench.peerLink.resetStats();
    const run = await withDevice(peerDevice(bench, variant), (d) =>
      d.request<ColdReply>({ type: 'cold' }, 'cold', 900_000),
    );
    if (run.docs !== n) throw new Error(`peer device (${variant}) has ${run.docs} docs, expected ${n}`);
    peer[variant] = {
      seconds: round(run.ms / 1000, 1),
      requests: run.requests,
      ...linkFigures(bench.peerLink.stats()),
      byKind: run.byKind,
    };
  }
  return {
    name: `cold sync, ${n.toLocaleString('en')} posts`,
    parley,
    peer: variants.length > 0 ? peer : null,
    ratio: {
      fasterThanShipped: times(peer.shipped?.seconds, parley.seconds),
      fasterThanTuned: times(peer.tuned?.seconds, parley.seconds),
      fewerRequestsThanShipped: times(peer.shipped?.requests, parley.requests),
      fewerRequestsThanTuned: times(peer.tuned?.requests, parley.requests),
      ofPhysicalLimit: round(parleyRun.ms / limit.ms, 2),
    },
  };
}
