import { useState } from 'react';
import { Link } from 'wouter';
import { FormattedDate } from 'react-intl';
import type { Me, Post, Question, Space } from '@parley/shared';
import { useModerationLog, usePostsWithStatus, useQuestionsByIds, useSpacesById } from '../../db/queries';
import { useData } from '../../db/context';
import { addDecision } from '../../db/writes';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionProvider';
import { shownAuthorName } from '../../posts/display';
import { useAnnounce } from '../../ui/Announcer';
import { useLocalized } from '../../ui/LocalizedText';
import { Loading } from '../../ui/Page';
import { ReasonDialog } from '../../ui/ReasonDialog';
import { moderatesPostOf, queuedDecisionFor } from './queue';
import { excerpt } from './QueueItem';

const PAGE = 30;
const STATUSES = ['approved', 'hidden'] as const;

function PublishedItem({
  post,
  question,
  space,
  queued,
}: {
  post: Post;
  question?: Question;
  space?: Space;
  queued: boolean;
}) {
  const t = useT();
  const { db } = useData();
  const { me } = useSession();
  const announce = useAnnounce();
  const [hiding, setHiding] = useState(false);
  const title = useLocalized(question?.title, space?.languages ?? []);
  const hidden = post.status === 'hidden';
  const decide = async (decision: 'hide' | 'restore', reason: string | null, templateId: string | null) => {
    if (!db) return;
    const result = await addDecision(db, {
      postId: post.id,
      decision,
      reason,
      reasonTemplateId: templateId,
      basedOnStatus: post.status,
    });
    announce(t(result.ok ? 'moderation.queuedAnnounce' : 'moderation.failed'));
  };
  const name = shownAuthorName(post, me?.id ?? null);
  return (
    <li>
      <article
        className="card queue-item"
        aria-label={t(hidden ? 'moderation.hiddenItemLabel' : 'moderation.publishedItemLabel', { name })}
      >
        <p className="queue-item__where">
          {space && question ? (
            <Link
              href={`/s/${space.slug}/q/${question.id}`}
              dir="auto"
              lang={title.lang}
              className="card-heading-link"
            >
              {title.text}
            </Link>
          ) : (
            <span className="muted">{t('moderation.unknownQuestion')}</span>
          )}
        </p>
        <p className="queue-item__author">
          <strong>{name}</strong>
          <span className={`tag ${hidden ? 'tag--hidden' : 'tag--open'}`}>
            {t(hidden ? 'moderation.statusHidden' : 'moderation.statusPublished')}
          </span>
          <span className="muted queue-item__date">
            <FormattedDate value={post.updatedAt ?? post.createdAt} dateStyle="medium" timeStyle="short" />
          </span>
        </p>
        <p dir="auto" lang={post.lang} className="queue-item__excerpt">
          {excerpt(post.body, 280)}
        </p>
        <div className="queue-item__actions">
          {queued ? (
            <p className="queue-item__queued">{t('moderation.queued')}</p>
          ) : hidden ? (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void decide('restore', null, null)}
            >
              {t('moderation.restore')}
            </button>
          ) : (
            <button type="button" className="button button--danger-quiet" onClick={() => setHiding(true)}>
              {t('moderation.hide')}
            </button>
          )}
        </div>
        <ReasonDialog
          open={hiding}
          title={t('moderation.hideTitle')}
          confirmLabel={t('moderation.hideConfirm')}
          templates={space?.reasonTemplates ?? []}
          spaceLanguages={space?.languages ?? []}
          onClose={() => setHiding(false)}
          onConfirm={(choice) => {
            setHiding(false);
            void decide('hide', choice.reason, choice.templateId);
          }}
        />
      </article>
    </li>
  );
}

/** Published and hidden posts of my spaces, latest change first: where a moderator hides or restores. */
export function PublishedScreen({ me }: { me: Me }) {
  const t = useT();
  const posts = usePostsWithStatus(STATUSES, true);
  const log = useModerationLog(true);
  const spaces = useSpacesById();
  const [shown, setShown] = useState(PAGE);
  const mine = posts?.filter((p) => moderatesPostOf(me, p));
  const page = mine?.slice(0, shown) ?? [];
  const questions = useQuestionsByIds(page.map((p) => p.questionId));
  if (!mine || !log || !spaces) return <Loading />;
  return (
    <div className="stack">
      <p className="muted">{t('moderation.publishedIntro')}</p>
      {mine.length === 0 ? (
        <p className="empty">{t('moderation.publishedEmpty')}</p>
      ) : (
        <ol className="card-list">
          {page.map((post) => (
            <PublishedItem
              key={post.id}
              post={post}
              question={questions?.get(post.questionId)}
              space={spaces.get(post.spaceId)}
              queued={queuedDecisionFor(post.id, log) !== undefined}
            />
          ))}
        </ol>
      )}
      {mine.length > shown && (
        <button
          type="button"
          className="button button--quiet button--wide"
          onClick={() => setShown((n) => n + PAGE)}
        >
          {t('moderation.showMore', { count: Math.min(PAGE, mine.length - shown) })}
        </button>
      )}
    </div>
  );
}
