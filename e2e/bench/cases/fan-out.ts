import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWER_HEADER } from '@parley/shared';
import { apiSession } from '../../support/server-api';
import { BENCH_PASSWORD, makeCorpus, type BenchPost } from '../corpus';
import { startParleyServer } from '../parley/server';
import { ParleyWriter } from '../parley/writer';
import { DeviceProcess, memoryOf, wallNow } from '../processes';
import { percentile, round, type CaseResult, type Figures } from './context';

const READERS = join(dirname(fileURLToPath(import.meta.url)), 'fan-out-readers.ts');
const FLOOR = join(dirname(fileURLToPath(import.meta.url)), 'fan-out-floor.ts');
/** The floor's frame: about the size of Parley's page of one approved post. */
const FLOOR_FRAME_BYTES = 1_024;
const DELIVERY_TIMEOUT_MS = 60_000;
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

/** CPU time the process has used so far, in milliseconds: in its own code (user) and in the kernel. */
function cpuMs(pid: number): { user: number; system: number } {
  // Fields after the command name (which is in parentheses and may hold spaces): utime is the
  // 14th field of the line, stime the 15th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return {
    user: (Number(fields[11]) * 1000) / TICKS_PER_SECOND,
    system: (Number(fields[12]) * 1000) / TICKS_PER_SECOND,
  };
}

/** Reader processes: one per core of the machine this was tuned on (2), apart from the driver's. */
const READER_PROCESSES = 2;

/**
 * The anonymous readers, split over READER_PROCESSES child processes (fan-out-readers.ts), so
 * reading 10,000 sockets competes neither with this driver's event loop nor with its timing.
 */
class Readers {
  private readonly workers = Array.from({ length: READER_PROCESSES }, () => new DeviceProcess(READERS, {}));

  async open(url: string, n: number): Promise<void> {
    const share = Math.ceil(n / this.workers.length);
    await Promise.all(
      this.workers.map((w, i) =>
        w.request({ type: 'open', url, n: Math.max(0, Math.min(share, n - i * share)) }, 'opened'),
      ),
    );
  }

  /** Arms every process for `id`; `delivered` settles at the moment (wallNow) the last stream had it. */
  async expect(id: string): Promise<{ delivered: Promise<number> }> {
    await Promise.all(this.workers.map((w) => w.request({ type: 'expect', id }, 'armed')));
    const delivered = Promise.all(
      this.workers.map((w) => w.next<{ type: string; at: number }>('delivered', DELIVERY_TIMEOUT_MS)),
    );
    return { delivered: delivered.then((all) => Math.max(...all.map((d) => d.at))) };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request({ type: 'close' }, 'closed').catch(() => undefined)));
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}

/**
 * One instance (PostgreSQL), `n` anonymous streams open, one post approved at a time: the time
 * until the LAST stream has it (p50/p99 over the posts), the server's CPU per post (its
 * /proc/<pid>/stat user + system time across the run, also apart, divided by the posts: the author's push,
 * the moderator's, the wake-ups and the writes to every stream), and its RSS with the streams
 * open. Each post is written pending by one participant and approved by the global moderator
 * through the push routes, as the app does.
 */
async function measure(
  server: { url: string; pid: number },
  n: number,
  posts: BenchPost[],
): Promise<Figures> {
  const writer = await ParleyWriter.signIn(server.url, 'writer@bench.test');
  const moderator = await apiSession(server.url, 'moderator@bench.test', BENCH_PASSWORD);
  const readers = new Readers();
  try {
    await readers.open(server.url, n);
    await new Promise((r) => setTimeout(r, 1_000));
    const lastMs: number[] = [];
    const cpuBefore = cpuMs(server.pid);
    for (const post of posts) {
      await writer.push(post);
      const { delivered } = await readers.expect(post.id);
      const started = wallNow();
      const res = await fetch(`${server.url}/api/sync/moderation/push`, {
        method: 'POST',
        headers: { ...moderator.pushHeaders, [VIEWER_HEADER]: moderator.id },
        body: JSON.stringify([{ assumedMasterState: null, newDocumentState: approval(post) }]),
      });
      const conflicts = (await res.json()) as unknown[];
      if (!res.ok || conflicts.length > 0) throw new Error(`approval refused: ${JSON.stringify(conflicts)}`);
      lastMs.push((await delivered) - started);
    }
    const cpuAfter = cpuMs(server.pid);
    const userPerPost = (cpuAfter.user - cpuBefore.user) / posts.length;
    const systemPerPost = (cpuAfter.system - cpuBefore.system) / posts.length;
    const sorted = lastMs.sort((a, b) => a - b);
    return {
      lastP50Ms: round(percentile(sorted, 50)),
      lastP99Ms: round(percentile(sorted, 99)),
      cpuMsPerPost: round(userPerPost + systemPerPost, 1),
      // The split says where the growth is: the server's JavaScript, or the kernel's socket
      // writes (on loopback these also carry the receiving side's TCP work).
      userCpuMsPerPost: round(userPerPost, 1),
      systemCpuMsPerPost: round(systemPerPost, 1),
      rssMb: memoryOf(server.pid).rssMb,
    };
  } finally {
    await readers.close();
    // Lets the server notice the closed sockets before the next size opens its own.
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/**
 * The same readers and the same number of events on the floor (fan-out-floor.ts): a bare server
 * that only writes one frame per connection. Its CPU per event at `n` streams is what any server
 * with one connection per device pays, whatever else it does.
 */
async function measureFloor(n: number, events: number): Promise<Figures> {
  const floor = new DeviceProcess(FLOOR, {});
  const readers = new Readers();
  try {
    const { url, pid } = await floor.request<{ type: string; url: string; pid: number }>(
      { type: 'listen' },
      'listening',
    );
    await readers.open(url, n);
    await new Promise((r) => setTimeout(r, 1_000));
    const lastMs: number[] = [];
    const before = cpuMs(pid);
    for (let i = 0; i < events; i++) {
      const id = crypto.randomUUID();
      const { delivered } = await readers.expect(id);
      const started = wallNow();
      await floor.request({ type: 'broadcast', id, bytes: FLOOR_FRAME_BYTES }, 'sent');
      lastMs.push((await delivered) - started);
    }
    const after = cpuMs(pid);
    const sorted = lastMs.sort((a, b) => a - b);
    return {
      lastP99Ms: round(percentile(sorted, 99)),
      cpuMsPerPost: round((after.user + after.system - before.user - before.system) / events, 1),
      userCpuMsPerPost: round((after.user - before.user) / events, 1),
      systemCpuMsPerPost: round((after.system - before.system) / events, 1),
    };
  } finally {
    await readers.close();
    await floor.stop();
  }
}

function approval(post: BenchPost) {
  return {
    id: crypto.randomUUID(),
    postId: post.id,
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
  };
}

const label = (n: number) => (n >= 1_000 ? `${n / 1_000}k` : String(n));

/**
 * Fan-out: 100, 1,000, 10,000 open streams on one instance. With groups (stream.ts, StreamGroup),
 * all anonymous streams share one pull per write, so the database work per post stays flat and
 * the CPU per post grows only with the bytes written to each socket. `compareSizes` are measured
 * again on a server with STREAM_FANOUT=off (each stream pulls for itself, as before the groups),
 * and every size on a bare server that only writes the frames (measureFloor), as the peer.
 */
export async function fanOut(
  sizes: readonly number[],
  compareSizes: readonly number[],
  postsPerSize: number,
): Promise<CaseResult> {
  const total = (sizes.length + compareSizes.length) * postsPerSize;
  const corpus = makeCorpus(100 + total);
  // Top-level posts: a reply to one the seeded hundred lacks would be refused.
  const fresh = corpus.posts.slice(100).map((p) => ({ ...p, parentId: null }));
  const seeded = { ...corpus, posts: corpus.posts.slice(0, 100) };
  const parley: Figures = {};
  const run = async (mode: 'on' | 'off', list: readonly number[]) => {
    if (list.length === 0) return;
    const server = await startParleyServer(`parley_bench_fanout_${mode}`, { STREAM_FANOUT: mode });
    try {
      await server.reseed(seeded);
      for (const n of list) {
        const figures = await measure(server, n, fresh.splice(0, postsPerSize));
        for (const [key, value] of Object.entries(figures))
          parley[`${key}@${label(n)}${mode === 'off' ? ' (fan-out off)' : ''}`] = value;
      }
    } finally {
      await server.stop();
    }
  };
  await run('on', sizes);
  await run('off', compareSizes);
  for (const n of sizes) {
    const figures = await measureFloor(n, postsPerSize);
    for (const [key, value] of Object.entries(figures)) parley[`${key}@${label(n)} (bare server)`] = value;
  }
  const first = label(sizes[0]!);
  const last = label(sizes.at(-1)!);
  const cpu = (key: string) => parley[key] as number | undefined;
  const ratio: Record<string, number | null> = {
    [`cpu per post ${last} ÷ ${first}`]: ratioOf(cpu(`cpuMsPerPost@${last}`), cpu(`cpuMsPerPost@${first}`)),
    [`user cpu per post ${last} ÷ ${first}`]: ratioOf(
      cpu(`userCpuMsPerPost@${last}`),
      cpu(`userCpuMsPerPost@${first}`),
    ),
  };
  // What is left above the floor: the part of the growth Parley's own work adds.
  ratio[`cpu per post at ${last}, Parley ÷ bare server`] = ratioOf(
    cpu(`cpuMsPerPost@${last}`),
    cpu(`cpuMsPerPost@${last} (bare server)`),
  );
  ratio[`bare server cpu per post ${last} ÷ ${first}`] = ratioOf(
    cpu(`cpuMsPerPost@${last} (bare server)`),
    cpu(`cpuMsPerPost@${first} (bare server)`),
  );
  const compared = compareSizes.at(-1);
  if (compared !== undefined) {
    const c = label(compared);
    ratio[`cpu per post at ${c}, off ÷ on`] = ratioOf(
      cpu(`cpuMsPerPost@${c} (fan-out off)`),
      cpu(`cpuMsPerPost@${c}`),
    );
  }
  return {
    name: `stream fan-out, ${sizes.map(label).join('/')} streams, PostgreSQL`,
    parley,
    peer: null,
    ratio,
  };
}

const ratioOf = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? round(a / b, 2) : null;
