import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import { GRAMMAR_HINTS } from './grammar';

const here = fileURLToPath(new URL('.', import.meta.url));
const UI_LANGS = ['fr', 'es', 'ru', 'ar'] as const;
const catalogue = (lang: string): Record<string, string> =>
  JSON.parse(readFileSync(join(here, `${lang}.json`), 'utf8')) as Record<string, string>;

/** Each argument a message uses and how ("count:plural", "name:argument"), sorted. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.argument:
        into.add(`${el.value}:argument`);
        break;
      case TYPE.number:
        into.add(`${el.value}:number`);
        break;
      case TYPE.date:
        into.add(`${el.value}:date`);
        break;
      case TYPE.time:
        into.add(`${el.value}:time`);
        break;
      case TYPE.select:
        into.add(`${el.value}:select`);
        for (const option of Object.values(el.options)) argumentsOf(option.value, into);
        break;
      case TYPE.plural:
        into.add(`${el.value}:plural`);
        for (const option of Object.values(el.options)) argumentsOf(option.value, into);
        break;
      case TYPE.tag:
        into.add(`${el.value}:tag`);
        argumentsOf(el.children, into);
        break;
      case TYPE.literal:
      case TYPE.pound:
        break;
    }
  }
  return into;
}

/** The plural category keys of every plural in a message (exact "=0" selectors left out). */
function pluralCategories(elements: MessageFormatElement[], into: string[][] = []): string[][] {
  for (const el of elements) {
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      if (el.type === TYPE.plural && el.pluralType === 'cardinal')
        into.push(Object.keys(el.options).filter((k) => !k.startsWith('=')));
      for (const option of Object.values(el.options)) pluralCategories(option.value, into);
    } else if (el.type === TYPE.tag) pluralCategories(el.children, into);
  }
  return into;
}

const sorted = (s: Set<string>) => [...s].sort();

describe('message catalogues', () => {
  it('has every UI language beside English', () => {
    const files = readdirSync(here).filter((f) => /^[a-z]{2}\.json$/.test(f));
    expect(files.sort()).toEqual(['ar.json', 'en.json', 'es.json', 'fr.json', 'ru.json']);
  });

  for (const lang of UI_LANGS) {
    it(`${lang}: every key of en.json, no other, with the same ICU arguments, and each message parses`, () => {
      const messages = catalogue(lang);
      expect(Object.keys(messages).filter((k) => !(k in en))).toEqual([]);
      expect(Object.keys(en).filter((k) => !(k in messages))).toEqual([]);
      for (const [key, source] of Object.entries(en)) {
        const translated = messages[key] ?? '';
        expect(translated.trim(), `${lang} ${key} is empty`).not.toBe('');
        const used = argumentsOf(parse(translated));
        const expected = argumentsOf(parse(source));
        // A grammar hint (grammar.ts) may be selected on where English has the value it comes from.
        for (const [hint, from] of Object.entries(GRAMMAR_HINTS))
          if (expected.has(`${from}:argument`)) used.delete(`${hint}:select`);
        expect(sorted(used), `${lang} ${key}`).toEqual(sorted(expected));
      }
    });

    it(`${lang}: every plural has the categories counts up to 1000 reach, and no category the language lacks`, () => {
      const rules = new Intl.PluralRules(lang);
      const exists = rules.resolvedOptions().pluralCategories;
      // fr and es have "many" for millions only: a message may leave it to "other".
      const needed = new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)));
      for (const [key, message] of Object.entries(catalogue(lang))) {
        for (const used of pluralCategories(parse(message))) {
          for (const category of needed) expect(used, `${lang} ${key} lacks ${category}`).toContain(category);
          for (const category of used) expect(exists, `${lang} ${key} has ${category}`).toContain(category);
        }
      }
    });
  }

  it('en: every plural has one and other', () => {
    for (const [key, message] of Object.entries(en))
      for (const used of pluralCategories(parse(message)))
        expect(used.slice().sort(), key).toEqual(['one', 'other']);
  });
});

/**
 * Text a user reads must come from the catalogues. Scans every component for JSX text and for
 * string literals in attributes people read (aria-label, placeholder, title, alt, label).
 */
describe('no hard-coded UI strings', () => {
  const src = join(here, '..');
  const READ_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title', 'alt', 'label', 'aria-description']);
  // Punctuation, numbers, symbols, and the brand name are not translated.
  const allowed = (text: string) => !/\p{L}/u.test(text.replace(/\bParley\b/g, ''));

  function tsxFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return tsxFiles(path);
      return entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx') ? [path] : [];
    });
  }

  function hardCoded(file: string, text = readFileSync(file, 'utf8')): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const found: string[] = [];
    const where = (node: ts.Node) =>
      `${relative(src, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node) && !allowed(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
      if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText())) {
        const init = node.initializer;
        const literal =
          init && ts.isStringLiteral(init)
            ? init
            : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
              ? init.expression
              : undefined;
        if (literal && !allowed(literal.text))
          found.push(`${where(node)} ${node.name.getText()}="${literal.text}"`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  it('finds none in client/src/**/*.tsx', () => {
    const files = tsxFiles(src);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => hardCoded(file))).toEqual([]);
  });

  it('would notice one', () => {
    const sample = '<p title="Hello">Hi there <b aria-label={"Bold"}>Parley</b> · 3</p>';
    expect(hardCoded(join(src, 'sample.tsx'), sample)).toEqual([
      'sample.tsx:1 title="Hello"',
      'sample.tsx:1 text "Hi there"',
      'sample.tsx:1 aria-label="Bold"',
    ]);
  });
});
