/**
 * A child process hosting up to three simulated devices (RxDB allows 13 open collections per
 * process; a device opens four). Each device is the app's own database and replication
 * (AppDevice) and, once told to act, lives on its own: it writes posts and replies, a moderator
 * also decides, and its network comes and goes. Started by the chaos run with DeviceProcess.
 */
import type { Me, Post } from '@parley/shared';
import { addDecision, addPost } from '../../client/src/db/writes';
import { AppDevice } from '../bench/parley/app-device';
import { deviceConfig, serveCommands, sleep } from '../bench/device-side';
import { LANGS, makeBody } from '../bench/words';
import { randomFrom, type Random } from './random';
import type {
  CalmReport,
  DeviceSnapshot,
  DeviceSpec,
  WorkerConfig,
  WrittenDecision,
  WrittenPost,
} from './messages';

const config = deviceConfig<WorkerConfig>();

const canSee = (me: Me, post: Post) =>
  post.status === 'approved' ||
  post.authorId === me.id ||
  me.globalModerator ||
  me.moderatorOf.includes(post.spaceId);

class SimulatedDevice {
  readonly app: AppDevice;
  readonly posts: WrittenPost[] = [];
  readonly decisions: WrittenDecision[] = [];
  readonly leaks: CalmReport['leaks'] = [];
  offlinePeriods = 0;
  private acting = false;
  private loops: Promise<void>[] = [];
  private readonly decided = new Set<string>();

  constructor(
    readonly spec: DeviceSpec,
    private readonly random: Random,
  ) {
    this.app = new AppDevice({ baseUrl: config.baseUrl, name: `chaos-${spec.key}`, cookie: spec.cookie });
  }

  get me(): Me {
    return this.app.me!;
  }

  async open(): Promise<void> {
    await this.app.open();
    // The server may be slow to answer while twenty devices start at once: retry, as the app does.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.app.loadMe();
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(500);
      }
    }
    // Watch every document as it lands: text this person may not see must never arrive at all.
    this.app.db.posts.$.subscribe((event) => {
      if (event.operation === 'DELETE') return;
      const post = event.documentData as unknown as Post & { _deleted?: boolean };
      if (post._deleted || post.body === '' || canSee(this.me, post)) return;
      this.leaks.push({ device: this.spec.key, postId: post.id, status: post.status });
    });
    const sync = this.app.start();
    await sync.awaitInitial();
  }

  act(): void {
    this.acting = true;
    this.loops = [this.writeLoop(), this.networkLoop()];
  }

  async calm(): Promise<void> {
    this.acting = false;
    await Promise.all(this.loops);
    this.app.goOnline();
    this.app.sync?.reSync();
  }

  private async writeLoop(): Promise<void> {
    while (this.acting) {
      await sleep(this.random.between(...config.pace.actionMs));
      if (!this.acting) break;
      if (this.spec.role === 'moderator' && this.random.next() < 0.7 && (await this.decide())) continue;
      await this.write();
    }
  }

  /** Online for a while, then offline for a while: a phone on a bus. */
  private async networkLoop(): Promise<void> {
    while (this.acting) {
      await this.sleepWhileActing(this.random.between(...config.pace.onlineMs));
      if (!this.acting) break;
      this.app.goOffline();
      this.offlinePeriods++;
      await this.sleepWhileActing(this.random.between(...config.pace.offlineMs));
      this.app.goOnline();
    }
  }

  private async sleepWhileActing(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.acting && Date.now() < until) await sleep(Math.min(250, until - Date.now()));
  }

  /** A new post on an open question, or a reply to a post this person can see. */
  private async write(): Promise<void> {
    const db = this.app.db;
    const n = this.posts.length + 1;
    const tag = `[chaos ${this.spec.key}#${n}]`;
    let parent: Post | undefined;
    if (this.random.next() < 0.35) {
      const approved = await db.posts
        .find({ selector: { status: 'approved', questionId: { $in: config.questionIds } } })
        .exec();
      parent = approved.length > 0 ? (this.random.pick(approved).toJSON() as Post) : undefined;
    }
    const questionId = parent?.questionId ?? this.random.pick(config.questionIds);
    const question = await db.questions.findOne(questionId).exec();
    if (!question) return; // not replicated yet
    // Text in the demo space's languages, with the tag that finds this post again on the server.
    const lang = this.random.pick(LANGS);
    const result = await addPost(db, this.me, {
      spaceId: question.spaceId,
      questionId,
      parentId: parent?.id ?? null,
      body: `${makeBody(() => this.random.next(), lang, this.random.between(40, 600))} ${tag}`,
      anonymous: this.random.next() < 0.1,
      lang,
    });
    if (!result.ok) throw new Error(`addPost: ${result.problem}`);
    this.posts.push({
      device: this.spec.key,
      id: result.id,
      tag,
      parentId: parent?.id ?? null,
      reply: parent !== undefined,
    });
  }

  /** Approve or reject a pending post, or hide a published one; false when there is none. */
  private async decide(): Promise<boolean> {
    const db = this.app.db;
    const hide = this.random.next() < 0.15;
    const candidates = (await db.posts.find({ selector: { status: hide ? 'approved' : 'pending' } }).exec())
      .map((d) => d.toJSON() as Post)
      .filter((p) => !this.decided.has(p.id) && p.authorId !== this.me.id);
    if (candidates.length === 0) return false;
    const post = this.random.pick(candidates);
    const decision = hide ? 'hide' : this.random.next() < 0.65 ? 'approve' : 'reject';
    const result = await addDecision(db, {
      postId: post.id,
      decision,
      reason: decision === 'approve' ? null : 'Off topic (chaos run).',
      basedOnStatus: post.status,
    });
    if (!result.ok) throw new Error(`addDecision: ${result.problem}`);
    this.decided.add(post.id);
    this.decisions.push({ device: this.spec.key, id: result.id, postId: post.id, decision });
    return true;
  }

  async snapshot(): Promise<DeviceSnapshot> {
    const posts = (await this.app.db.posts.find().exec()).map((d) => {
      const p = d.toJSON() as Post;
      return { id: p.id, status: p.status, body: p.body, refusal: p.refusal?.code ?? null };
    });
    const decisions = this.app.moderator
      ? (await this.app.db.moderation.find().exec()).map((d) => ({ id: d.id, outcome: d.outcome ?? null }))
      : [];
    return { key: this.spec.key, posts, decisions };
  }
}

const devices = config.devices.map(
  (spec, i) => new SimulatedDevice(spec, randomFrom(config.seed * 101 + i * 7919 + spec.key.length)),
);

serveCommands(async (message) => {
  switch (message.type) {
    case 'open':
      // One after the other: three RxDB databases starting at once on a busy core time out.
      for (const device of devices) await device.open();
      return { type: 'opened' };
    case 'act':
      for (const device of devices) device.act();
      return { type: 'acting' };
    case 'calm': {
      await Promise.all(devices.map((d) => d.calm()));
      const report: CalmReport = {
        type: 'calm',
        posts: devices.flatMap((d) => d.posts),
        decisions: devices.flatMap((d) => d.decisions),
        offlinePeriods: devices.reduce((n, d) => n + d.offlinePeriods, 0),
        leaks: devices.flatMap((d) => d.leaks),
      };
      return report;
    }
    case 'resync':
      // As the browser's `online` event would: probe now rather than at the end of a long backoff.
      for (const device of devices) {
        device.app.goOnline();
        device.app.sync?.reSync();
      }
      return { type: 'resynced' };
    case 'snapshot':
      return { type: 'snapshot', devices: await Promise.all(devices.map((d) => d.snapshot())) };
    case 'probe': {
      // What a device's storage holds for some ids, tombstones included: to investigate a difference.
      const device = devices.find((d) => d.spec.key === message.device);
      if (!device) return { type: 'probed', docs: [] };
      const docs = await device.app.db.posts.storageInstance.findDocumentsById(message.ids as string[], true);
      return {
        type: 'probed',
        docs: docs.map((d) => ({
          id: d.id,
          status: d.status,
          deleted: d._deleted,
          updatedAt: d.updatedAt,
          body: d.body.slice(0, 30),
        })),
      };
    }
    case 'stop':
      for (const device of devices) await device.app.stop();
      return { type: 'stopped' };
    default:
      throw new Error(`unknown command ${message.type}`);
  }
});
