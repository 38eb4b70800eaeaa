/**
 * Text matching for the offline search (the index is search-index.ts), in any language: text is
 * folded (Unicode NFKD, combining marks removed, lower-cased), so "Société" matches "societe",
 * "Ёлка" matches "елка" and Arabic diacritics (harakat) are ignored; words are runs of letters
 * and digits in any script.
 */

/** Folds one piece of text for matching. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The folded text plus, for each folded character, the index in the original it came from, so
 * a match in the folded text can be highlighted in the original.
 */
export function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(i);
  return { folded, origin };
}

const WORD = /[\p{L}\p{N}]+/gu;

export function terms(query: string): string[] {
  return [...new Set(fold(query).match(WORD) ?? [])];
}

export interface SearchDoc {
  id: string;
  kind: 'space' | 'question' | 'post';
  title: string;
  body: string;
  /** The space it belongs to (its own id for a space): the link is made from its slug. */
  spaceId: string;
  /** The question a post answers (for its link). */
  questionId?: string;
  lang?: string;
}

/** Words of a text, folded: how both the index and the query are cut into terms. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

export interface Segment {
  text: string;
  match: boolean;
}

/**
 * The text cut into plain and matching segments (each term matched where a word starts), for
 * rendering with <mark> elements: never HTML strings.
 */
export function highlight(text: string, query: string): Segment[] {
  const wanted = terms(query);
  if (wanted.length === 0 || text === '') return [{ text, match: false }];
  const { folded, origin } = foldWithMap(text);
  const marks: [number, number][] = [];
  for (const m of folded.matchAll(WORD)) {
    const word = m[0];
    const term = wanted.filter((t) => word.startsWith(t)).sort((a, b) => b.length - a.length)[0];
    if (!term) continue;
    const start = origin[m.index]!;
    const end = origin[m.index + term.length]!;
    marks.push([start, end]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), match: false });
  return out;
}

/** A window of the text around its first match, so a long post shows where it matched. */
export function excerptAround(text: string, query: string, size = 220): string {
  if (text.length <= size) return text;
  const { folded, origin } = foldWithMap(text);
  const first = terms(query)
    .map((t) => folded.indexOf(t))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  const at = first === undefined ? 0 : origin[first]!;
  const start = Math.max(0, at - Math.floor(size / 3));
  const cut = text.slice(start, start + size);
  return `${start > 0 ? '…' : ''}${cut}${start + size < text.length ? '…' : ''}`;
}
