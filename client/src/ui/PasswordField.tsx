import { useId } from 'react';
import { PASSWORD_MIN } from '@parley/shared';
import { useT } from '../i18n/useT';

/**
 * A labelled, required password input. `new` lets the browser suggest a strong password and
 * states (and checks) the minimum length; `current` lets the password manager fill it in.
 * `describedBy` ties in text elsewhere on the form.
 */
export function PasswordField({
  label,
  purpose,
  value,
  onChange,
  describedBy,
  className,
}: {
  label: string;
  purpose: 'current' | 'new';
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
  className?: string;
}) {
  const t = useT();
  const id = useId();
  const isNew = purpose === 'new';
  const description = [describedBy, isNew ? `${id}-help` : ''].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete={isNew ? 'new-password' : 'current-password'}
        required
        minLength={isNew ? PASSWORD_MIN : undefined}
        aria-describedby={description || undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {isNew && (
        <p id={`${id}-help`} className="field__help">
          {t('auth.passwordHelp', { min: PASSWORD_MIN })}
        </p>
      )}
    </div>
  );
}
