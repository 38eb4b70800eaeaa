import type { Question, Space } from '@parley/shared';
import type { ParleyDatabase } from '../../db/database';

/**
 * The organiser's writes go to the device's database first, like a post: the replication pushes
 * them (administrators only) and takes the server's version back, also on a conflict.
 */
export async function saveSpace(db: ParleyDatabase, space: Space): Promise<boolean> {
  try {
    await db.spaces.upsert(space);
    return true;
  } catch (error) {
    console.error('Could not save the space', error);
    return false;
  }
}

export async function saveQuestion(db: ParleyDatabase, question: Question): Promise<boolean> {
  try {
    await db.questions.upsert(question);
    return true;
  } catch (error) {
    console.error('Could not save the question', error);
    return false;
  }
}

export async function setPositions(
  db: ParleyDatabase,
  changes: readonly { id: string; position: number }[],
): Promise<boolean> {
  try {
    for (const { id, position } of changes) {
      const doc = await db.questions.findOne(id).exec();
      await doc?.incrementalPatch({ position });
    }
    return true;
  } catch (error) {
    console.error('Could not reorder the questions', error);
    return false;
  }
}
