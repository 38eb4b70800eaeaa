import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** A port nobody listens on right now (for servers that cannot be told to pick their own). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Polls a URL until it answers 2xx, for at most `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** A wall clock shared by every process on the machine, with sub-millisecond resolution. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

export async function stopProcess(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

export interface DeviceMessage {
  type: string;
  [key: string]: unknown;
}

/**
 * A simulated device in its own Node process (RxDB allows 13 open collections per process, and
 * a device must not share an event loop with the servers or the link it is measured through).
 * Talks to the bench over IPC: the bench sends commands, the device answers with results.
 */
export class DeviceProcess {
  private readonly child: ChildProcess;
  private readonly inbox: DeviceMessage[] = [];
  private waiter: (() => void) | null = null;
  private exit: string | null = null;
  private stderr = '';

  constructor(script: string, config: unknown) {
    this.child = fork(script, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_DEVICE: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4_000);
    });
    this.child.on('message', (m) => {
      this.inbox.push(m as DeviceMessage);
      this.waiter?.();
    });
    this.child.on('exit', (code, signal) => {
      this.exit = `device exited (${code ?? signal})`;
      this.waiter?.();
    });
  }

  send(message: DeviceMessage): void {
    this.child.send(message);
  }

  /** The next message of this type (earlier ones of other types are kept), or an error after timeoutMs. */
  async next<T extends DeviceMessage>(type: string, timeoutMs = 300_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type || m.type === 'error');
      if (i >= 0) {
        const [m] = this.inbox.splice(i, 1);
        if (m!.type === 'error') throw new Error(`device failed: ${String(m!.message)}\n${this.stderr}`);
        return m as T;
      }
      if (this.exit) throw new Error(`${this.exit} while waiting for "${type}"\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`device sent no "${type}" within ${timeoutMs} ms\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          this.waiter = null;
          resolve();
        };
      });
    }
  }

  async request<T extends DeviceMessage>(
    message: DeviceMessage,
    reply: string,
    timeoutMs?: number,
  ): Promise<T> {
    this.send(message);
    return this.next<T>(reply, timeoutMs);
  }

  stop(): Promise<void> {
    return stopProcess(this.child);
  }
}

/** Runs a command to completion, for builds and Lighthouse; rejects on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8_000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2_000)}`));
    });
  });
}
