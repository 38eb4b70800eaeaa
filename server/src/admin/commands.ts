import { DisplayName, Email, Password, Role } from '@parley/shared';
import { setUserRole } from '../auth/auth-repository';
import { createUser, findUser } from '../auth/users';
import type { WriteDeps } from '../db/write';
import { countAssignments } from '../spaces/moderator-repository';
import { assignModerator, removeModerator } from '../spaces/moderator-assignments';
import { findSpace } from '../spaces/space-repository';

/** A mistake of the person typing the command: shown as is, exit code 1. */
export class AdminError extends Error {}

function check<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AdminError(`Invalid ${what}: ${JSON.stringify(value ?? null)}`);
  return parsed.data;
}

async function spaceBySlug(deps: WriteDeps, slug: string) {
  const space = await findSpace(deps.db, { slug });
  if (!space) throw new AdminError(`No space with slug "${slug}".`);
  return space;
}

/**
 * `--question`: a question's id, or its number in the space (1 = the first question, in the order
 * the space shows them). Removed questions do not count.
 */
async function questionOf(deps: WriteDeps, spaceId: string, spaceSlug: string, ref: string) {
  const rows = await deps.db.query<{ id: string }>(
    'SELECT id FROM questions WHERE space_id = $1 AND removed_at IS NULL ORDER BY position, id',
    [spaceId],
  );
  const byNumber = /^\d{1,4}$/.test(ref) ? rows[Number(ref) - 1] : undefined;
  const found = byNumber ?? rows.find((r) => r.id === ref.toLowerCase());
  if (!found)
    throw new AdminError(
      `No question "${ref}" in ${spaceSlug} (give its id or its number, 1 to ${rows.length}).`,
    );
  return { id: found.id, number: rows.indexOf(found) + 1 };
}

async function userByEmail(deps: WriteDeps, email: string) {
  const user = await findUser(deps.db, email);
  if (!user) throw new AdminError(`No user with e-mail ${email}.`);
  return user;
}

export interface AddUserArgs {
  email?: string;
  password?: string;
  name?: string;
  role?: string;
  space?: string;
  question?: string;
}

/** user add: a moderator without a space moderates every space (global). */
export async function addUser(deps: WriteDeps, args: AddUserArgs): Promise<string> {
  const email = check(Email, args.email?.trim().toLowerCase(), '--email');
  const password = check(Password, args.password, '--password (at least 8 characters)');
  const displayName = check(DisplayName, args.name, '--name');
  const role = check(Role, args.role ?? 'participant', '--role (participant, moderator or admin)');
  if (args.space !== undefined && role !== 'moderator') {
    throw new AdminError('--space only applies to --role moderator.');
  }
  if (args.question !== undefined && args.space === undefined) {
    throw new AdminError('--question needs --space.');
  }
  const space = args.space === undefined ? null : await spaceBySlug(deps, args.space);
  const question =
    space && args.question !== undefined ? await questionOf(deps, space.id, space.slug, args.question) : null;
  const user = await createUser(deps.db, { email, password, displayName, role });
  if (!user) throw new AdminError(`A user with e-mail ${email} already exists.`);
  if (role === 'moderator')
    await assignModerator(deps, user.id, { spaceId: space?.id ?? null, questionId: question?.id ?? null });
  const what =
    role !== 'moderator'
      ? role
      : question && space
        ? `moderator of question ${question.number} of ${space.slug}`
        : space
          ? `regional moderator of ${space.slug}`
          : 'global moderator';
  return `Created ${email} (${what}).`;
}

/**
 * moderator assign: makes the user a regional moderator of one space, or with --question a
 * moderator of that question only.
 */
export async function assignModeratorToSpace(
  deps: WriteDeps,
  args: { email?: string; space?: string; question?: string },
) {
  const email = check(Email, args.email?.trim().toLowerCase(), '--email');
  const slug = check(DisplayName, args.space, '--space');
  const [user, space] = [await userByEmail(deps, email), await spaceBySlug(deps, slug)];
  const question =
    args.question === undefined ? null : await questionOf(deps, space.id, space.slug, args.question);
  const added = await assignModerator(deps, user.id, { spaceId: space.id, questionId: question?.id ?? null });
  if (user.role === 'participant') await setUserRole(deps.db, user.id, 'moderator');
  const what = question ? `question ${question.number} of ${space.slug}` : space.slug;
  return added ? `${email} now moderates ${what}.` : `${email} already moderates ${what}.`;
}

/** moderator remove: ends an assignment; a moderator left with none becomes a participant. */
export async function removeModeratorFromSpace(
  deps: WriteDeps,
  args: { email?: string; space?: string; question?: string },
) {
  const email = check(Email, args.email?.trim().toLowerCase(), '--email');
  const slug = check(DisplayName, args.space, '--space');
  const [user, space] = [await userByEmail(deps, email), await spaceBySlug(deps, slug)];
  const question =
    args.question === undefined ? null : await questionOf(deps, space.id, space.slug, args.question);
  const removed = await removeModerator(deps, user.id, {
    spaceId: space.id,
    questionId: question?.id ?? null,
  });
  const what = question ? `question ${question.number} of ${space.slug}` : space.slug;
  if (!removed) {
    throw new AdminError(
      question
        ? `${email} is not a moderator of ${what}.`
        : `${email} is not a regional moderator of ${space.slug}.`,
    );
  }
  if (user.role === 'moderator' && (await countAssignments(deps.db, user.id)) === 0) {
    await setUserRole(deps.db, user.id, 'participant');
  }
  return `${email} no longer moderates ${what}.`;
}
