import { describe, expect, it } from 'vitest';
import { phaseState, spaceState } from './phase-state';

const first = { opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-02-01T00:00:00Z' };
const second = { opensAt: '2026-03-01T00:00:00Z', closesAt: '2026-04-01T00:00:00Z' };

describe('phaseState and spaceState', () => {
  it('places a date before, inside and after a phase (closing time excluded)', () => {
    expect(phaseState(first, new Date('2025-12-31T23:59:59Z'))).toBe('upcoming');
    expect(phaseState(first, new Date('2026-01-01T00:00:00Z'))).toBe('open');
    expect(phaseState(first, new Date('2026-02-01T00:00:00Z'))).toBe('closed');
  });

  it('reads a space as open during a phase, upcoming between phases, closed after the last', () => {
    expect(spaceState({ phases: [first, second] }, new Date('2026-01-15T00:00:00Z'))).toBe('open');
    expect(spaceState({ phases: [first, second] }, new Date('2026-02-15T00:00:00Z'))).toBe('upcoming');
    expect(spaceState({ phases: [first, second] }, new Date('2026-05-01T00:00:00Z'))).toBe('closed');
    expect(spaceState({ phases: [] }, new Date())).toBe('closed');
  });
});
