import type { Localized } from '@parley/shared';

export interface LocalizedText {
  text: string;
  /** The language the text is in (for the `lang` attribute). */
  lang: string;
  /** True when the reader's language was missing and another one is shown. */
  fallback: boolean;
}

const primary = (lang: string) => lang.split('-')[0] ?? lang;

/**
 * The version of a multilingual field to show a reader: their language, else its primary
 * subtag (pt-BR → pt), else the space's languages in order (the first is the space's default),
 * else whatever exists.
 */
export function pickLocalized(
  field: Localized | undefined,
  readerLang: string,
  spaceLanguages: readonly string[] = [],
): LocalizedText {
  const available = Object.entries(field ?? {}).filter(([, text]) => text.trim() !== '');
  const has = (lang: string) => available.find(([l]) => l === lang);
  const candidates = [readerLang, primary(readerLang), ...spaceLanguages];
  for (const lang of candidates) {
    const hit = has(lang);
    if (hit) return { text: hit[1], lang: hit[0], fallback: primary(hit[0]) !== primary(readerLang) };
  }
  const first = available[0];
  if (first) return { text: first[1], lang: first[0], fallback: primary(first[0]) !== primary(readerLang) };
  return { text: '', lang: readerLang, fallback: false };
}
