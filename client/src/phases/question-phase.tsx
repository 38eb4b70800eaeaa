import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Phase, Question, Space } from '@parley/shared';
import { useT } from '../i18n/useT';
import { phaseState, type PhaseState } from './phase-state';
import './phases.css';

export interface QuestionPhase {
  state: PhaseState;
  phase: Phase | null;
}

/** Checked again every 30 s, so a thread left open when its phase closes turns read-only. */
const RECHECK_MS = 30_000;

/**
 * Whether a question takes comments now, on the device's clock. The server decides for real (and
 * takes posts written before the close for 72 hours after it); this only hides the composer.
 */
export function useQuestionPhase(space: Pick<Space, 'phases'>, question: Pick<Question, 'phaseId'> | null) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), RECHECK_MS);
    return () => clearInterval(timer);
  }, []);
  const phase = question ? (space.phases.find((p) => p.id === question.phaseId) ?? null) : null;
  // A question without a known phase is refused by the server: treat it as closed.
  const state: PhaseState = phase ? phaseState(phase, now) : 'closed';
  return { state, phase } satisfies QuestionPhase;
}

/** Why there is no composer: the question closed on a date, or has not opened yet. */
export function PhaseClosedNotice({ phase }: { phase: QuestionPhase }) {
  const t = useT();
  const intl = useIntl();
  const upcoming = phase.state === 'upcoming' && phase.phase;
  const date = phase.phase
    ? // The exact moment, named in the phase's time zone ("14:00 GMT+1"), so nobody misreads it.
      intl.formatDate(upcoming ? phase.phase.opensAt : phase.phase.closesAt, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: phase.phase.timeZone,
        timeZoneName: 'short',
      })
    : null;
  return (
    <p className="phase-notice" role="status">
      {upcoming
        ? t('phase.opensOn', { date })
        : date
          ? t('phase.closedOn', { date })
          : t('phase.closedNoDate')}
    </p>
  );
}
