import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { UI_LANGS } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import { catalogueOf, say, SERVER_LANGS } from './messages';

const en = catalogueOf('en');

/** Each argument a message uses and how ("count:plural", "name:argument"), sorted. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): string[] {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    into.add(`${el.value}:${TYPE[el.type]}`);
    if (el.type === TYPE.select || el.type === TYPE.plural)
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return [...into].sort();
}

/** The category keys of every cardinal plural in a message (exact "=0" selectors left out). */
function pluralCategories(elements: MessageFormatElement[], into: string[][] = []): string[][] {
  for (const el of elements) {
    if (el.type === TYPE.plural && el.pluralType === 'cardinal')
      into.push(Object.keys(el.options).filter((k) => !k.startsWith('=')));
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const option of Object.values(el.options)) pluralCategories(option.value, into);
  }
  return into;
}

describe('the server’s catalogues (e-mails, report)', () => {
  it('has one for every language the app’s UI has, and no other', () => {
    const files = readdirSync(fileURLToPath(new URL('.', import.meta.url))).filter((f) =>
      f.endsWith('.json'),
    );
    expect(files.map((f) => f.replace('.json', '')).sort()).toEqual([...SERVER_LANGS].sort());
    expect([...SERVER_LANGS].sort()).toEqual([...UI_LANGS].sort());
  });

  it('tells a placeholder’s kind, so a translation cannot turn a count into plain text', () => {
    expect(argumentsOf(parse('{n, plural, one {# {name}} other {#}} {at, date}'))).toEqual([
      'at:date',
      'n:plural',
      'name:argument',
    ]);
  });

  for (const lang of SERVER_LANGS) {
    it(`${lang}: every key of en.json, no other, each parsing as ICU with the same arguments`, () => {
      const messages = catalogueOf(lang);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, source] of Object.entries(en)) {
        const translated = messages[key] ?? '';
        expect(translated.trim(), `${lang} ${key} is empty`).not.toBe('');
        expect(argumentsOf(parse(translated)), `${lang} ${key}`).toEqual(argumentsOf(parse(source)));
      }
    });

    it(`${lang}: every plural has the categories counts up to 1000 reach, and no category the language lacks`, () => {
      const rules = new Intl.PluralRules(lang);
      const exists = rules.resolvedOptions().pluralCategories;
      const needed = new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)));
      for (const [key, message] of Object.entries(catalogueOf(lang))) {
        for (const used of pluralCategories(parse(message))) {
          for (const category of needed) expect(used, `${lang} ${key} lacks ${category}`).toContain(category);
          for (const category of used) expect(exists, `${lang} ${key} has ${category}`).toContain(category);
        }
      }
    });
  }

  it('formats with every placeholder filled in, and counts agree in number', () => {
    expect(say('fr', 'report.contributors', { count: 5, anonymous: 1 })).toBe(
      'Contributeurs : 5 (dont 1 anonyme)',
    );
    expect(say('fr', 'report.contributors', { count: 5, anonymous: 2 })).toBe(
      'Contributeurs : 5 (dont 2 anonymes)',
    );
    expect(say('ru', 'report.questionCount', { count: 3, counts: 'ru: 3' })).toBe('3 сообщения (ru: 3)');
    expect(say('ru', 'report.questionCount', { count: 5, counts: 'ru: 5' })).toBe('5 сообщений (ru: 5)');
    expect(say('ar', 'report.questionCount', { count: 2, counts: 'ar: 2' })).toBe('مساهمتان (ar: 2)');
    for (const lang of SERVER_LANGS) {
      const text = say(lang, 'mail.reset.body', { name: 'Ana', link: 'https://x.example/r' });
      expect(text, lang).toContain('Ana');
      expect(text, lang).toContain('https://x.example/r');
    }
  });

  it('leaves no placeholder unfilled: a missing value is an error, not a silent gap', () => {
    expect(() => say('es', 'mail.reset.body', { name: 'Ana' })).toThrow();
  });
});
