import type { Localized } from '@parley/shared';
import { useIntl } from 'react-intl';
import { pickLocalized } from '../i18n/localized';
import { useUiLang } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { PlainText } from './PlainText';

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
  return (
    <div className={className}>
      {picked.fallback && <FallbackMarker lang={picked.lang} />}
      <PlainText text={picked.text} lang={picked.lang} />
    </div>
  );
}
