import { useSyncExternalStore } from 'react';

/**
 * How much of the phone Parley may use, as the user sets it in Settings (null = no limit, the
 * default). Nothing is ever deleted to meet it: over budget, Settings says so and suggests
 * unfollowing spaces (settings/followed-spaces.ts) or data saver. Stored in localStorage.
 */
export const BUDGET_CHOICES = [50 * 2 ** 20, 200 * 2 ** 20, 2 ** 30] as const;

const KEY = 'parley.storageBudget';

export function parseBudget(stored: string | null | undefined): number | null {
  const n = Number(stored);
  return stored && (BUDGET_CHOICES as readonly number[]).includes(n) ? n : null;
}

const listeners = new Set<() => void>();
let current: number | null | undefined;

export function setStorageBudget(bytes: number | null): void {
  current = bytes;
  try {
    if (bytes === null) globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, String(bytes));
  } catch {
    // lasts for this visit
  }
  listeners.forEach((l) => l());
}

function snapshot(): number | null {
  if (current === undefined) {
    try {
      current = parseBudget(globalThis.localStorage?.getItem(KEY));
    } catch {
      current = null;
    }
  }
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useStorageBudget(): [number | null, (bytes: number | null) => void] {
  return [useSyncExternalStore(subscribe, snapshot, snapshot), setStorageBudget];
}

export interface StorageUse {
  /** Bytes this origin uses (IndexedDB, caches, service worker…), as the browser estimates them. */
  usage: number;
  /** Bytes the browser would let it use. */
  quota: number;
}

/** The browser's estimate, or null where it has none (older Safari, some private modes). */
export async function estimateStorage(): Promise<StorageUse | null> {
  try {
    const estimate = await globalThis.navigator?.storage?.estimate?.();
    if (!estimate || typeof estimate.usage !== 'number' || typeof estimate.quota !== 'number') return null;
    return { usage: estimate.usage, quota: estimate.quota };
  } catch {
    return null;
  }
}

/** Bytes as the user reads them: 0 B, 12 KB, 3.4 MB, 1.2 GB (units of 1,024, one decimal under 10). */
export function byteUnits(bytes: number): {
  value: number;
  unit: 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte';
} {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  const rounded = i === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return { value: rounded, unit: units[i]! };
}
