/** A piece of user text: plain text, or an http(s) address the reader may follow. */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Only http:// and https:// are recognised, so javascript:, data: or vbscript: never become links.
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/giu;
// Punctuation that ends a sentence rather than the address ("see https://x.org/a.").
const TRAILING = /[.,;:!?)\]}»”’]+$/u;
// Bidirectional overrides and zero-width characters can make an address look like another one.
const DECEPTIVE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/** A safe absolute http(s) URL for `candidate`, or null when it is not one. */
export function safeHref(candidate: string): string | null {
  if (DECEPTIVE.test(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

/** Splits text into plain and link segments; the text of every segment is exactly the input's. */
export function linkify(text: string): Segment[] {
  // A direction override anywhere in the paragraph can make the address read as another one.
  if (BIDI_CONTROL.test(text)) return text === '' ? [] : [{ kind: 'text', text }];
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const start = match.index;
    const raw = match[0].replace(TRAILING, '');
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) });
    out.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}
