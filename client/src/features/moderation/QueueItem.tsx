import { useState } from 'react';
import { Link } from 'wouter';
import { FormattedDate } from 'react-intl';
import type { MailNote, Post, Question, Space } from '@parley/shared';
import { useT } from '../../i18n/useT';
import { useLocalized } from '../../ui/LocalizedText';
import { PlainText } from '../../ui/PlainText';
import { ReasonDialog, type ReasonChoice } from '../../ui/ReasonDialog';
import { shownAuthorName } from '../../posts/display';
import { AttachmentList } from '../../attachments/AttachmentList';
import type { WindowListItem } from '../../ui/useWindowList';
import '../../phases/phases.css';

const EXCERPT = 200;
export const excerpt = (text: string, max = EXCERPT) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Who sent a comment by e-mail, its subject and the files left out: for moderators only. */
function MailNoteBlock({ note }: { note: MailNote }) {
  const t = useT();
  return (
    <div className="queue-item__mail">
      <p>{t('moderation.email.receivedFrom', { address: note.from })}</p>
      {note.subject && <p dir="auto">{t('moderation.email.subject', { subject: note.subject })}</p>}
      {note.dropped.map((d, i) => (
        <p key={i} className="queue-item__dropped">
          {t(`moderation.email.dropped.${d.why}`, { name: d.name })}
        </p>
      ))}
    </div>
  );
}

export type Decide = (
  post: Post,
  decision: 'approve' | 'reject' | 'hide' | 'dismissFlags',
  choice?: ReasonChoice,
) => void;

/**
 * One post to review, in context: where it was posted, the comment it answers, who wrote it (the
 * real name, even when posted as Anonymous: the queue is the one place moderators see it), and
 * its flags. The actions sit at the bottom of the card, under the thumb.
 */
export function QueueItem({
  post,
  question,
  space,
  parent,
  selected,
  onSelect,
  decide,
  itemProps,
}: {
  /** Its place in the (possibly virtualized) queue. */
  itemProps?: WindowListItem<Post>['props'];
  post: Post;
  question?: Question;
  space?: Space;
  parent?: Post;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  decide: Decide;
}) {
  const t = useT();
  const [asking, setAsking] = useState<'reject' | 'hide' | null>(null);
  const title = useLocalized(question?.title, space?.languages ?? []);
  const flagged = post.status === 'approved' && post.flags.length > 0;
  // A comment received by e-mail is named after its sender (the author is the mail account).
  const who = post.onBehalfOf ?? post.authorName;
  const note = post.mailNote;
  const label = t(flagged ? 'moderation.flaggedItemLabel' : 'moderation.itemLabel', {
    name: who,
  });

  return (
    <li {...itemProps}>
      <article className={`card queue-item${selected ? ' queue-item--selected' : ''}`} aria-label={label}>
        <div className="queue-item__top">
          <label className="checkbox queue-item__select">
            <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} />
            <span className="visually-hidden">{t('moderation.select', { name: who })}</span>
          </label>
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
        </div>
        {parent && (
          <blockquote className="queue-item__parent">
            <p className="muted">{t('moderation.inReplyTo', { name: shownAuthorName(parent, null) })}</p>
            <p dir="auto" lang={parent.lang}>
              {excerpt(parent.body)}
            </p>
          </blockquote>
        )}
        <p className="queue-item__author">
          <strong>
            {post.onBehalfOf ? t('thread.onBehalfOf', { name: post.onBehalfOf }) : post.authorName}
          </strong>
          {/* Who is speaking: the organisation the author named, as readers will see it. */}
          {post.authorOrganisation && (
            <span className="muted" dir="auto">
              · {post.authorOrganisation}
            </span>
          )}
          {post.anonymous && <span className="tag tag--anonymous">{t('moderation.postedAsAnonymous')}</span>}
          <span className="tag tag--lang" title={t('moderation.language')}>
            {post.lang.toUpperCase()}
          </span>
          {post.writtenBeforeClose && (
            <span className="tag tag--late" title={t('moderation.writtenBeforeCloseHint')}>
              {t('moderation.writtenBeforeClose')}
            </span>
          )}
          <span className="muted queue-item__date">
            <FormattedDate value={post.receivedAt ?? post.createdAt} dateStyle="medium" timeStyle="short" />
          </span>
        </p>
        {note && <MailNoteBlock note={note} />}
        <PlainText text={post.body} lang={post.lang} className="queue-item__body" />
        <AttachmentList attachments={post.attachments} />
        {flagged && (
          <section
            className="queue-item__flags"
            aria-label={t('moderation.flags', { count: post.flags.length })}
          >
            <p className="queue-item__flags-title">{t('moderation.flags', { count: post.flags.length })}</p>
            <ul>
              {post.flags.map((flag, i) => (
                <li key={i}>
                  <span>{flag.reason}</span>{' '}
                  <span className="muted">
                    <FormattedDate value={flag.createdAt} dateStyle="medium" timeStyle="short" />
                  </span>
                </li>
              ))}
            </ul>
            <p className="muted">{t('moderation.flaggedStillPublic')}</p>
          </section>
        )}
        <div className="queue-item__actions">
          {flagged ? (
            <>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => decide(post, 'dismissFlags')}
              >
                {t('moderation.keepPublished')}
              </button>
              <button type="button" className="button button--danger" onClick={() => setAsking('hide')}>
                {t('moderation.hide')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="button button--danger-quiet"
                onClick={() => setAsking('reject')}
              >
                {t('moderation.reject')}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => decide(post, 'approve')}
              >
                {t('moderation.approve')}
              </button>
            </>
          )}
        </div>
        <ReasonDialog
          open={asking !== null}
          title={t(asking === 'hide' ? 'moderation.hideTitle' : 'moderation.rejectTitle')}
          confirmLabel={t(asking === 'hide' ? 'moderation.hideConfirm' : 'moderation.rejectConfirm')}
          templates={space?.reasonTemplates ?? []}
          spaceLanguages={space?.languages ?? []}
          onClose={() => setAsking(null)}
          onConfirm={(choice) => {
            const decision = asking ?? 'reject';
            setAsking(null);
            decide(post, decision, choice);
          }}
        />
      </article>
    </li>
  );
}
