import { useState } from 'react';
import { Link } from 'wouter';
import { FormattedDate } from 'react-intl';
import { drafts, useDraftList } from '../../drafts/use-draft';
import type { Draft } from '../../drafts/draft-store';
import { usePostsByIds, useQuestionsByIds, useSpacesById } from '../../db/queries';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { Dialog } from '../../ui/Dialog';
import { useLocalized } from '../../ui/LocalizedText';
import { Loading, PageTitle } from '../../ui/Page';
import type { Post, Question, Space } from '@parley/shared';
import './drafts.css';

const EXCERPT = 240;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text);

function href(draft: Draft, space: Space | undefined): string | null {
  if (!space) return null;
  const base = `/s/${space.slug}/q/${draft.target.questionId}`;
  switch (draft.target.kind) {
    case 'comment':
      return `${base}?compose=1`;
    case 'reply':
      return `${base}?reply=${draft.target.parentId}`;
    case 'edit':
      return `${base}?edit=${draft.target.postId}`;
  }
}

function DraftItem({
  draft,
  space,
  question,
  parent,
  onDiscard,
}: {
  draft: Draft;
  space?: Space;
  question?: Question;
  parent?: Post;
  onDiscard: (d: Draft) => void;
}) {
  const t = useT();
  const title = useLocalized(question?.title, space?.languages ?? []);
  const link = href(draft, space);
  const kind =
    draft.target.kind === 'reply'
      ? parent
        ? t('drafts.replyTo', { name: parent.authorName })
        : t('drafts.reply')
      : draft.target.kind === 'edit'
        ? t('drafts.edit')
        : t('drafts.comment');
  return (
    <li>
      <article className="card draft" aria-label={kind}>
        <p className="draft__kind">{kind}</p>
        <p className="draft__where muted">
          {question ? (
            <span dir="auto" lang={title.lang}>
              {title.text}
            </span>
          ) : (
            t('drafts.unknownQuestion')
          )}
        </p>
        <p className="draft__text" dir="auto" lang={draft.lang}>
          {excerpt(draft.text)}
        </p>
        <p className="draft__meta muted">
          {t('drafts.saved')} <FormattedDate value={draft.updatedAt} dateStyle="medium" timeStyle="short" />
        </p>
        <div className="draft__actions">
          {link && (
            <Link href={link} className="button button--primary">
              {t('drafts.open')}
            </Link>
          )}
          <button type="button" className="button button--danger-quiet" onClick={() => onDiscard(draft)}>
            {t('drafts.discard')}
          </button>
        </div>
      </article>
    </li>
  );
}

/** Every unfinished text on this device, newest first; discarded only from here or on posting. */
export function DraftsPage() {
  const t = useT();
  const announce = useAnnounce();
  const list = useDraftList();
  const questions = useQuestionsByIds(list?.map((d) => d.target.questionId) ?? []);
  const parents = usePostsByIds(
    list?.flatMap((d) => (d.target.kind === 'reply' ? [d.target.parentId] : [])) ?? [],
  );
  const spaces = useSpacesById();
  const [confirming, setConfirming] = useState<Draft | null>(null);
  const spaceOf = (d: Draft) => spaces?.get(d.target.spaceId);
  return (
    <section className="stack">
      <PageTitle title={t('drafts.title')}>{t('drafts.title')}</PageTitle>
      <p className="muted">{t('drafts.intro')}</p>
      {list === undefined ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="empty">{t('drafts.empty')}</p>
      ) : (
        <ul className="card-list">
          {list.map((d) => (
            <DraftItem
              key={d.key}
              draft={d}
              space={spaceOf(d)}
              question={questions?.get(d.target.questionId)}
              parent={d.target.kind === 'reply' ? parents?.get(d.target.parentId) : undefined}
              onDiscard={setConfirming}
            />
          ))}
        </ul>
      )}
      <Dialog title={t('drafts.discardTitle')} open={confirming !== null} onClose={() => setConfirming(null)}>
        <p className="draft__confirm">{t('drafts.discardBody')}</p>
        <div className="dialog__buttons">
          <button type="button" className="button button--quiet" onClick={() => setConfirming(null)}>
            {t('drafts.keep')}
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              const d = confirming;
              setConfirming(null);
              if (d)
                void drafts.discard(d.key).then(
                  () => announce(t('drafts.discarded')),
                  () => announce(t('compose.draftUnavailable')),
                );
            }}
          >
            {t('drafts.discardConfirm')}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
