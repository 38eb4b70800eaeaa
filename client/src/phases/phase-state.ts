import type { Phase } from '@parley/shared';

export type PhaseState = 'upcoming' | 'open' | 'closed';

export function phaseState(phase: Pick<Phase, 'opensAt' | 'closesAt'>, now: Date): PhaseState {
  const t = now.getTime();
  if (t < Date.parse(phase.opensAt)) return 'upcoming';
  if (t >= Date.parse(phase.closesAt)) return 'closed';
  return 'open';
}

/** A space is open while one of its phases is; upcoming when none has opened yet. */
export function spaceState(
  space: { phases: readonly Pick<Phase, 'opensAt' | 'closesAt'>[] },
  now: Date,
): PhaseState {
  const states = space.phases.map((p) => phaseState(p, now));
  if (states.includes('open')) return 'open';
  if (states.length > 0 && states.every((s) => s === 'upcoming')) return 'upcoming';
  return states.includes('upcoming') ? 'upcoming' : 'closed';
}
