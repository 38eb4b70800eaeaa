import { useId, type ReactNode } from 'react';
import type { MessageId } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';

export interface FieldA11y {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled form field with its help and its problem, both tied to the input so a screen reader
 * reads them with it; the problem is a catalogue key, so it reads in the UI language.
 */
export function Field({
  label,
  help,
  problem,
  children,
}: {
  label: ReactNode;
  help?: ReactNode;
  problem?: MessageId;
  children: (a11y: FieldA11y) => ReactNode;
}) {
  const t = useT();
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(problem ? { 'aria-invalid': true } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {help && (
        <p id={`${id}-help`} className="field__help">
          {help}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="form__error">
          {t(problem)}
        </p>
      )}
    </div>
  );
}
