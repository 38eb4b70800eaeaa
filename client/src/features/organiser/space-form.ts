import { v7 as uuidv7 } from 'uuid';
import { isTimeZone, Space, type DeletionPolicy } from '@parley/shared';
import type { z } from 'zod';
import type { MessageId } from '../../i18n/I18nProvider';
import { deviceTimeZone, utcToZoned, zonedToUtc, type LocalDateTime } from './time-zone';

/** A phase as the form holds it: dates as wall-clock text in the phase's zone. */
export interface PhaseForm {
  id: string;
  name: Record<string, string>;
  opens: LocalDateTime;
  closes: LocalDateTime;
  timeZone: string;
}

export interface SpaceForm {
  id: string;
  slug: string;
  title: Record<string, string>;
  intro: Record<string, string>;
  audience: Record<string, string>;
  contactEmail: string;
  /** What happens to someone's posts here when they delete their account. */
  deletionPolicy: DeletionPolicy;
  /** The first is the default language. */
  languages: string[];
  phases: PhaseForm[];
}

/** A problem with one field, keyed by the field's path ("slug", "phases.1.timeZone"). */
export type Problems = Record<string, MessageId>;

export function newPhaseForm(): PhaseForm {
  return { id: uuidv7(), name: {}, opens: '', closes: '', timeZone: deviceTimeZone() };
}

export function emptySpaceForm(uiLang: string): SpaceForm {
  return {
    id: uuidv7(),
    slug: '',
    title: {},
    intro: {},
    audience: {},
    contactEmail: '',
    deletionPolicy: 'keep',
    languages: [uiLang],
    phases: [newPhaseForm()],
  };
}

export function spaceToForm(space: Space): SpaceForm {
  return {
    id: space.id,
    slug: space.slug,
    title: { ...space.title },
    intro: { ...space.intro },
    audience: { ...space.audience },
    contactEmail: space.contactEmail ?? '',
    deletionPolicy: space.deletionPolicy,
    languages: [...space.languages],
    phases: space.phases.map((p) => ({
      id: p.id,
      name: { ...p.name },
      opens: utcToZoned(p.opensAt, p.timeZone),
      closes: utcToZoned(p.closesAt, p.timeZone),
      timeZone: p.timeZone,
    })),
  };
}

/** Only the languages the space offers, trimmed, without empty versions. */
function localized(field: Record<string, string>, languages: string[]): Record<string, string> {
  return Object.fromEntries(
    languages.map((l) => [l, (field[l] ?? '').trim()] as const).filter(([, text]) => text !== ''),
  );
}

/** Which message a zod issue shows, by the field it is about and what went wrong. */
export function messageForIssue(issue: z.core.$ZodIssue): MessageId {
  const [first] = issue.path;
  const last = issue.path.at(-1);
  if (issue.code === 'too_big') return 'organiser.error.tooLong';
  if (first === 'slug') return 'organiser.error.slug';
  if (first === 'contactEmail') return 'organiser.error.email';
  if (last === 'timeZone') return 'organiser.error.timeZone';
  if (last === 'opensAt' || last === 'closesAt') return 'organiser.error.date';
  if (first === 'languages') return 'organiser.error.languages';
  return 'organiser.error.invalid';
}

/** The path of a form field a zod issue is about (the form's names match the schema's). */
function fieldOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  // A phase's date problem belongs to the date field the organiser typed.
  if (path[0] === 'phases' && path[2] === 'opensAt') return `phases.${path[1]}.opens`;
  if (path[0] === 'phases' && path[2] === 'closesAt') return `phases.${path[1]}.closes`;
  // A localized text too long: the field, whatever its language.
  if (['title', 'intro', 'audience'].includes(path[0] ?? '')) return path[0]!;
  if (path[0] === 'phases' && path[2] === 'name') return `phases.${path[1]}.name`;
  return path.slice(0, 3).join('.');
}

export type SpaceResult = { ok: true; space: Space } | { ok: false; problems: Problems };

/**
 * The space the form describes, checked with the shared schema (the server checks the same) and
 * the rules a form needs beside it: texts in the default language, dates that parse and close
 * after they open, a web address no other space on the device uses.
 */
export function formToSpace(
  form: SpaceForm,
  existing: Space | null,
  takenSlugs: readonly string[],
): SpaceResult {
  const problems: Problems = {};
  const languages = form.languages;
  const main = languages[0];
  const phases = form.phases.map((p, i) => {
    const timeZone = p.timeZone.trim();
    // An unknown zone cannot convert a date: the schema reports the zone itself.
    const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
    const opensAt = zonedToUtc(p.opens, zone) ?? '';
    const closesAt = zonedToUtc(p.closes, zone) ?? '';
    if (!p.opens) problems[`phases.${i}.opens`] = 'organiser.error.date';
    if (!p.closes) problems[`phases.${i}.closes`] = 'organiser.error.date';
    if (opensAt && closesAt && Date.parse(closesAt) <= Date.parse(opensAt))
      problems[`phases.${i}.closes`] = 'organiser.error.order';
    if (main && !(p.name[main] ?? '').trim()) problems[`phases.${i}.name`] = 'organiser.error.required';
    return { id: p.id, name: localized(p.name, languages), opensAt, closesAt, timeZone };
  });
  if (main && !(form.title[main] ?? '').trim()) problems.title = 'organiser.error.required';
  const slug = form.slug.trim();
  if (slug && takenSlugs.includes(slug)) problems.slug = 'organiser.error.slugTaken';

  const parsed = Space.safeParse({
    // A new space starts as a draft (the server makes it one whatever is sent).
    ...(existing ?? { moderators: [], reasonTemplates: [], updatedAt: null, status: 'draft' }),
    id: form.id,
    slug,
    title: localized(form.title, languages),
    intro: localized(form.intro, languages),
    audience: localized(form.audience, languages),
    languages,
    phases,
    contactEmail: form.contactEmail.trim() || null,
    deletionPolicy: form.deletionPolicy,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue);
      problems[field] ??= messageForIssue(issue);
    }
  if (Object.keys(problems).length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, space: parsed.data };
}
