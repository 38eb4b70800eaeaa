import { startFaultProxy, type FaultAction, type FaultProxy } from '../support/fault-proxy';
import { startServer, type RunningServer } from '../support/server';
import { randomFrom } from './random';

export type FaultKind =
  'delay' | 'cut-request' | 'cut-response' | 'drop-response' | 'blackout' | 'server-kill';

export interface FaultRates {
  /** Share of requests held back 0.2–3 s. */
  delay: number;
  /** Share of requests cut while being sent (the server gets half a body). */
  cutRequest: number;
  /** Share of answers cut halfway (status line and part of the body arrive). */
  cutResponse: number;
  /** Share of requests the server handles in full whose answer never arrives. */
  dropResponse: number;
  /** Time between two periods with no link at all, and how long one lasts, in ms. */
  blackoutEveryMs: [number, number];
  blackoutMs: [number, number];
  /** Time between two SIGKILLs of the server, and the wait before it is started again, in ms. */
  killEveryMs: [number, number];
  downMs: [number, number];
}

/**
 * The network and the server misbehaving on a schedule: each request through the loopback proxy
 * draws its fate, the whole link drops now and then, and the server is killed with SIGKILL (no
 * clean shutdown) and started again on the same data and port. Counts every fault it injects.
 */
export class FaultSchedule {
  readonly counts: Record<FaultKind, number> = {
    delay: 0,
    'cut-request': 0,
    'cut-response': 0,
    'drop-response': 0,
    blackout: 0,
    'server-kill': 0,
  };
  restarts = 0;
  /** When the server was killed and back (ISO times), to line problems up with. */
  readonly events: string[] = [];
  private active = false;
  private loops: Promise<void>[] = [];
  private readonly random;

  private constructor(
    readonly proxy: FaultProxy,
    private server: RunningServer,
    private readonly restart: () => Promise<RunningServer>,
    private readonly rates: FaultRates,
    seed: number,
  ) {
    this.random = randomFrom(seed);
  }

  /** The server on a fixed port (it must come back where the proxy expects it) and the proxy. */
  static async start(
    serverOptions: { port: number; dataDir: string; env: Record<string, string> },
    rates: FaultRates,
    seed: number,
  ): Promise<FaultSchedule> {
    const launch = () =>
      startServer({
        dataDir: serverOptions.dataDir,
        env: { ...serverOptions.env, PORT: String(serverOptions.port) },
      });
    const server = await launch();
    const proxy = await startFaultProxy(serverOptions.port);
    return new FaultSchedule(proxy, server, launch, rates, seed);
  }

  /** The server's own address, for set-up and for checking what it holds (no faults there). */
  get serverUrl(): string {
    return this.server.url;
  }

  begin(): void {
    this.active = true;
    this.proxy.setRule(() => this.draw());
    this.loops = [this.blackouts(), this.kills()];
  }

  /** Stops injecting faults; a killed server is back up when this resolves. */
  async end(): Promise<void> {
    this.active = false;
    this.proxy.setRule(() => 'pass');
    await Promise.all(this.loops);
    this.proxy.setDown(false);
  }

  async close(): Promise<void> {
    await this.proxy.close();
    await this.server.stop({ keepData: true });
  }

  private draw(): FaultAction {
    const r = this.random.next();
    const { delay, cutRequest, cutResponse, dropResponse } = this.rates;
    const pick = (kind: FaultKind, action: FaultAction): FaultAction => {
      this.counts[kind]++;
      return action;
    };
    if (r < delay) return pick('delay', { delayMs: this.random.between(200, 3_000) });
    if (r < delay + cutRequest) return pick('cut-request', 'cut-request');
    if (r < delay + cutRequest + cutResponse) return pick('cut-response', 'cut-response');
    if (r < delay + cutRequest + cutResponse + dropResponse) return pick('drop-response', 'drop-response');
    return 'pass';
  }

  private async blackouts(): Promise<void> {
    while (await this.wait(this.random.between(...this.rates.blackoutEveryMs))) {
      this.counts.blackout++;
      this.proxy.setDown(true);
      await sleep(this.random.between(...this.rates.blackoutMs));
      this.proxy.setDown(false);
    }
  }

  private async kills(): Promise<void> {
    while (await this.wait(this.random.between(...this.rates.killEveryMs))) {
      this.counts['server-kill']++;
      this.events.push(`killed ${new Date().toISOString()}`);
      await this.server.stop({ keepData: true, signal: 'SIGKILL' });
      await sleep(this.random.between(...this.rates.downMs));
      this.server = await this.restart();
      this.restarts++;
      this.events.push(`back ${new Date().toISOString()}`);
    }
  }

  /** Sleeps while faults are on; false once they are off. */
  private async wait(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (this.active && Date.now() < until) await sleep(Math.min(200, until - Date.now()));
    return this.active;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
