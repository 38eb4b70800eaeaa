import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import en from './en.json';

export type Messages = Record<MessageId, string>;
export type MessageId = keyof typeof en;

/**
 * Every UI language is one JSON file beside en.json (ICU message syntax). English is bundled;
 * the others are separate chunks, loaded when chosen (and precached for offline use).
 * The build hands each one over already parsed (client/vite.config.ts), not as strings.
 */
const lazyCatalogs = import.meta.glob<Messages>(['./*.json', '!./en.json'], { import: 'default' });
const catalogLoaders: Record<string, () => Promise<Messages>> = {
  en: () => Promise.resolve(en),
  ...Object.fromEntries(Object.entries(lazyCatalogs).map(([path, load]) => [path.slice(2, -5), load])),
};
export const AVAILABLE_UI_LANGS = Object.keys(catalogLoaders);

const RTL = new Set(['ar', 'fa', 'he', 'ur']);
const LANG_KEY = 'parley.lang';

/** The first of the preferred languages that the UI has, else English. */
export function chooseUiLang(
  preferred: readonly (string | null | undefined)[],
  available = AVAILABLE_UI_LANGS,
): string {
  for (const lang of preferred) {
    if (!lang) continue;
    if (available.includes(lang)) return lang;
    const primary = lang.split('-')[0];
    if (primary && available.includes(primary)) return primary;
  }
  return 'en';
}

/** The browser's language as a content language code ("fr", "pt-BR"), for sign-up. */
export function browserLang(): string {
  const lang = typeof navigator === 'undefined' ? 'en' : (navigator.language ?? 'en');
  const match = /^([a-z]{2,3})(?:-([A-Za-z]{2}))?/i.exec(lang);
  if (!match?.[1]) return 'en';
  return match[2] ? `${match[1].toLowerCase()}-${match[2].toUpperCase()}` : match[1].toLowerCase();
}

interface UiLangValue {
  lang: string;
  setLang: (lang: string) => void;
}
const UiLangContext = createContext<UiLangValue>({ lang: 'en', setLang: () => undefined });

export function useUiLang(): UiLangValue {
  return useContext(UiLangContext);
}

function storedLang(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) ?? null;
  } catch {
    return null;
  }
}

export function I18nProvider({ accountLang, children }: { accountLang: string | null; children: ReactNode }) {
  const [chosen, setChosen] = useState<string | null>(storedLang);
  const lang = chooseUiLang([
    chosen,
    accountLang,
    ...(typeof navigator === 'undefined' ? [] : navigator.languages),
  ]);
  const [catalog, setCatalog] = useState<{ lang: string; messages: Messages }>({ lang: 'en', messages: en });

  useEffect(() => {
    let live = true;
    const load = catalogLoaders[lang];
    if (load)
      void load().then(
        (messages) => live && setCatalog({ lang, messages }),
        (error: unknown) => console.error('Could not load the messages of', lang, error),
      );
    return () => {
      live = false;
    };
  }, [lang]);

  useEffect(() => {
    document.documentElement.lang = catalog.lang;
    document.documentElement.dir = RTL.has(catalog.lang) ? 'rtl' : 'ltr';
  }, [catalog.lang]);

  const value = useMemo<UiLangValue>(
    () => ({
      lang: catalog.lang,
      setLang: (next) => {
        try {
          globalThis.localStorage?.setItem(LANG_KEY, next);
        } catch {
          // the choice lasts for this visit only
        }
        setChosen(next);
      },
    }),
    [catalog.lang],
  );

  return (
    <UiLangContext.Provider value={value}>
      <IntlProvider locale={catalog.lang} messages={catalog.messages} defaultLocale="en">
        {children}
      </IntlProvider>
    </UiLangContext.Provider>
  );
}
