import { useId } from 'react';
import { autonym } from '../../i18n/LanguageMenu';
import { useT } from '../../i18n/useT';
import '../../i18n/post-language.css';

/** Shows only the comments written in one language; offered once a thread has more than one. */
export function LanguageFilter({
  langs,
  value,
  onChange,
}: {
  langs: readonly string[];
  value: string | null;
  onChange: (lang: string | null) => void;
}) {
  const t = useT();
  const id = useId();
  if (langs.length < 2 && value === null) return null;
  return (
    <div className="thread-lang-filter composer__lang">
      <label htmlFor={id}>{t('thread.filterLang')}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t('thread.allLanguages')}</option>
        {langs.map((code) => (
          <option key={code} value={code} lang={code}>
            {autonym(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
