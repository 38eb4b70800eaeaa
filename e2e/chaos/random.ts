import { seededRandom } from '../bench/words';

/** Seeded choices, so that each device of a run behaves differently and a run can be replayed. */
export interface Random {
  next(): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function randomFrom(seed: number): Random {
  const next = seededRandom(seed);
  return {
    next,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}
