import type { ChaosOptions } from './scenario';

const rates = {
  delay: 0.08,
  cutRequest: 0.04,
  cutResponse: 0.04,
  dropResponse: 0.04,
  blackoutEveryMs: [12_000, 25_000] as [number, number],
  blackoutMs: [1_500, 5_000] as [number, number],
  killEveryMs: [20_000, 35_000] as [number, number],
  downMs: [500, 3_000] as [number, number],
};

/** `npm run test:chaos`: 22 devices, two minutes of faults, the server killed about five times. */
export const FULL: Omit<ChaosOptions, 'log'> = {
  participants: 20,
  moderators: 2,
  devicesPerWorker: 3,
  chaosMs: 150_000,
  // Twenty-two devices re-pulling after a restart on two busy cores took up to ~2 minutes.
  convergeMs: 240_000,
  rates,
  pace: { actionMs: [1_500, 6_000], onlineMs: [4_000, 20_000], offlineMs: [1_000, 8_000] },
  seed: 20261127,
};

/** Inside `npm test`: the same run, small enough for a two-core machine in about a minute. */
export const SHORT: Omit<ChaosOptions, 'log'> = {
  participants: 4,
  moderators: 2,
  devicesPerWorker: 3,
  chaosMs: 20_000,
  convergeMs: 45_000,
  rates: { ...rates, blackoutEveryMs: [6_000, 10_000], killEveryMs: [8_000, 12_000] },
  pace: { actionMs: [800, 3_000], onlineMs: [3_000, 8_000], offlineMs: [1_000, 4_000] },
  seed: 7,
};
