import { useId } from 'react';
import { useSession } from '../session/SessionProvider';
import { rememberOnAccount } from './account-lang';
import { AVAILABLE_UI_LANGS, useUiLang } from './I18nProvider';
import { useT } from './useT';
import './language-menu.css';

/** Each language named in itself, so a reader finds theirs whatever the UI language is now. */
export function autonym(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    return lang;
  }
}

/**
 * The UI language, switchable in two taps from every screen (open, pick): a native select, which
 * phones show as their own large picker and screen readers announce as "Language". It lies,
 * transparent, over a compact globe and code, so that the header still fits 320 px.
 */
export function LanguageMenu() {
  const t = useT();
  const id = useId();
  const { lang, setLang } = useUiLang();
  const { me } = useSession();
  return (
    <div className="language-menu">
      <label htmlFor={id} className="language-menu__label">
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-2.9a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8zM12 4a14 14 0 0 1 1.9 4h-3.8A14 14 0 0 1 12 4zM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4zm.8 2h2.9a15.7 15.7 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16zM8 8H5.1a8 8 0 0 1 4.3-3.6A15.7 15.7 0 0 0 8 8zm4 12a14 14 0 0 1-1.9-4h3.8A14 14 0 0 1 12 20zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4zm.3 5.6a15.7 15.7 0 0 0 1.4-3.6h2.9a8 8 0 0 1-4.3 3.6zm1.7-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4z"
          />
        </svg>
        <span className="visually-hidden">{t('nav.language')}</span>
        <span className="language-menu__code" aria-hidden="true">
          {lang.toUpperCase()}
        </span>
      </label>
      <select
        id={id}
        className="language-menu__select"
        value={lang}
        onChange={(event) => {
          const next = event.target.value;
          setLang(next);
          if (me) void rememberOnAccount(me.id, next);
        }}
      >
        {AVAILABLE_UI_LANGS.map((code) => (
          <option key={code} value={code} lang={code}>
            {autonym(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
