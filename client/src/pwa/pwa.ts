import { useSyncExternalStore } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { flushAllDrafts } from '../drafts/use-draft';
import { SKIP_WAITING_MESSAGE } from './messages';

/** The install prompt Chromium offers (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export interface PwaState {
  /** A new version is installed and waiting for the user's consent. */
  updateReady: boolean;
  /** The browser offers to install the app (beforeinstallprompt was fired). */
  canInstall: boolean;
  /** Running as an installed app. */
  installed: boolean;
}

let state: PwaState = {
  updateReady: false,
  canInstall: false,
  installed: typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches,
};
const listeners = new Set<() => void>();
const set = (change: Partial<PwaState>) => {
  state = { ...state, ...change };
  listeners.forEach((l) => l());
};

let updateSW: ((reload?: boolean) => Promise<void>) | undefined;
let installEvent: BeforeInstallPromptEvent | null = null;

/**
 * Registers the service worker (registerType "prompt"): the app shell is precached; a new version
 * installs in the background and then waits. Nothing reloads until the user presses Reload.
 */
export function startPwa(): void {
  if (typeof window === 'undefined') return;
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // we show our own button instead of the mini-infobar
    installEvent = event as BeforeInstallPromptEvent;
    set({ canInstall: true });
  });
  window.addEventListener('appinstalled', () => {
    installEvent = null;
    set({ canInstall: false, installed: true });
  });
  if (!('serviceWorker' in navigator)) return;
  updateSW = registerSW({
    immediate: true,
    onNeedRefresh: () => set({ updateReady: true }),
    // We reload ourselves in applyUpdate(), whoever found the update (the browser or this page).
    onNeedReload: () => undefined,
    onRegisterError: (error: unknown) => console.error('Service worker registration failed', error),
  });
}

/** The user agreed: save every open draft, then activate the new version and reload into it. */
export async function applyUpdate(): Promise<void> {
  await flushAllDrafts();
  const registration = await navigator.serviceWorker.getRegistration();
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
    once: true,
  });
  if (registration?.waiting) registration.waiting.postMessage({ type: SKIP_WAITING_MESSAGE });
  else await updateSW?.(true);
}

/** Shows the browser's install dialog; false when the user declined. */
export async function install(): Promise<boolean> {
  const event = installEvent;
  if (!event) return false;
  installEvent = null;
  set({ canInstall: false });
  await event.prompt();
  const choice = await event.userChoice;
  return choice.outcome === 'accepted';
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => state;

export function usePwa(): PwaState {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
