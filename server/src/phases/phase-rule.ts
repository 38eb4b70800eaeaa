/**
 * When a question takes posts. While its phase is open, always. After the close, a post that was
 * written on the device before the close (offline) is still taken for a grace period, flagged
 * "written before close" for the moderators. The device clock is not trusted alone: its
 * `createdAt` must fall inside the phase and must not be later than the moment the server
 * received the post, and the server's own clock must be within the grace period after the close.
 */
export const LATE_GRACE_MS = 72 * 60 * 60 * 1000;

export type PhaseVerdict =
  | { accept: true; writtenBeforeClose: boolean }
  | { accept: false; reason: 'not_yet_open' | 'closed' | 'no_phase'; closesAt?: string };

export function phaseVerdict(
  phase: { opensAt: string; closesAt: string } | null,
  createdAt: string,
  receivedAt: number,
): PhaseVerdict {
  if (!phase) return { accept: false, reason: 'no_phase' };
  const opens = Date.parse(phase.opensAt);
  const closes = Date.parse(phase.closesAt);
  if (receivedAt < opens) return { accept: false, reason: 'not_yet_open' };
  if (receivedAt < closes) return { accept: true, writtenBeforeClose: false };
  const written = Date.parse(createdAt);
  const late =
    receivedAt - closes <= LATE_GRACE_MS &&
    Number.isFinite(written) &&
    written >= opens &&
    written < closes &&
    written <= receivedAt;
  return late
    ? { accept: true, writtenBeforeClose: true }
    : { accept: false, reason: 'closed', closesAt: phase.closesAt };
}
