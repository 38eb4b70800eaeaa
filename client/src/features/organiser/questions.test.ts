import { describe, expect, it } from 'vitest';
import type { Question } from '@parley/shared';
import { move } from './questions';

const q = (id: string, phaseId: string, position: number): Question => ({
  id,
  spaceId: 's',
  phaseId,
  position,
  title: { en: id },
  body: {},
  updatedAt: null,
});

describe('reordering questions', () => {
  const questions = [q('a', 'p1', 0), q('b', 'p1', 1), q('c', 'p2', 2), q('d', 'p1', 3)];

  it('swaps a question with its neighbour in the same phase, writing only changed positions', () => {
    expect(move(questions, 'b', 'up')).toEqual([
      { id: 'b', position: 0 },
      { id: 'a', position: 1 },
    ]);
    // d's neighbour in phase p1 is b, across c of another phase.
    expect(move(questions, 'd', 'up')).toEqual([
      { id: 'd', position: 1 },
      { id: 'b', position: 3 },
    ]);
  });

  it('does nothing at either end of a phase', () => {
    expect(move(questions, 'a', 'up')).toEqual([]);
    expect(move(questions, 'd', 'down')).toEqual([]);
    expect(move(questions, 'c', 'down')).toEqual([]);
  });

  it('renumbers questions that shared a position (older data) so the move is visible', () => {
    const tied = [q('x', 'p', 0), q('y', 'p', 0), q('z', 'p', 0)];
    expect(move(tied, 'z', 'up')).toEqual([
      { id: 'z', position: 1 },
      { id: 'y', position: 2 },
    ]);
  });
});
