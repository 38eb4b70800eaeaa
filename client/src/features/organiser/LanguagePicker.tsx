import { useId } from 'react';
import { autonym } from '../../i18n/LanguageMenu';
import { useT } from '../../i18n/useT';

/** The language of a space's own name, in the UI language: "Title (French)". */
export function languageName(code: string, uiLang: string): string {
  try {
    return new Intl.DisplayNames([uiLang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Which of the space's languages the texts below are being written in: one radio per language
 * (native keyboard behaviour: arrows move between them), shown as a row of large pills.
 */
export function LanguagePicker({
  languages,
  value,
  onChange,
}: {
  languages: readonly string[];
  value: string;
  onChange: (lang: string) => void;
}) {
  const t = useT();
  const name = useId();
  return (
    <fieldset className="lang-picker">
      <legend>{t('organiser.editingLanguage')}</legend>
      <div className="lang-picker__options">
        {languages.map((code) => (
          <label key={code} className="lang-picker__option">
            <input
              type="radio"
              name={name}
              value={code}
              checked={value === code}
              onChange={() => onChange(code)}
            />
            <span lang={code}>{autonym(code)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
