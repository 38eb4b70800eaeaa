import { v7 as uuidv7 } from 'uuid';
import { Question, type Space } from '@parley/shared';
import type { MessageId } from '../../i18n/I18nProvider';

/** Questions of a space in the order participants see them (position, then id for ties). */
export function ordered(questions: readonly Question[]): Question[] {
  return [...questions].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

/**
 * Moves a question one place up or down among the questions of its phase. Positions are
 * renumbered 0…n over the whole space (older data may share a position), and only the questions
 * whose position changes are returned, to be written.
 */
export function move(
  questions: readonly Question[],
  id: string,
  direction: 'up' | 'down',
): { id: string; position: number }[] {
  const all = ordered(questions);
  const index = all.findIndex((q) => q.id === id);
  const question = all[index];
  if (!question) return [];
  const samePhase = all.filter((q) => q.phaseId === question.phaseId);
  const at = samePhase.indexOf(question);
  const neighbour = samePhase[direction === 'up' ? at - 1 : at + 1];
  if (!neighbour) return [];
  const other = all.indexOf(neighbour);
  all[index] = neighbour;
  all[other] = question;
  return all.flatMap((q, position) => (q.position === position ? [] : [{ id: q.id, position }]));
}

export interface QuestionForm {
  id: string | null;
  phaseId: string;
  title: Record<string, string>;
  body: Record<string, string>;
}

export type QuestionResult =
  | { ok: true; question: Question }
  | { ok: false; problems: Partial<Record<'title' | 'body' | 'phaseId', MessageId>> };

/** The question the form describes, checked with the shared schema; a new one goes last. */
export function formToQuestion(
  form: QuestionForm,
  space: Space,
  questions: readonly Question[],
  existing: Question | null,
): QuestionResult {
  const trimmed = (field: Record<string, string>) =>
    Object.fromEntries(
      space.languages.map((l) => [l, (field[l] ?? '').trim()] as const).filter(([, t]) => t !== ''),
    );
  const main = space.languages[0] ?? 'en';
  const problems: Partial<Record<'title' | 'body' | 'phaseId', MessageId>> = {};
  if (!(form.title[main] ?? '').trim()) problems.title = 'organiser.error.required';
  if (!space.phases.some((p) => p.id === form.phaseId)) problems.phaseId = 'organiser.error.invalid';
  const position = existing?.position ?? questions.reduce((max, q) => Math.max(max, q.position + 1), 0);
  const parsed = Question.safeParse({
    id: existing?.id ?? form.id ?? uuidv7(),
    spaceId: space.id,
    phaseId: form.phaseId,
    position,
    title: trimmed(form.title),
    body: trimmed(form.body),
    updatedAt: existing?.updatedAt ?? null,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'body' ? 'body' : issue.path[0] === 'phaseId' ? 'phaseId' : 'title';
      problems[field] ??= issue.code === 'too_big' ? 'organiser.error.tooLong' : 'organiser.error.invalid';
    }
  if (Object.keys(problems).length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, question: parsed.data };
}
