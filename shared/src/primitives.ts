import { z } from 'zod';

/** Ids are UUIDv7, made on the device that creates the document. */
export const Id = z.uuid();

/** BCP 47 primary language, optionally with a region: "en", "fr", "pt-BR". */
export const LangCode = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language code such as "en"');
export type LangCode = z.infer<typeof LangCode>;

/** Languages the demo and the UI know; content may be in any LangCode. */
export const UI_LANGS = ['en', 'fr', 'es', 'ru', 'ar'] as const;

/** A text with one version per language: `{ en: "…", fr: "…" }`. */
export const Localized = (max: number) =>
  z.record(LangCode, z.string().max(max)).refine((v) => Object.keys(v).length <= 20, {
    message: 'at most 20 languages',
  });
export type Localized = Record<string, string>;

/** Server timestamps and device timestamps are ISO 8601 strings with an offset. */
export const Timestamp = z.iso.datetime({ offset: true });

export const Email = z.email().max(254);
