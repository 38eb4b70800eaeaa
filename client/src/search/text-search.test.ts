import { describe, expect, it } from 'vitest';
import { excerptAround, fold, highlight, search, type SearchDoc } from './text-search';

const doc = (id: string, title: string, body: string): SearchDoc => ({
  id,
  kind: 'post',
  title,
  body,
  href: `/${id}`,
});

describe('folding', () => {
  it('drops accents and case in every script', () => {
    expect(fold('Société CIVILE')).toBe('societe civile');
    expect(fold('Ёлка')).toBe('елка');
    expect(fold('Ñandú')).toBe('nandu');
    // Arabic harakat are combining marks: the vowelled and the plain word match.
    expect(fold('مُهَاجِر')).toBe('مهاجر');
  });
});

describe('search', () => {
  const docs = [
    doc('a', '', 'La coopération régionale a fonctionné grâce aux municipalités.'),
    doc('b', 'Coopération entre pays', 'Où la coopération échoue-t-elle ?'),
    doc('c', '', 'Миграционные данные: каждая страна считает по-своему.'),
    doc('d', '', 'Nothing to see here.'),
  ];

  it('finds words without their accents, in any case, by prefix', () => {
    expect(
      search(docs, 'cooperation')
        .map((h) => h.doc.id)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(search(docs, 'COOP').length).toBe(2);
    expect(search(docs, 'данные').map((h) => h.doc.id)).toEqual(['c']);
  });

  it('requires every word, and ranks title matches and repeats first', () => {
    expect(search(docs, 'cooperation municipalites').map((h) => h.doc.id)).toEqual(['a']);
    expect(search(docs, 'cooperation')[0]!.doc.id).toBe('b');
    expect(search(docs, '   ')).toEqual([]);
  });
});

describe('highlight', () => {
  it('marks the matching part of the original text, accents kept', () => {
    expect(highlight('La Coopération régionale', 'cooperation regio')).toEqual([
      { text: 'La ', match: false },
      { text: 'Coopération', match: true },
      { text: ' ', match: false },
      { text: 'régio', match: true },
      { text: 'nale', match: false },
    ]);
  });

  it('leaves markup as text: segments are rendered as text nodes', () => {
    const segments = highlight('<img src=x onerror=alert(1)> data', 'data');
    expect(segments).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: 'data', match: true },
    ]);
  });

  it('cuts a long text around the first match', () => {
    const long = `${'word '.repeat(200)}needle ${'word '.repeat(200)}`;
    const excerpt = excerptAround(long, 'needle', 100);
    expect(excerpt).toContain('needle');
    expect(excerpt.startsWith('…')).toBe(true);
  });
});
