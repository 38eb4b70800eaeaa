/**
 * Full-text search over what the device holds, in any language: text is folded (Unicode NFKD,
 * combining marks removed, lower-cased), so "Société" matches "societe", "Ёлка" matches "елка"
 * and Arabic diacritics (harakat) are ignored; words are runs of letters and digits in any script.
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
  href: string;
  lang?: string;
}

export interface SearchHit {
  doc: SearchDoc;
  score: number;
}

/** Occurrences of a term as the start of a word (prefix match: "coop" finds "cooperation"). */
function countPrefix(words: readonly string[], term: string): number {
  let n = 0;
  for (const w of words) if (w.startsWith(term)) n++;
  return n;
}

const TITLE_BOOST = 3;

/**
 * Every term must match (as a word or the start of one). Score: term frequency, a title match
 * worth three in the body, normalised gently by length so a short focused post ranks above a
 * long one that mentions the word once; ties go to titles first (spaces, questions), then order.
 */
export function search(docs: readonly SearchDoc[], query: string, limit = 50): SearchHit[] {
  const wanted = terms(query);
  if (wanted.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const doc of docs) {
    const titleWords = fold(doc.title).match(WORD) ?? [];
    const bodyWords = fold(doc.body).match(WORD) ?? [];
    let score = 0;
    let all = true;
    for (const term of wanted) {
      const inTitle = countPrefix(titleWords, term);
      const inBody = countPrefix(bodyWords, term);
      if (inTitle + inBody === 0) {
        all = false;
        break;
      }
      score += TITLE_BOOST * inTitle + inBody;
    }
    if (!all) continue;
    hits.push({ doc, score: score / Math.log2(2 + titleWords.length + bodyWords.length) });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
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
