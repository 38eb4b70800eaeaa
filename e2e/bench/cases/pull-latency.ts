import http from 'node:http';
import type { Corpus } from '../corpus';
import { growPosts } from '../parley/seed';
import { startParleyServer } from '../parley/server';
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
 */
export async function pullLatency(
  corpus: Corpus,
  sizes: readonly number[],
  samples = 400,
): Promise<CaseResult> {
  const server = await startParleyServer('parley_bench_scale');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(server.url);
  const parley: Figures = {};
  try {
    await server.reseed(corpus);
    // A fixed sequence of checkpoints, so every size is measured the same way.
    let x = 12_345;
    const nextRandom = () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (const size of sizes) {
      const have = await growPosts(server.db, size);
      const seqs: number[] = [];
      for (let i = 0; i < WARMUP; i++)
        await timedPull(agent, base, Math.floor(nextRandom() * (have - BATCH)));
      for (let i = 0; i < samples; i++)
        seqs.push(await timedPull(agent, base, Math.floor(nextRandom() * (have - BATCH))));
      seqs.sort((a, b) => a - b);
      const memory = memoryOf(server.pid);
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1_000}k`;
      parley[`p50Ms@${label}`] = round(percentile(seqs, 50), 1);
      parley[`p99Ms@${label}`] = round(percentile(seqs, 99), 1);
      parley[`rssMb@${label}`] = memory.rssMb;
      parley[`peakRssMb@${label}`] = memory.peakRssMb;
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`);
  const p99First = parley[`p99Ms@${label(first)}`] as number;
  const p99Last = parley[`p99Ms@${label(last)}`] as number;
  return {
    name: `server pull latency, batch ${BATCH}, PostgreSQL`,
    parley,
    peer: null,
    ratio: { [`p99 ${label(last)} ÷ ${label(first)}`]: round(p99Last / p99First, 2) },
  };
}
