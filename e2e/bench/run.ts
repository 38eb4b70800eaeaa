/**
 * `npm run bench [-- --quick]`: Parley against PouchDB + pouchdb-server, side by side, through
 * the same emulated link. Writes e2e/bench/results.json and results.md and prints the table.
 *
 *   full:    3G: cold sync of 10,000 posts, incremental, outbox; 2G: cold sync of 1,000 posts;
 *            pull latency at 10k/100k/1M rows; client bundle and Lighthouse. About 15 minutes.
 *            Stream fan-out at 100/1,000/10,000 open streams (100/1,000 again with STREAM_FANOUT=off).
 *   both:    a 2,000-comment thread opened, scrolled and searched on a 4× slower CPU
 *            (cases/big-thread.ts; alone: `npx tsx e2e/bench/cases/big-thread.ts`).
 *   --quick: 3G only, 1,000 posts, the peer tuned only (the stronger of its two variants),
 *            pull latency at 1k/10k, fan-out at 100/1,000, no Lighthouse. Under two minutes.
 *   --only fan-out: the fan-out case alone, merged into the existing results (with --quick: its sizes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientFirstScreen, ensureClientBuild } from './cases/client';
import { bigThread } from './cases/big-thread';
import { coldSync } from './cases/cold-sync';
import { fanOut } from './cases/fan-out';
import { PEER_VARIANTS, type CaseResult, type LinkBench, type PeerVariant } from './cases/context';
import { incremental } from './cases/incremental';
import { outbox } from './cases/outbox';
import { pullLatency } from './cases/pull-latency';
import { makeCorpus } from './corpus';
import { PROFILES, type LinkProfile } from './link/profiles';
import { startLinkProxy } from './link/proxy';
import { startParleyServer, type ParleyServer } from './parley/server';
import { startPeerServer, type PeerServer } from './peer/server';
import { checkTargets, toMarkdown, type BenchResults, type LinkedCase } from './report';

const quick = process.argv.includes('--quick');
const here = dirname(fileURLToPath(import.meta.url));

interface Plan {
  coldPosts: number;
  /** Posts already on the device in the idle-device cases. */
  idlePosts: number;
  samples: number;
  /** Peer variants measured in the cold sync (both in a full run). */
  coldVariants: readonly PeerVariant[];
  idleVariants: readonly PeerVariant[];
  cold2g: number | null;
  pullSizes: number[];
  pullSamples: number;
  lighthouse: boolean;
  /** Open streams in the fan-out case; the compared ones again with STREAM_FANOUT=off. */
  fanOutSizes: number[];
  fanOutCompared: number[];
  fanOutPosts: number;
}

const plan: Plan = quick
  ? {
      coldPosts: 1_000,
      idlePosts: 100,
      samples: 3,
      coldVariants: ['tuned'],
      idleVariants: ['tuned'],
      cold2g: null,
      pullSizes: [1_000, 10_000],
      pullSamples: 100,
      lighthouse: false,
      fanOutSizes: [100, 1_000],
      fanOutCompared: [100],
      fanOutPosts: 5,
    }
  : {
      coldPosts: 10_000,
      idlePosts: 1_000,
      samples: 5,
      coldVariants: PEER_VARIANTS,
      idleVariants: ['shipped', 'tuned'],
      cold2g: 1_000,
      pullSizes: [10_000, 100_000, 1_000_000],
      pullSamples: 1_000,
      lighthouse: true,
      fanOutSizes: [100, 1_000, 10_000],
      fanOutCompared: [100, 1_000],
      fanOutPosts: 20,
    };

async function withLink<T>(
  bench: Omit<LinkBench, 'parleyLink' | 'peerLink' | 'profile'>,
  profile: LinkProfile,
  fn: (b: LinkBench) => Promise<T>,
): Promise<T> {
  const parleyLink = await startLinkProxy(
    { host: '127.0.0.1', port: Number(new URL(bench.parley.url).port) },
    profile,
  );
  const peerLink = await startLinkProxy({ host: '127.0.0.1', port: bench.peer.port }, profile);
  try {
    return await fn({ ...bench, profile, parleyLink, peerLink });
  } finally {
    await parleyLink.close();
    await peerLink.close();
  }
}

/** A server whose stop() may be called again (on the way out after an error): it stops once. */
function stopsOnce<T extends { stop: () => Promise<void> }>(server: T): T {
  let stopped: Promise<void> | undefined;
  return { ...server, stop: () => (stopped ??= server.stop()) };
}

/**
 * `--only fan-out`: that case alone, merged into the existing results.json (replacing its earlier
 * figures; the other cases and the run's header stay as they were), targets recomputed.
 */
async function onlyFanOut(): Promise<void> {
  const file = join(here, 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  const result = await fanOut(plan.fanOutSizes, plan.fanOutCompared, plan.fanOutPosts);
  const cases = results.cases.filter((c) => !c.name.startsWith('stream fan-out'));
  cases.push({ ...result, link: null });
  const merged = { ...results, cases, targets: checkTargets(cases, PROFILES['3g']) };
  const markdown = toMarkdown(merged);
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(join(here, 'results.md'), `${markdown}\n`);
  console.info(`\n${markdown}\n\nMerged into e2e/bench/results.json and e2e/bench/results.md`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--only') && process.argv.includes('fan-out')) return onlyFanOut();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const cases: LinkedCase[] = [];
  const step = async (link: string | null, label: string, fn: () => Promise<CaseResult>) => {
    const t = performance.now();
    console.info(`▶ ${label}${link ? ` (${link})` : ''}…`);
    const result = await fn();
    cases.push({ ...result, link });
    console.info(`  done in ${Math.round((performance.now() - t) / 1000)} s`);
  };

  await ensureClientBuild();
  const main3g = PROFILES['3g'];
  // The servers start side by side (each waits mostly on its own process): the one behind the
  // link, the peer, and for the pull latency one fresh server per table size.
  const starts = await Promise.allSettled([
    startParleyServer('parley_bench_link'),
    startPeerServer(),
    ...plan.pullSizes.map((n) => startParleyServer(`parley_bench_scale_${n}`)),
  ]);
  const servers = starts.map((s) => (s.status === 'fulfilled' ? stopsOnce(s.value) : null));
  const stopAll = () => Promise.allSettled(servers.map((s) => (s ? s.stop() : Promise.resolve())));
  const failed = starts.find((s) => s.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const parley = servers[0] as ParleyServer;
  const peer = servers[1] as PeerServer;
  const scales = servers.slice(2) as ParleyServer[];
  // Interrupted (Ctrl-C, a time limit): stop the servers and drop the bench databases anyway.
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`${signal}: stopping the servers`);
    void stopAll().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    await withLink({ parley, peer }, main3g, async (b) => {
      await step(main3g.name, `cold sync of ${plan.coldPosts} posts`, () =>
        coldSync(b, makeCorpus(plan.coldPosts), plan.coldVariants),
      );
      await step(main3g.name, 'one new post on an idle device', () =>
        incremental(b, makeCorpus(plan.idlePosts), plan.samples, plan.idleVariants),
      );
      await step(main3g.name, 'outbox flush', () => outbox(b, makeCorpus(plan.idlePosts), plan.idleVariants));
    });
    if (plan.cold2g) {
      const n = plan.cold2g;
      await withLink({ parley, peer }, PROFILES['2g'], (b) =>
        step(PROFILES['2g'].name, `cold sync of ${n} posts`, () => coldSync(b, makeCorpus(n))),
      );
    }
    await step(null, 'client first screen', () => clientFirstScreen(parley.url, plan.lighthouse));
    // Its own server and database (one question of 2,000 comments); the same size in --quick.
    await step(null, 'big thread on a slow phone', () => bigThread());
    // The link's servers are stopped first: the pull latency has the machine to itself.
    await Promise.all([parley.stop(), peer.stop()]);
    await step(null, `pull latency at ${plan.pullSizes.join(', ')} posts`, () =>
      pullLatency(scales, makeCorpus(plan.pullSizes[0]!), plan.pullSizes, plan.pullSamples),
    );
    await Promise.all(scales.map((s) => s.stop()));
    await step(null, `stream fan-out at ${plan.fanOutSizes.join(', ')} streams`, () =>
      fanOut(plan.fanOutSizes, plan.fanOutCompared, plan.fanOutPosts),
    );
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    await stopAll();
  }

  const results: BenchResults = {
    link: { ...main3g, emulation: 'user-space shaping TCP proxy on loopback (e2e/bench/link/proxy.ts)' },
    quick,
    startedAt,
    durationSeconds: Math.round((performance.now() - started) / 1000),
    machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}`,
    cases,
    targets: checkTargets(cases, main3g),
  };
  const markdown = toMarkdown(results);
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(here, 'results.md'), `${markdown}\n`);
  console.info(`\n${markdown}\n\nWritten to e2e/bench/results.json and e2e/bench/results.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
