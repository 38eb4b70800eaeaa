import type { WriteDeps } from '../db/write';
import { writeTx } from '../db/write';
import { deleteModerator, insertModerator } from './moderator-repository';
import { bumpSpaces } from './space-repository';

/**
 * Assigns a moderator (spaceId null = global). The spaces whose derived moderator list changed
 * move up the change order so every device pulls the new list.
 */
export async function assignModerator(
  deps: WriteDeps,
  userId: string,
  spaceId: string | null,
): Promise<boolean> {
  return writeTx(deps, ['spaces'], async (tx) => {
    const added = await insertModerator(tx, userId, spaceId);
    if (added) await bumpSpaces(tx, spaceId);
    return added;
  });
}

export async function removeModerator(
  deps: WriteDeps,
  userId: string,
  spaceId: string | null,
): Promise<boolean> {
  return writeTx(deps, ['spaces'], async (tx) => {
    const removed = await deleteModerator(tx, userId, spaceId);
    if (removed) await bumpSpaces(tx, spaceId);
    return removed;
  });
}
