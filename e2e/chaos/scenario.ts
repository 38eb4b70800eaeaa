import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Moderation } from '@parley/shared';
import { DeviceProcess } from '../bench/processes';
import { freePort } from '../support/fault-proxy';
import { freshDatabase, type FreshDatabase } from '../support/fresh-postgres';
import { castPeople } from './cast';
import { FaultSchedule, type FaultKind, type FaultRates } from './fault-schedule';
import type { CalmReport, DeviceSnapshot, Pace, WorkerConfig } from './messages';
import { compareView, leaksOn, ledger, pullAll, serverViewOf, type Difference } from './verify';

export interface ChaosOptions {
  participants: number;
  moderators: 1 | 2;
  /** RxDB's open-collection limit: a device opens four, so at most three per process. */
  devicesPerWorker: number;
  /** How long devices write and faults run. */
  chaosMs: number;
  /** How long devices get, once faults stop, to agree with the server. */
  convergeMs: number;
  rates: FaultRates;
  pace: Pace;
  seed: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  database: 'pglite' | 'postgres';
  devices: number;
  moderators: number;
  processes: number;
  postsWritten: number;
  replies: number;
  decisions: number;
  decisionOutcomes: Record<string, number>;
  offlinePeriods: number;
  faults: Record<FaultKind, number>;
  faultsTotal: number;
  requestsThroughProxy: number;
  restarts: number;
  /** Posts the server refused on purpose (e.g. a reply whose parent was hidden meanwhile). */
  refused: number;
  /** Why, by the server's refusal code. */
  refusedWhy: Record<string, number>;
  lost: number;
  duplicated: number;
  leaked: number;
  /** Devices whose view still differed from the server's when the convergence time ran out. */
  diverged: number;
  convergeMs: number;
  wallMs: number;
  /** The first few problems, to start an investigation from. */
  problems: string[];
}

const WORKER = fileURLToPath(new URL('./device-worker.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The chaos run: devices write and moderate through a faulty link while the server dies and
 * comes back; then faults stop, devices converge, and every post and view is checked against
 * the server. Runs on PGlite, or on a fresh PostgreSQL database when DATABASE_URL is set.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const log = (line: string) =>
    options.log?.(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-chaos-'));
  let database: FreshDatabase | undefined;
  let schedule: FaultSchedule | undefined;
  const workers: DeviceProcess[] = [];
  try {
    if (process.env.DATABASE_URL) database = await freshDatabase(process.env.DATABASE_URL);
    const env: Record<string, string> = {
      DEMO_SEED: 'true',
      // Twenty people behind one loopback address: per-IP limits would count them as one.
      RATE_LIMIT_SCALE: '0',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'chaos-session-secret-0123456789abcdef',
      ...(database ? { DATABASE_URL: database.url } : {}),
    };
    schedule = await FaultSchedule.start(
      { port: await freePort(), dataDir, env },
      options.rates,
      options.seed,
    );
    const serverUrl = schedule.serverUrl;
    log(`server on ${serverUrl} (${database ? 'PostgreSQL' : 'PGlite'}), proxy on ${schedule.proxy.url}`);

    const cast = await castPeople(serverUrl, dataDir, options.participants, options.moderators);
    // A moderator's device replicates every post of the space and the moderation log: each gets a
    // process of its own, as it would get a phone of its own; participants share, three at most.
    const groups = cast.devices.filter((d) => d.role === 'moderator').map((d) => [d]);
    const participants = cast.devices.filter((d) => d.role === 'participant');
    for (let i = 0; i < participants.length; i += options.devicesPerWorker)
      groups.push(participants.slice(i, i + options.devicesPerWorker));
    const groupOf = new Map(groups.flatMap((g, i) => g.map((d) => [d.key, i] as const)));
    for (const [i, devices] of groups.entries()) {
      const config: WorkerConfig = {
        baseUrl: schedule.proxy.url,
        devices,
        questionIds: cast.questionIds,
        seed: options.seed + i,
        pace: options.pace,
      };
      workers.push(new DeviceProcess(WORKER, config));
    }
    await Promise.all(workers.map((w) => w.request({ type: 'open' }, 'opened', 240_000)));
    log(
      `${cast.devices.length} devices in ${workers.length} processes, synced; chaos for ${options.chaosMs} ms`,
    );

    await Promise.all(workers.map((w) => w.request({ type: 'act' }, 'acting')));
    schedule.begin();
    await sleep(options.chaosMs);
    await schedule.end();
    const reports = await Promise.all(workers.map((w) => w.request<CalmReport>({ type: 'calm' }, 'calm')));
    const posts = reports.flatMap((r) => r.posts);
    const decisions = reports.flatMap((r) => r.decisions);
    log(`faults stopped: ${posts.length} posts, ${decisions.length} decisions written; converging`);

    // Converge: devices are online, the server is up; compare until they agree or time runs out.
    const cookies = new Map(cast.devices.map((d) => [d.key, d.cookie]));
    const moderatorKeys = new Set(cast.devices.filter((d) => d.role === 'moderator').map((d) => d.key));
    const ownBy = new Map<string, Set<string>>();
    for (const p of posts) (ownBy.get(p.device) ?? ownBy.set(p.device, new Set()).get(p.device)!).add(p.id);
    const calmAt = Date.now();
    let differences: Difference[] = [];
    let refused = new Map<string, string>();
    let snapshots: DeviceSnapshot[] = [];
    let views = new Map<string, Awaited<ReturnType<typeof serverViewOf>>>();
    for (;;) {
      snapshots = (
        await Promise.all(
          workers.map((w) =>
            w.request<{ type: string; devices: DeviceSnapshot[] }>({ type: 'snapshot' }, 'snapshot'),
          ),
        )
      ).flatMap((r) => r.devices);
      differences = [];
      refused = new Map();
      views = new Map();
      for (const snapshot of snapshots) {
        const cookie = cookies.get(snapshot.key)!;
        const view = await serverViewOf(serverUrl, cookie);
        views.set(snapshot.key, view);
        const compared = compareView(snapshot, view, ownBy.get(snapshot.key) ?? new Set());
        differences.push(...compared.differences);
        compared.refused.forEach((code, id) => refused.set(id, code));
        if (moderatorKeys.has(snapshot.key))
          differences.push(...(await compareDecisions(serverUrl, cookie, snapshot)));
      }
      if (differences.length === 0 || Date.now() - calmAt > options.convergeMs) break;
      await Promise.all(workers.map((w) => w.request({ type: 'resync' }, 'resynced')));
      await sleep(2_000);
    }
    const convergeMs = Date.now() - calmAt;
    log(`faults: ${schedule.events.join('; ')}`);
    log(`converged in ${convergeMs} ms with ${differences.length} differences left`);

    // Left-over differences: what the device's storage holds for them, tombstones included.
    for (const d of differences.slice(0, 10)) {
      const worker = workers[groupOf.get(d.device)!]!;
      const probe = await worker.request<{ type: string; docs: unknown[] }>(
        { type: 'probe', device: d.device, ids: [d.postId] },
        'probed',
      );
      log(`difference ${d.kind} ${d.device}:${d.postId}: device storage ${JSON.stringify(probe.docs)}`);
    }
    if (differences.length > 0 && database) {
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: database.url });
      await client.connect();
      const rows = await client.query(
        'SELECT id, status, seq, updated_at, was_public FROM posts WHERE id = ANY($1::uuid[])',
        [differences.map((d) => d.postId).filter((id) => !id.startsWith('decision'))],
      );
      await client.end();
      log(`on the server: ${JSON.stringify(rows.rows)}`);
    }

    const books = await ledger(serverUrl, cast.globalCookie, posts, decisions, refused);
    const finalLeaks = snapshots.flatMap((s) =>
      leaksOn(s, views.get(s.key)!, ownBy.get(s.key) ?? new Set()).map((id) => `${s.key}:${id}`),
    );
    const liveLeaks = reports.flatMap((r) => r.leaks.map((l) => `${l.device}:${l.postId}`));
    const leaked = new Set([...finalLeaks, ...liveLeaks]);
    const problems = [
      ...books.lost.map((p) => `lost post ${p.id} ${p.tag} of ${p.device}`),
      ...books.lostDecisions.map(
        (d) => `lost decision ${d.id} (${d.decision} on ${d.postId}) of ${d.device}`,
      ),
      ...books.duplicated.map((tag) => `duplicated ${tag}`),
      ...books.unexplainedRefusals.map((r) => `refused without reason ${r}`),
      ...books.repeatedInPull.map((id) => `pull repeated ${id}`),
      ...[...leaked].map((l) => `leaked ${l}`),
      ...differences.map(
        (d) => `${d.kind} ${d.device}:${d.postId} device=${d.device_has} server=${d.server_has}`,
      ),
    ];
    const faultsTotal = Object.values(schedule.counts).reduce((a, b) => a + b, 0);
    return {
      database: database ? 'postgres' : 'pglite',
      devices: cast.devices.length,
      moderators: moderatorKeys.size,
      processes: workers.length,
      postsWritten: posts.length,
      replies: posts.filter((p) => p.reply).length,
      decisions: decisions.length,
      decisionOutcomes: books.decisionOutcomes,
      offlinePeriods: reports.reduce((n, r) => n + r.offlinePeriods, 0),
      faults: { ...schedule.counts },
      faultsTotal,
      requestsThroughProxy: schedule.proxy.seen.length,
      restarts: schedule.restarts,
      refused: refused.size,
      refusedWhy: countBy([...refused.values()]),
      // A post refused for no reason is as good as lost to its author.
      lost: books.lost.length + books.lostDecisions.length + books.unexplainedRefusals.length,
      duplicated: books.duplicated.length + books.repeatedInPull.length,
      leaked: leaked.size,
      diverged: new Set(differences.map((d) => d.device)).size,
      convergeMs,
      wallMs: Date.now() - started,
      problems: problems.slice(0, 30),
    };
  } finally {
    await Promise.allSettled(workers.map((w) => w.stop()));
    await schedule?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const countBy = (items: string[]) =>
  items.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

/** A moderator's device holds the moderation log the server shows it, outcomes included. */
async function compareDecisions(
  serverUrl: string,
  cookie: string,
  snapshot: DeviceSnapshot,
): Promise<Difference[]> {
  const { docs } = await pullAll<Moderation>(serverUrl, cookie, 'moderation');
  const local = new Map(snapshot.decisions.map((d) => [d.id, d.outcome]));
  const differences: Difference[] = [];
  for (const doc of docs.values()) {
    if (doc._deleted) continue;
    if (!local.has(doc.id))
      differences.push({ device: snapshot.key, postId: `decision ${doc.id}`, kind: 'missing' });
    else if (local.get(doc.id) !== doc.outcome)
      differences.push({
        device: snapshot.key,
        postId: `decision ${doc.id}`,
        kind: 'differs',
        device_has: String(local.get(doc.id)),
        server_has: String(doc.outcome),
      });
  }
  for (const id of local.keys())
    if (!docs.has(id)) differences.push({ device: snapshot.key, postId: `decision ${id}`, kind: 'extra' });
  return differences;
}
