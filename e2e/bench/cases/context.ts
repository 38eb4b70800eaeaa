import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinkProfile } from '../link/profiles';
import type { LinkProxy, LinkStats } from '../link/proxy';
import type { ParleyServer } from '../parley/server';
import type { PeerServer } from '../peer/server';
import { DeviceProcess } from '../processes';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PARLEY_DEVICE = join(benchDir, 'parley', 'device.ts');
export const PEER_DEVICE = join(benchDir, 'peer', 'device.ts');

/** Everything a link case needs: both servers, each behind its own proxy with the same profile. */
export interface LinkBench {
  profile: LinkProfile;
  parley: ParleyServer;
  parleyLink: LinkProxy;
  peer: PeerServer;
  peerLink: LinkProxy;
}

export type Figures = Record<string, number | string | null | Record<string, number>>;

export interface CaseResult {
  name: string;
  parley: Figures;
  /** The peer as shipped and tuned with a keep-alive agent (absent for Parley-only cases). */
  peer: Partial<Record<PeerVariant, Figures>> | null;
  ratio: Record<string, number | null>;
}

export type PeerVariant = 'shipped' | 'tuned';
export const PEER_VARIANTS: PeerVariant[] = ['shipped', 'tuned'];

export const linkUrl = (link: LinkProxy) => `http://127.0.0.1:${link.port}`;

export function parleyDevice(bench: LinkBench, signIn?: { email: string; password: string }): DeviceProcess {
  return new DeviceProcess(PARLEY_DEVICE, { baseUrl: linkUrl(bench.parleyLink), signIn });
}

export function peerDevice(bench: LinkBench, variant: PeerVariant): DeviceProcess {
  return new DeviceProcess(PEER_DEVICE, { baseUrl: linkUrl(bench.peerLink), keepAlive: variant === 'tuned' });
}

/** Runs `fn` with a device and always ends the device's process. */
export async function withDevice<T>(device: DeviceProcess, fn: (d: DeviceProcess) => Promise<T>): Promise<T> {
  try {
    return await fn(device);
  } finally {
    await device.stop();
  }
}

export function linkFigures(stats: LinkStats): Figures {
  return { connections: stats.connections, kbUp: kb(stats.bytesUp), kbDown: kb(stats.bytesDown) };
}

export const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
export const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;
/** How many times `a` exceeds `b` (null when either is missing or zero). */
export const times = (a: unknown, b: unknown): number | null =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? round(a / b, 1) : null;

export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}
