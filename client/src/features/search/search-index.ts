import MiniSearch from 'minisearch';
import { words, type SearchDoc } from './text-search';

const keyOf = (doc: Pick<SearchDoc, 'kind' | 'id'>) => `${doc.kind}:${doc.id}`;

/** Documents added per slice of the first build; the main thread breathes between slices. */
const BUILD_CHUNK = 200;

/**
 * An inverted index (MiniSearch) over what the device holds, kept up to date document by
 * document, so a keystroke looks terms up instead of re-reading every post. Matching as before:
 * folded words, every term required, each as a word or the start of one ("coop" finds
 * "coopération"); a title match weighs three times a body match.
 */
export class SearchIndex {
  private readonly mini = new MiniSearch<SearchDoc>({
    idField: 'key',
    fields: ['title', 'body'],
    extractField: (doc, field) => (field === 'key' ? keyOf(doc) : doc[field as 'title' | 'body']),
    // Folded before cutting: a decomposed accent would otherwise split a word in two.
    tokenize: (text) => words(text),
    processTerm: (term) => term,
    searchOptions: { prefix: true, combineWith: 'AND', boost: { title: 3 } },
  });
  private readonly docs = new Map<string, SearchDoc>();

  get size(): number {
    return this.docs.size;
  }

  /** Adds many documents in slices, yielding to the page between them (the first build). */
  async addAll(docs: readonly SearchDoc[]): Promise<void> {
    const fresh: SearchDoc[] = [];
    for (const doc of docs) {
      if (this.docs.has(keyOf(doc))) this.put(doc);
      else {
        this.docs.set(keyOf(doc), doc);
        fresh.push(doc);
      }
    }
    await this.mini.addAllAsync(fresh, { chunkSize: BUILD_CHUNK });
  }

  /** Adds or replaces one document; an unchanged one is left alone. */
  put(doc: SearchDoc): void {
    const key = keyOf(doc);
    const old = this.docs.get(key);
    if (old && old.title === doc.title && old.body === doc.body) {
      this.docs.set(key, doc);
      return;
    }
    this.docs.set(key, doc);
    if (old) this.mini.replace(doc);
    else this.mini.add(doc);
  }

  remove(kind: SearchDoc['kind'], id: string): void {
    const key = keyOf({ kind, id });
    if (!this.docs.delete(key)) return;
    this.mini.discard(key);
  }

  /** Every matching document, best first. */
  search(query: string): SearchDoc[] {
    if (words(query).length === 0) return [];
    return this.mini.search(query).flatMap((r) => {
      const doc = this.docs.get(r.id as string);
      return doc ? [doc] : [];
    });
  }
}
