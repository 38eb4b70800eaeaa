import http from 'node:http';
import type { Corpus } from '../corpus';
import { growPosts } from '../parley/seed';
import type { ParleyServer } from '../parley/server';
import { memoryOf } from '../processes';
import { percentile, round, type CaseResult, type Figures } from './context';

const BATCH = 200;
const WARMUP = 30;

/** One pull on a kept-alive connection, gzip accepted as a browser would; resolves to its duration. */
function timedPull(agent: http.Agent, base: URL, afterSeq: number): Promise<number> {
  const checkpoint = JSON.stringify({ seq: afterSeq, scope: 'anon' });
  const path = `/api/sync/posts/pull?limit=${BATCH}&checkpoint=${encodeURIComponent(checkpoint)}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: base.hostname, port: base.port, path, agent, headers: { 'accept-encoding': 'gzip' } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
  });
}

/**
 * Server time for a pull of 200 posts from random checkpoints, directly on loopback (no link), as
 * the posts table grows: the cost must stay flat (an index range scan on seq, never a sort of the
 * table). PostgreSQL, Parley only: the peer has no equivalent at 1M documents in this budget.
 *
 * One fresh server and database per size (`servers[i]` holds `sizes[i]` posts), and the samples
 * interleaved, one pull at each size in turn: on a shared machine a busy moment then slows every
 * size alike, instead of landing in the p99 of whichever size was being measured.
 */
export async function pullLatency(
  servers: readonly ParleyServer[],
  corpus: Corpus,
  sizes: readonly number[],
  samples = 1_000,
): Promise<CaseResult> {
  const agents = servers.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`);
  const parley: Figures = {};
  try {
    const have: number[] = [];
    for (const [i, server] of servers.entries()) {
      await server.reseed(corpus);
      have.push(await growPosts(server.db, sizes[i]!));
    }
    // A fixed sequence of checkpoints, so every run is measured the same way.
    let x = 12_345;
    const nextRandom = () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const timings: number[][] = sizes.map(() => []);
    for (let round = -WARMUP; round < samples; round++) {
      for (const [i, server] of servers.entries()) {
        const afterSeq = Math.floor(nextRandom() * (have[i]! - BATCH));
        const ms = await timedPull(agents[i]!, new URL(server.url), afterSeq);
        if (round >= 0) timings[i]!.push(ms);
      }
    }
    for (const [i, size] of sizes.entries()) {
      const sorted = timings[i]!.sort((a, b) => a - b);
      const memory = memoryOf(servers[i]!.pid);
      parley[`p50Ms@${label(size)}`] = round(percentile(sorted, 50), 1);
      parley[`p99Ms@${label(size)}`] = round(percentile(sorted, 99), 1);
      parley[`rssMb@${label(size)}`] = memory.rssMb;
      parley[`peakRssMb@${label(size)}`] = memory.peakRssMb;
    }
  } finally {
    agents.forEach((agent) => agent.destroy());
  }
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  const p99First = parley[`p99Ms@${label(first)}`] as number;
  const p99Last = parley[`p99Ms@${label(last)}`] as number;
  return {
    name: `server pull latency, batch ${BATCH}, PostgreSQL`,
    parley,
    peer: null,
    ratio: { [`p99 ${label(last)} ÷ ${label(first)}`]: round(p99Last / p99First, 2) },
  };
}
