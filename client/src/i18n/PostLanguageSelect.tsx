import { useId } from 'react';
import { UI_LANGS } from '@parley/shared';
import { autonym } from './LanguageMenu';
import { useT } from './useT';
import './post-language.css';

/**
 * The language a post is written in: guessed from the UI language, changeable here, so that a
 * reader can filter a thread by language and moderators can route it.
 */
export function PostLanguageSelect({ value, onChange }: { value: string; onChange: (lang: string) => void }) {
  const t = useT();
  const id = useId();
  const langs = UI_LANGS.includes(value as (typeof UI_LANGS)[number]) ? [...UI_LANGS] : [value, ...UI_LANGS];
  return (
    <div className="composer__lang">
      <label htmlFor={id}>{t('compose.lang')}</label>
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
        {langs.map((code) => (
          <option key={code} value={code} lang={code}>
            {autonym(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
