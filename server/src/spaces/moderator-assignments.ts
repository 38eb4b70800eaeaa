import type { WriteDeps } from '../db/write';
import { writeTx } from '../db/write';
import { deleteModerator, insertModerator, type ModeratorScope } from './moderator-repository';
import { bumpSpaces } from './space-repository';

/**
 * Assigns a moderator: global (spaceId null), of a whole space, or of one question of it. The
 * spaces whose derived moderator list changed move up the change order so every device pulls the
 * new list. A plain space id still means the whole space.
 */
export async function assignModerator(
  deps: WriteDeps,
  userId: string,
  scope: ModeratorScope | string | null,
): Promise<boolean> {
  const s = toScope(scope);
  return writeTx(deps, ['spaces'], async (tx) => {
    const added = await insertModerator(tx, userId, s);
    if (added) await bumpSpaces(tx, s.spaceId);
    return added;
  });
}

export async function removeModerator(
  deps: WriteDeps,
  userId: string,
  scope: ModeratorScope | string | null,
): Promise<boolean> {
  const s = toScope(scope);
  return writeTx(deps, ['spaces'], async (tx) => {
    const removed = await deleteModerator(tx, userId, s);
    if (removed) await bumpSpaces(tx, s.spaceId);
    return removed;
  });
}

const toScope = (scope: ModeratorScope | string | null): ModeratorScope =>
  typeof scope === 'string' || scope === null ? { spaceId: scope, questionId: null } : scope;
