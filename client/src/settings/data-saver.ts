import { useSyncExternalStore } from 'react';

/**
 * Data saver: pull in batches of 50 instead of 200 and (once attachments exist) leave images and
 * files until the user taps them. Stored in localStorage; until the user chooses, it is on when the
 * browser says the user asked to save data or the link is 2G.
 *
 * For later features: read `useDataSaver()[0]`; when true, render an attachment as a "Load
 * (size)" button instead of fetching it.
 */
const KEY = 'parley.dataSaver';

interface NetworkInformationLike {
  saveData?: boolean;
  effectiveType?: string;
}

export function browserWantsDataSaver(
  connection: NetworkInformationLike | undefined = (
    globalThis.navigator as (Navigator & { connection?: NetworkInformationLike }) | undefined
  )?.connection,
): boolean {
  if (!connection) return false;
  return connection.saveData === true || ['2g', 'slow-2g'].includes(connection.effectiveType ?? '');
}

export function loadDataSaver(): boolean {
  try {
    const stored = globalThis.localStorage?.getItem(KEY);
    if (stored === 'on') return true;
    if (stored === 'off') return false;
  } catch {
    // storage unavailable: the browser's hint decides
  }
  return browserWantsDataSaver();
}

const listeners = new Set<() => void>();
let current: boolean | null = null;

export function setDataSaver(on: boolean): void {
  current = on;
  try {
    globalThis.localStorage?.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // lasts for this visit
  }
  listeners.forEach((l) => l());
}

function snapshot(): boolean {
  current ??= loadDataSaver();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useDataSaver(): [boolean, (on: boolean) => void] {
  return [useSyncExternalStore(subscribe, snapshot, snapshot), setDataSaver];
}
