import type { Localized } from '@parley/shared';
import { useIntl } from 'react-intl';
import { pickLocalized } from '../i18n/localized';
import { useUiLang } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { PlainText } from './PlainText';
import './other-versions.css';

/** The reader's version of a multilingual field (hook form, for titles and names). */
export function useLocalized(field: Localized | undefined, spaceLanguages: readonly string[] = []) {
  const { lang } = useUiLang();
  return pickLocalized(field, lang, spaceLanguages);
}

/** "Shown in English" when the reader's language is missing. */
export function FallbackMarker({ lang }: { lang: string }) {
  const t = useT();
  const intl = useIntl();
  let language = lang;
  try {
    language = new Intl.DisplayNames([intl.locale], { type: 'language' }).of(lang) ?? lang;
  } catch {
    // an unknown code: show the code
  }
  return <p className="fallback-marker">{t('content.shownIn', { language })}</p>;
}

/** A long multilingual text (intro, question body) as paragraphs, with its language and fallback marker. */
export function LocalizedBlock({
  field,
  spaceLanguages,
  className,
}: {
  field: Localized | undefined;
  spaceLanguages: readonly string[];
  className?: string;
}) {
  const picked = useLocalized(field, spaceLanguages);
  if (!picked.text) return null;
  const others = Object.entries(field ?? {}).filter(
    ([lang, text]) => lang !== picked.lang && text.trim() !== '',
  );
  return (
    <div className={className}>
      {picked.fallback && <FallbackMarker lang={picked.lang} />}
      <PlainText text={picked.text} lang={picked.lang} />
      {others.length > 0 && <OtherVersions versions={others} />}
    </div>
  );
}

/** The same text in the space's other languages, folded away: for a reader who reads two. */
function OtherVersions({ versions }: { versions: [string, string][] }) {
  const t = useT();
  const { lang: uiLang } = useUiLang();
  return (
    <details className="other-versions">
      <summary>{t('content.otherVersions')}</summary>
      {versions.map(([lang, text]) => (
        <section key={lang} className="other-versions__item">
          <h3 className="other-versions__lang">{languageName(lang, uiLang)}</h3>
          <PlainText text={text} lang={lang} />
        </section>
      ))}
    </details>
  );
}

function languageName(lang: string, uiLang: string): string {
  try {
    return new Intl.DisplayNames([uiLang], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}
