import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { combineLatest, map } from 'rxjs';
import type { Post, Question, Space } from '@parley/shared';
import { useLive } from '../db/context';
import { useUiLang } from '../i18n/I18nProvider';
import { pickLocalized } from '../i18n/localized';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionProvider';
import { PageTitle } from '../ui/Page';
import { excerptAround, highlight, search, type SearchDoc } from './text-search';
import './search.css';

/** Everything the device holds, as search documents in the reader's language. */
function useSearchDocs(lang: string, viewerId: string | null): SearchDoc[] | undefined {
  const data = useLive(
    (db) =>
      combineLatest([db.spaces.find().$, db.questions.find().$, db.posts.find().$]).pipe(
        map(([spaces, questions, posts]) => ({
          spaces: spaces.map((d) => d.toJSON() as Space),
          questions: questions.map((d) => d.toJSON() as Question),
          posts: posts.map((d) => d.toJSON() as Post),
        })),
      ),
    [],
  );
  return useMemo(() => {
    if (!data) return undefined;
    const spaceById = new Map(data.spaces.map((s) => [s.id, s]));
    const docs: SearchDoc[] = [];
    for (const s of data.spaces) {
      docs.push({
        id: s.id,
        kind: 'space',
        title: pickLocalized(s.title, lang, s.languages).text,
        body: pickLocalized(s.intro, lang, s.languages).text,
        href: `/s/${s.slug}`,
      });
    }
    for (const q of data.questions) {
      const space = spaceById.get(q.spaceId);
      if (!space) continue;
      docs.push({
        id: q.id,
        kind: 'question',
        title: pickLocalized(q.title, lang, space.languages).text,
        body: pickLocalized(q.body, lang, space.languages).text,
        href: `/s/${space.slug}/q/${q.id}`,
      });
    }
    for (const p of data.posts) {
      const space = spaceById.get(p.spaceId);
      // Published posts, and the reader's own in any state; never what is blanked.
      if (!space || !(p.status === 'approved' || (viewerId !== null && p.authorId === viewerId))) continue;
      docs.push({
        id: p.id,
        kind: 'post',
        title: '',
        body: p.body,
        href: `/s/${space.slug}/q/${p.questionId}`,
        lang: p.lang,
      });
    }
    return docs;
  }, [data, lang, viewerId]);
}

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

/** Search what is on this device: works with no network at all. */
export function SearchPage() {
  const t = useT();
  const id = useId();
  const { lang } = useUiLang();
  const { me } = useSession();
  const initial = new URLSearchParams(useSearch()).get('q') ?? '';
  const [query, setQuery] = useState(initial);
  const deferred = useDeferredValue(query);
  const docs = useSearchDocs(lang, me?.id ?? null);
  const hits = useMemo(() => (docs ? search(docs, deferred) : []), [docs, deferred]);
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
      {deferred.trim() !== '' && (
        <p role="status" className="search__count">
          {t('search.count', { count: hits.length })}
        </p>
      )}
      <ol className="search__results">
        {hits.map(({ doc }) => (
          <li key={`${doc.kind}-${doc.id}`} className="card search__hit">
            <p className="search__kind muted">{t(KIND_LABEL[doc.kind])}</p>
            <Link href={doc.href} className="search__link">
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
    </div>
  );
}
