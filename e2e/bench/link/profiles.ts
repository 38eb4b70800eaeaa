/** One-way delay and bandwidth of an emulated link (bits per second). */
export interface LinkProfile {
  name: string;
  delayMs: number;
  downBps: number;
  upBps: number;
}

export const PROFILES = {
  '3g': { name: '3G', delayMs: 150, downBps: 1_600_000, upBps: 768_000 },
  '2g': { name: '2G', delayMs: 300, downBps: 250_000, upBps: 250_000 },
} as const satisfies Record<string, LinkProfile>;

export type ProfileName = keyof typeof PROFILES;
