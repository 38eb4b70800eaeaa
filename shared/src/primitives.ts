import { z } from 'zod';

/** Ids are UUIDv7, made on the device that creates the document. */
export const Id = z.uuid();

/** BCP 47 primary language, optionally with a region: "en", "fr", "pt-BR". */
export const LangCode = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language code such as "en"');
export type LangCode = z.infer<typeof LangCode>;

/** A text with one version per language: `{ en: "…", fr: "…" }`. */
export const Localized = (max: number) =>
  z.record(LangCode, z.string().max(max)).refine((v) => Object.keys(v).length <= 20, {
    message: 'at most 20 languages',
  });
export type Localized = Record<string, string>;

/** Server timestamps and device timestamps are ISO 8601 strings with an offset. */
export const Timestamp = z.iso.datetime({ offset: true });

export const Email = z.email().max(254);

/** Whether the runtime's Intl knows this IANA time zone ("Europe/Paris", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name; a phase's dates are entered and shown in it. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: 'an IANA time zone such as "Europe/Paris"' });
