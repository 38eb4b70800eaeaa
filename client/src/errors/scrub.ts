import type { Breadcrumb, ErrorEvent, Event } from '@sentry/browser';

/**
 * What leaves the device in an error report. Nothing a person wrote or is known by may go: no post
 * text, no e-mail address, no name, no id of a person (ids are UUIDs here, so every UUID goes).
 * Rules, applied to every string of an event:
 * - the viewer's own name and e-mail (and any other string given as `personal`) → [person];
 * - e-mail addresses → [email]; UUIDs → [id]; runs of 6+ digits → [number];
 * - quoted text ('…', "…", “…”, «…») → "[text]": messages that embed user input quote it;
 * - prose, 8 or more words in a row (a colon ends a run: it introduces the payload) → [text]:
 *   a post body pasted into a message unquoted.
 * Structured places are emptied outright: the user, cookies, headers, request bodies, and extra or
 * context fields whose key names personal data (body, text, email, name, …).
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const LONG_NUMBER = /\d{6,}/g;
const QUOTED = /"[^"\n]{2,}"|'[^'\n]{2,}'|“[^”]{2,}”|«[^»]{2,}»|„[^“”]{2,}[“”]/g;
/** A word of letters (any script), with the punctuation prose carries between words. */
const PROSE = /(?:[\p{L}\p{M}'’-]+[,;.!?]*\s+){7,}[\p{L}\p{M}'’-]+[.!?]?/gu;
const PERSONAL_KEY = /body|text|title|content|email|mail|name|user|author|password|token|cookie|phone/i;

const SENTRY_CONTEXTS = new Set(['browser', 'os', 'device', 'culture', 'trace', 'runtime', 'app']);

export interface ScrubContext {
  /** Strings known to identify the viewer: their display name, e-mail. */
  personal: readonly string[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function scrubText(text: string, ctx: ScrubContext): string {
  let out = text;
  for (const p of ctx.personal) {
    if (p.trim().length >= 2) out = out.replace(new RegExp(escapeRegExp(p.trim()), 'gi'), '[person]');
  }
  return out
    .replace(EMAIL, '[email]')
    .replace(UUID, '[id]')
    .replace(QUOTED, '"[text]"')
    .replace(PROSE, '[text]')
    .replace(LONG_NUMBER, '[number]');
}

/** Keeps a URL's origin and path shape; ids in the path go, and the query and fragment go. */
export function scrubUrl(url: string, ctx: ScrubContext): string {
  const [beforeHash = ''] = url.split('#');
  const [path = ''] = beforeHash.split('?');
  const kept = scrubText(path, ctx);
  return kept + (beforeHash.includes('?') ? '?[query]' : '');
}

/** Any JSON-ish value: strings scrubbed, personal keys dropped, depth bounded. */
export function scrubValue(value: unknown, ctx: ScrubContext, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value, ctx);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 5) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, ctx, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (PERSONAL_KEY.test(key)) continue;
    out[key] = key === 'url' && typeof v === 'string' ? scrubUrl(v, ctx) : scrubValue(v, ctx, depth + 1);
  }
  return out;
}

/** Breadcrumbs: console lines and typed input may carry anything, so their messages go. */
export function scrubBreadcrumb(crumb: Breadcrumb, ctx: ScrubContext): Breadcrumb | null {
  const category = crumb.category ?? '';
  const out: Breadcrumb = { ...crumb };
  if (category === 'console' || category === 'ui.input') {
    delete out.message;
    delete out.data;
    return out;
  }
  if (out.message !== undefined) {
    // ui.click messages are CSS selectors; attribute values ([aria-label="…"]) can hold a name.
    out.message = scrubText(out.message.replace(/\[[^\]]*\]/g, ''), ctx);
  }
  if (out.data) out.data = scrubValue(out.data, ctx) as Breadcrumb['data'];
  return out;
}

function scrubEventInPlace(event: Event, ctx: ScrubContext): void {
  delete event.user;
  delete event.server_name;
  if (event.message !== undefined) event.message = scrubText(event.message, ctx);
  for (const ex of event.exception?.values ?? []) {
    if (ex.value !== undefined) ex.value = scrubText(ex.value, ctx);
    for (const frame of ex.stacktrace?.frames ?? []) {
      // Frames keep file, line and function; local variables could hold anything.
      delete frame.vars;
      if (frame.abs_path) frame.abs_path = scrubUrl(frame.abs_path, ctx);
      if (frame.filename) frame.filename = scrubUrl(frame.filename, ctx);
    }
  }
  if (event.request) {
    event.request = {
      url: event.request.url ? scrubUrl(event.request.url, ctx) : undefined,
      method: event.request.method,
    };
  }
  if (event.extra) event.extra = scrubValue(event.extra, ctx) as Event['extra'];
  if (event.contexts) {
    // Sentry's own contexts (browser and OS names, trace ids) are kept; any other is scrubbed.
    const contexts: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(event.contexts))
      contexts[key] = SENTRY_CONTEXTS.has(key) ? v : scrubValue(v, ctx);
    event.contexts = contexts as Event['contexts'];
  }
  if (event.tags) event.tags = scrubValue(event.tags, ctx) as Event['tags'];
  if (event.breadcrumbs) {
    event.breadcrumbs = event.breadcrumbs
      .map((b) => scrubBreadcrumb(b, ctx))
      .filter((b): b is Breadcrumb => b !== null);
  }
  if (event.transaction) event.transaction = scrubUrl(event.transaction, ctx);
}

/** Sentry's beforeSend: returns the same event, scrubbed (never drops it: the error still counts). */
export function scrubEvent(event: ErrorEvent, ctx: ScrubContext): ErrorEvent {
  scrubEventInPlace(event, ctx);
  return event;
}
