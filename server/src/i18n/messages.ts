import { readFileSync } from 'node:fs';
import IntlMessageFormat, { type PrimitiveType } from 'intl-messageformat';

/**
 * The server's own wording (e-mails, the downloadable report), one ICU MessageFormat catalogue
 * per language in this folder. Kept apart from client/src/i18n so the app's bundle carries no
 * e-mail text; en.json holds every key, the others translate it (catalogues.test.ts checks).
 */
export const SERVER_LANGS = ['en', 'fr', 'es', 'ar', 'ru'] as const;
export type ServerLang = (typeof SERVER_LANGS)[number];
export type MessageId = keyof typeof import('./en.json');

const catalogues = Object.fromEntries(
  SERVER_LANGS.map((lang) => [
    lang,
    JSON.parse(readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>,
  ]),
) as Record<ServerLang, Record<string, string>>;

const isServerLang = (lang: string): lang is ServerLang => (SERVER_LANGS as readonly string[]).includes(lang);

/**
 * The first of `wanted` the server has words for — a regional code ("fr-CA") counts as its
 * language — else English.
 */
export function serverLang(...wanted: readonly (string | null | undefined)[]): ServerLang {
  for (const lang of wanted) {
    const base = lang?.split('-')[0];
    if (base && isServerLang(base)) return base;
  }
  return 'en';
}

const compiled = new Map<string, IntlMessageFormat>();

/** Message `id` in `lang` (English where a catalogue lacks it), its arguments filled in. */
export function say(lang: ServerLang, id: MessageId, values?: Record<string, PrimitiveType>): string {
  const key = `${lang}\u0000${id}`;
  let format = compiled.get(key);
  if (!format) {
    const source = catalogues[lang][id] ?? catalogues.en[id];
    if (source === undefined) throw new Error(`no message ${id}`);
    format = new IntlMessageFormat(source, lang);
    compiled.set(key, format);
  }
  return String(format.format(values));
}

/** Every catalogue as read, for the catalogue test. */
export const catalogueOf = (lang: ServerLang): Readonly<Record<string, string>> => catalogues[lang];
