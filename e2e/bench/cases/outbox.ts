import { BENCH_PASSWORD, type Corpus } from '../corpus';
import { PEER_DB, seedPeer } from '../peer/seed';
import type { DeviceMessage, DeviceProcess } from '../processes';
import {
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

const QUEUED = 10;

interface OnlineReply extends DeviceMessage {
  deliveredMs: number;
  confirmedMs: number;
  requests: number;
  byKind: Record<string, number>;
}

/**
 * A device in sync loses the link, its user writes QUEUED posts, the link comes back: time and
 * requests from the `online` event until the server has stored every queued post.
 */
async function measure(
  device: DeviceProcess,
  link: LinkBench['parleyLink'],
): Promise<{ figures: Figures; ids: string[] }> {
  await device.request({ type: 'start-live' }, 'live', 600_000);
  link.cut();
  const { ids } = await device.request<DeviceMessage & { ids: string[] }>(
    { type: 'write-offline', count: QUEUED },
    'written',
    60_000,
  );
  link.restore();
  link.resetStats();
  const reply = await device.request<OnlineReply>({ type: 'online', ids }, 'online', 120_000);
  return {
    ids,
    figures: {
      deliveredMs: round(reply.deliveredMs),
      confirmedOnDeviceMs: round(reply.confirmedMs),
      requests: reply.requests,
      ...linkFigures(link.stats()),
      byKind: reply.byKind,
    },
  };
}

export async function outbox(
  bench: LinkBench,
  corpus: Corpus,
  variants: readonly PeerVariant[] = PEER_VARIANTS,
): Promise<CaseResult> {
  await bench.parley.reseed(corpus);
  const parley = await withDevice(
    parleyDevice(bench, { email: 'writer@bench.test', password: BENCH_PASSWORD }),
    (d) => measure(d, bench.parleyLink),
  );
  const stored = await bench.parley.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM posts WHERE id = ANY($1::uuid[])',
    [parley.ids],
  );
  if (stored.rows[0]?.n !== QUEUED)
    throw new Error(`Parley stored ${String(stored.rows[0]?.n)} of ${QUEUED} posts`);

  const peer: Record<string, Figures> = {};
  for (const variant of variants) {
    await seedPeer(bench.peer.url, corpus);
    const run = await withDevice(peerDevice(bench, variant), (d) => measure(d, bench.peerLink));
    const res = await fetch(
      `${bench.peer.url}/${PEER_DB}/_all_docs?keys=${encodeURIComponent(JSON.stringify(run.ids))}`,
    );
    const rows = ((await res.json()) as { rows: { error?: string }[] }).rows;
    if (rows.filter((r) => !r.error).length !== QUEUED)
      throw new Error(`peer (${variant}) did not store every post`);
    peer[variant] = run.figures;
  }
  return {
    name: `outbox: ${QUEUED} posts written offline, delivered on reconnection`,
    parley: parley.figures,
    peer,
    ratio: {
      fasterThanShipped: times(peer.shipped?.deliveredMs, parley.figures.deliveredMs),
      fasterThanTuned: times(peer.tuned?.deliveredMs, parley.figures.deliveredMs),
      fewerRequestsThanShipped: times(peer.shipped?.requests, parley.figures.requests),
    },
  };
}
