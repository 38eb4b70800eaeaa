import type { PrimitiveType } from 'react-intl';

/**
 * Grammar hints a translation may select on, beyond the values its English message takes.
 * ICU has no phonology: French writes "Commentaire d'Ana" but "Commentaire de Ben", so a message
 * with a `{name}` also gets `{nameStart}`, "vowel" or "other", for
 * `{nameStart, select, vowel {d''{name}} other {de {name}}}`. English never needs it.
 */
export const GRAMMAR_HINTS: Readonly<Record<string, string>> = { nameStart: 'name' };

// French elides before a vowel sound: a, e, i, o, u, y and the mute h of names (d'Hélène, d'Yves).
const ELIDING = /^[aeiouyh]/i;

/** Whether a name starts with a vowel sound, as far as its first Latin letter tells. */
export function nameStart(name: string): 'vowel' | 'other' {
  const first = name.trim().normalize('NFD').replace(/\p{M}/gu, '');
  return ELIDING.test(first) ? 'vowel' : 'other';
}

/** The values of a message with the hints its translations may use added. */
export function withGrammarHints(
  values: Record<string, PrimitiveType> | undefined,
): Record<string, PrimitiveType> | undefined {
  const name = values?.name;
  if (typeof name !== 'string' || values?.nameStart !== undefined) return values;
  return { ...values, nameStart: nameStart(name) };
}
