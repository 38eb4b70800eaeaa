/**
 * The app's side of error reporting, cheap enough for the first screen: nothing of Sentry is
 * loaded here. Until (and unless) reporting starts, reports wait in a short queue; when it is off
 * they are dropped. Each kind of failure is reported once per page load: a sync that fails every
 * four seconds must not send an event every four seconds.
 */

export type FailureKind = 'sync-pull' | 'sync-push' | 'storage-quota' | 'storage-unavailable';

type Sink = (error: unknown, kind: FailureKind) => void;

const reported = new Set<FailureKind>();
const waiting: { error: unknown; kind: FailureKind }[] = [];
const MAX_WAITING = 10;
let sink: Sink | null = null;
let off = false;

export function reportOnce(kind: FailureKind, error: unknown): void {
  if (off || reported.has(kind)) return;
  reported.add(kind);
  if (sink) sink(error, kind);
  else if (waiting.length < MAX_WAITING) waiting.push({ error, kind });
}

/** Reporting started: what waited is sent now. */
export function connectReporter(next: Sink): void {
  sink = next;
  for (const { error, kind } of waiting.splice(0)) next(error, kind);
}

/** No DSN configured: forget what waited and keep nothing from now on. */
export function disableReporting(): void {
  off = true;
  waiting.length = 0;
}

/** For tests: a fresh page load. */
export function resetReporting(): void {
  reported.clear();
  waiting.length = 0;
  sink = null;
  off = false;
}
