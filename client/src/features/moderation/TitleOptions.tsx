import type { Localized } from '@parley/shared';
import { pickLocalized } from '../../i18n/localized';

/** The <option>s of a picker of spaces or questions: each title in the reader's language where it has one. */
export function TitleOptions<T extends { id: string; title: Localized }>({
  items,
  lang,
  languagesOf,
}: {
  items: readonly T[];
  lang: string;
  /** The languages of the item's space, for the fallback when the reader's is missing. */
  languagesOf: (item: T) => readonly string[];
}) {
  return items.map((item) => {
    const title = pickLocalized(item.title, lang, languagesOf(item));
    return (
      <option key={item.id} value={item.id} lang={title.lang}>
        {title.text}
      </option>
    );
  });
}
