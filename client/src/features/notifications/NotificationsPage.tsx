import { useEffect } from 'react';
import { Link } from 'wouter';
import { FormattedDate } from 'react-intl';
import { ANONYMOUS_NAME, type Question, type Space } from '@parley/shared';
import { useQuestionsByIds, useSpacesById } from '../../db/queries';
import { useUiLang } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import type { MessageId } from '../../i18n/I18nProvider';
import { useNotifications } from '../../notifications/useNotifications';
import type { Notice, NoticeKind } from '../../notifications/notifications';
import { moderationReasonText, shownAuthorName, shownOrganisation } from '../../posts/display';
import { useSession } from '../../session/SessionProvider';
import { useLocalized } from '../../ui/LocalizedText';
import { Loading, PageTitle } from '../../ui/Page';
import { PlainText } from '../../ui/PlainText';
import { RepostButton } from '../../ui/RepostButton';
import './notifications.css';

const HEADLINE: Record<NoticeKind, MessageId> = {
  published: 'notifications.published',
  notPublished: 'notifications.notPublished',
  hidden: 'notifications.hidden',
  reply: 'notifications.reply',
};

const EXCERPT = 240;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text);

function NoticeItem({ notice, question, space }: { notice: Notice; question?: Question; space?: Space }) {
  const t = useT();
  const { lang } = useUiLang();
  const { me } = useSession();
  const { post, kind, unread } = notice;
  const title = useLocalized(question?.title, space?.languages ?? []);
  const reason = kind === 'published' || kind === 'reply' ? null : moderationReasonText(post, space, lang);
  // A reply names its author as the thread does: "Anonymous" in the reader's language.
  const name = shownAuthorName(post, me?.id ?? null);
  const organisation = shownOrganisation(post, me?.id ?? null);
  const replier = post.anonymous && name === ANONYMOUS_NAME ? t('thread.anonymous') : name;
  const speaker = organisation ? `${replier} · ${organisation}` : replier;
  const headline = t(HEADLINE[kind], { name: speaker });
  // On screen the name is isolated (FSI…PDI): an Arabic name in an English sentence, or the
  // reverse, keeps the sentence in order.
  const shown = kind === 'reply' ? t(HEADLINE[kind], { name: `\u2068${speaker}\u2069` }) : headline;
  const threadHref = space && question ? `/s/${space.slug}/q/${question.id}` : null;
  return (
    <li>
      <article
        className={`card notice notice--${kind}${unread ? ' notice--unread' : ''}`}
        aria-label={headline}
      >
        <p className="notice__head">
          <strong>{shown}</strong>
          {unread && <span className="tag notice__new">{t('notifications.new')}</span>}
        </p>
        <p className="muted notice__meta">
          <FormattedDate value={notice.at} dateStyle="medium" timeStyle="short" />
          {threadHref && (
            <>
              {' · '}
              <Link href={threadHref} dir="auto" lang={title.lang}>
                {title.text}
              </Link>
            </>
          )}
        </p>
        {reason && (
          <p className="notice__reason">
            {t('notifications.reason')}{' '}
            <span dir="auto" lang={reason.lang}>
              {reason.text}
            </span>
          </p>
        )}
        <PlainText text={excerpt(post.body)} lang={post.lang} className="notice__body" />
        {kind === 'notPublished' && threadHref && (
          <div className="notice__actions">
            <RepostButton post={post} threadHref={threadHref} />
          </div>
        )}
      </article>
    </li>
  );
}

/** What moderators decided about my posts, and replies to them, newest first; opening the list marks it read. */
export function NotificationsPage() {
  const t = useT();
  const { me } = useSession();
  const { notices, unread, markAllRead } = useNotifications();
  const questions = useQuestionsByIds(notices?.map((n) => n.post.questionId) ?? []);
  const spaces = useSpacesById();
  // Read once seen: the "new" marks stay for this visit, the count in the menu goes.
  useEffect(() => {
    if (unread > 0) markAllRead();
  }, [unread, markAllRead]);
  return (
    <section className="stack">
      <PageTitle title={t('notifications.title')}>{t('notifications.title')}</PageTitle>
      {!me ? (
        <p>
          <Link href="/signin">{t('myPosts.signIn')}</Link>
        </p>
      ) : notices === undefined ? (
        <Loading />
      ) : notices.length === 0 ? (
        <p className="empty">{t('notifications.empty')}</p>
      ) : (
        <ul className="card-list">
          {notices.map((n) => (
            <NoticeItem
              key={n.post.id}
              notice={n}
              question={questions?.get(n.post.questionId)}
              space={spaces?.get(n.post.spaceId)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
