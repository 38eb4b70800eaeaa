import { useT } from '../../i18n/useT';
import type { PhaseState } from '../../phases/phase-state';

export function StateTag({ state }: { state: PhaseState }) {
  const t = useT();
  return <span className={`tag tag--${state}`}>{t(`phase.${state}`)}</span>;
}
