import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useUiLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionProvider';
import { Loading, PageTitle } from '../../ui/Page';
import { useLiveIndex } from './live-index';
import { excerptAround, highlight } from './text-search';
import './search.css';

/** Text with its matches in <mark>: React text nodes only, never HTML. */
function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlight(text, query).map((s, i) =>
        s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}

const KIND_LABEL = {
  space: 'search.kind.space',
  question: 'search.kind.question',
  post: 'search.kind.post',
} as const;

const PAGE = 50;

/** Search what is on this device: works with no network at all. */
export function SearchPage() {
  const t = useT();
  const id = useId();
  const { lang } = useUiLang();
  const { me } = useSession();
  const initial = new URLSearchParams(useSearch()).get('q') ?? '';
  const [query, setQuery] = useState(initial);
  const deferred = useDeferredValue(query);
  const live = useLiveIndex(lang, me?.id ?? null);
  const version = live?.version;
  const hits = useMemo(() => {
    if (!live) return [];
    // A result whose space the device no longer holds has nowhere to link to.
    return live.index.search(deferred).flatMap((doc) => {
      const slug = live.slugOf(doc.spaceId);
      if (slug === undefined) return [];
      const href = doc.kind === 'space' ? `/s/${slug}` : `/s/${slug}/q/${doc.questionId ?? doc.id}`;
      return [{ doc, href }];
    });
    // `version` moves when the index changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, version, deferred]);
  // Results come a page at a time: the first screen of a common word stays quick to render.
  const [paging, setPaging] = useState({ query: deferred, limit: PAGE });
  const limit = paging.query === deferred ? paging.limit : PAGE;
  const firstNew = useRef<number | null>(null);
  const showMore = () => {
    firstNew.current = limit;
    setPaging({ query: deferred, limit: limit + PAGE });
  };
  return (
    <div className="stack search">
      <PageTitle title={t('search.title')}>{t('search.title')}</PageTitle>
      <form role="search" onSubmit={(e) => e.preventDefault()} className="search__form">
        <label htmlFor={`${id}-q`}>{t('search.label')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="muted search__hint">
          {t('search.hint')}
        </p>
      </form>
      {deferred.trim() !== '' &&
        (live ? (
          <p role="status" className="search__count">
            {t('search.count', { count: hits.length })}
          </p>
        ) : (
          <Loading />
        ))}
      <ol className="search__results">
        {hits.slice(0, limit).map(({ doc, href }, i) => (
          <li key={`${doc.kind}-${doc.id}`} className="card search__hit">
            <p className="search__kind muted">{t(KIND_LABEL[doc.kind])}</p>
            <Link
              href={href}
              className="search__link"
              ref={(el: HTMLAnchorElement | null) => {
                // "Show more" takes the reader to the first result it added.
                if (el && firstNew.current === i) {
                  firstNew.current = null;
                  el.focus();
                }
              }}
            >
              {doc.title ? <Highlighted text={doc.title} query={deferred} /> : t('search.openThread')}
            </Link>
            {doc.body && (
              <p className="search__excerpt" lang={doc.lang}>
                <Highlighted text={excerptAround(doc.body, deferred)} query={deferred} />
              </p>
            )}
          </li>
        ))}
      </ol>
      {hits.length > limit && (
        <p className="search__more">
          <button type="button" className="button" onClick={showMore}>
            {t('search.showMore')}
          </button>{' '}
          <span className="muted">{t('search.shownOf', { shown: limit, total: hits.length })}</span>
        </p>
      )}
    </div>
  );
}
