import { describe, expect, it } from 'vitest';
import { SearchIndex } from './search-index';
import type { SearchDoc } from './text-search';

const doc = (id: string, title: string, body: string, kind: SearchDoc['kind'] = 'post'): SearchDoc => ({
  id,
  kind,
  title,
  body,
  spaceId: 's',
});

async function indexOf(docs: SearchDoc[]): Promise<SearchIndex> {
  const index = new SearchIndex();
  await index.addAll(docs);
  return index;
}

const ids = (hits: SearchDoc[]) => hits.map((d) => d.id);

describe('SearchIndex', () => {
  const docs = [
    doc('a', '', 'La coopération régionale a fonctionné grâce aux municipalités.'),
    doc('b', 'Coopération entre pays', 'Où la coopération échoue-t-elle ?', 'question'),
    doc('c', '', 'Миграционные данные: каждая страна считает по-своему.'),
    doc('d', '', 'Nothing to see here.'),
    doc('e', '', 'مُهَاجِر في المدينة'),
  ];

  it('finds words without their accents, in any case and script, by prefix', async () => {
    const index = await indexOf(docs);
    expect(ids(index.search('cooperation')).sort()).toEqual(['a', 'b']);
    expect(index.search('COOP').length).toBe(2);
    expect(ids(index.search('данные'))).toEqual(['c']);
    expect(ids(index.search('مهاجر'))).toEqual(['e']);
    // A decomposed accent (as some keyboards type it) is the same word.
    expect(ids(index.search('re\u0301gionale'))).toEqual(['a']);
  });

  it('requires every word, and ranks title matches first', async () => {
    const index = await indexOf(docs);
    expect(ids(index.search('cooperation municipalites'))).toEqual(['a']);
    expect(index.search('cooperation')[0]!.id).toBe('b');
    expect(index.search('   ')).toEqual([]);
    expect(index.search('cooperation nowhere')).toEqual([]);
  });

  it('follows changes one document at a time', async () => {
    const index = await indexOf(docs);
    index.put(doc('d', '', 'Now about the harbour.'));
    expect(ids(index.search('harbour'))).toEqual(['d']);
    expect(index.search('nothing')).toEqual([]);
    index.remove('post', 'a');
    expect(ids(index.search('cooperation'))).toEqual(['b']);
    index.put(doc('a', '', 'La coopération revient.'));
    expect(ids(index.search('revient'))).toEqual(['a']);
    // The same id in another kind is another document.
    index.put(doc('a', 'Coopération', '', 'space'));
    expect(
      index
        .search('cooperation')
        .map((d) => `${d.kind}:${d.id}`)
        .sort(),
    ).toEqual(['post:a', 'question:b', 'space:a']);
    index.remove('post', 'missing');
    expect(index.size).toBe(6);
  });

  it('builds a large index in slices, and re-adding a document replaces it', async () => {
    const many = Array.from({ length: 1_000 }, (_, i) => doc(`p${i}`, '', `comment number${i} about parks`));
    const index = await indexOf(many);
    expect(index.search('parks').length).toBe(1_000);
    expect(ids(index.search('number999'))).toEqual(['p999']);
    await index.addAll([doc('p1', '', 'now about bridges')]);
    expect(index.search('parks').length).toBe(999);
    expect(index.size).toBe(1_000);
  });
});
