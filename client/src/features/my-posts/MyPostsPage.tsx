import { Link } from 'wouter';
import { FormattedDate } from 'react-intl';
import type { Post, Question, Space } from '@parley/shared';
import { useMyPosts, useQuestionsByIds, useSpacesById } from '../../db/queries';
import { useSession } from '../../session/SessionProvider';
import { useT } from '../../i18n/useT';
import { useLocalized } from '../../ui/LocalizedText';
import { Loading, PageTitle } from '../../ui/Page';
import { PlainText } from '../../ui/PlainText';
import { PostStateBadge } from '../../ui/PostStateBadge';
import { RepostButton } from '../../ui/RepostButton';
import { postState, repostable } from '../../posts/postState';
import { useQuestionPhase } from '../../phases/question-phase';
import { OwnPostActions } from '../../ui/OwnPostActions';
import './my-posts.css';

/** Long posts are cut here; the thread shows them whole. */
const EXCERPT = 400;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text);

function MyPost({ post, question, space }: { post: Post; question?: Question; space?: Space }) {
  const t = useT();
  const title = useLocalized(question?.title, space?.languages ?? []);
  const phase = useQuestionPhase(space ?? { phases: [] }, question ?? null);
  const threadHref = space && question ? `/s/${space.slug}/q/${question.id}` : null;
  const gone = post.status === 'withdrawn' && post.receivedAt !== null;
  return (
    <li>
      <article className="card my-post" aria-label={t(post.parentId ? 'myPosts.reply' : 'myPosts.comment')}>
        <p className="my-post__where">
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
            <span className="muted">{t('myPosts.unknownQuestion')}</span>
          )}
        </p>
        <p className="my-post__meta muted">
          <FormattedDate value={post.createdAt} dateStyle="medium" timeStyle="short" />
          {post.anonymous && <> · {t('myPosts.anonymous')}</>}
        </p>
        {/* Taken back: the words stay out of sight here too (a phone can be looked at by others). */}
        {gone ? (
          <p className="muted">{t('myPosts.withdrawnNote')}</p>
        ) : (
          <PlainText text={excerpt(post.body)} lang={post.lang} className="my-post__body" />
        )}
        <PostStateBadge post={post} />
        <div className="my-post__actions">
          {threadHref && repostable(postState(post, true)) && (
            <RepostButton post={post} threadHref={threadHref} />
          )}
          <OwnPostActions
            post={post}
            canEdit={threadHref !== null && phase.state === 'open'}
            editHref={threadHref ? `${threadHref}?edit=${post.id}` : undefined}
          />
        </div>
      </article>
    </li>
  );
}

export function MyPostsPage() {
  const t = useT();
  const { me } = useSession();
  const posts = useMyPosts(me?.id ?? null);
  const questions = useQuestionsByIds(posts?.map((p) => p.questionId) ?? []);
  const spaces = useSpacesById();
  return (
    <section className="stack">
      <PageTitle title={t('myPosts.title')}>{t('myPosts.title')}</PageTitle>
      {!me ? (
        <p>
          <Link href="/signin">{t('myPosts.signIn')}</Link>
        </p>
      ) : posts === undefined ? (
        <Loading />
      ) : posts.length === 0 ? (
        <p className="empty">{t('myPosts.empty')}</p>
      ) : (
        <ul className="card-list">
          {posts.map((p) => (
            <MyPost
              key={p.id}
              post={p}
              question={questions?.get(p.questionId)}
              space={spaces?.get(p.spaceId)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
