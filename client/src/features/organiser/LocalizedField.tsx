import type { ReactNode } from 'react';
import type { MessageId } from '../../i18n/I18nProvider';
import { Field } from '../../ui/Field';

/**
 * One language's text of a multilingual field: marked with that language (so it is spoken and
 * spell-checked as such) and `dir="auto"` (so Arabic runs right to left). A textarea when given
 * `rows`, else a one-line input; `onChange` gets the whole record with this language's text.
 */
export function LocalizedField({
  label,
  problem,
  lang,
  value,
  rows,
  onChange,
}: {
  label: ReactNode;
  problem?: MessageId;
  lang: string;
  value: Record<string, string>;
  rows?: number;
  onChange: (value: Record<string, string>) => void;
}) {
  const common = {
    lang,
    dir: 'auto',
    value: value[lang] ?? '',
    onChange: (e: { target: { value: string } }) => onChange({ ...value, [lang]: e.target.value }),
  } as const;
  return (
    <Field label={label} problem={problem}>
      {(a11y) =>
        rows === undefined ? (
          <input {...a11y} type="text" {...common} />
        ) : (
          <textarea {...a11y} rows={rows} {...common} />
        )
      }
    </Field>
  );
}
