import { useEffect, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { Link, useSearch } from 'wouter';
import { FormattedDate } from 'react-intl';
import { ANONYMOUS_NAME, questionMailTag, replyMailTag, taggedAddress, type Space } from '@parley/shared';
import { useFirstQuestionPosts, useQuestion, useQuestionPosts, useSpaceBySlug } from '../../db/queries';
import { useData } from '../../db/context';
import { moderatesPost, useSession } from '../../session/SessionProvider';
import { shownAuthorName, shownOrganisation } from '../../posts/display';
import { useT } from '../../i18n/useT';
import { LocalizedBlock, useLocalized } from '../../ui/LocalizedText';
import { Loading, PageTitle } from '../../ui/Page';
import { NotFound } from '../../ui/NotFound';
import { PlainText } from '../../ui/PlainText';
import { BackChevron } from '../../ui/DirectionalIcon';
import { LanguageFilter } from './LanguageFilter';
import { PostStateBadge } from '../../ui/PostStateBadge';
import { RepostButton } from '../../ui/RepostButton';
import { useDraftList } from '../../drafts/use-draft';
import { postState, repostable as canRepost } from '../../posts/postState';
import type { ComposerProps } from '../../ui/composer';
import { buildThread, type ThreadNode } from './tree';
import { FlagButton, HideButton } from './PostActions';
import { OwnPostActions } from '../../ui/OwnPostActions';
import { PhaseClosedNotice, useQuestionPhase } from '../../phases/question-phase';
import { SpaceStatusNotice, takesPosts } from '../../space-status/space-status';
import { AttachmentList, QueuedAttachments } from '../../attachments/AttachmentList';
import { useWindowList, type WindowListItem } from '../../ui/useWindowList';
import './threads.css';

function PostItem({
  node,
  viewerId,
  Composer,
  replyingTo,
  setReplyingTo,
  editing,
  setEditing,
  drafted,
  threadHref,
  space,
  canPost,
  itemProps,
}: {
  /** For a top-level comment: its place in the (possibly virtualized) list. */
  itemProps?: WindowListItem<ThreadNode>['props'];
  space: Space;
  /** False once the question's phase closed (or before it opens): read-only. */
  canPost: boolean;
  node: ThreadNode;
  viewerId: string | null;
  Composer: ComponentType<ComposerProps>;
  replyingTo: string | null;
  setReplyingTo: (id: string | null) => void;
  /** The author's own post being edited in place, if any. */
  editing: string | null;
  setEditing: (id: string | null) => void;
  /** Posts that have a reply draft on this device. */
  drafted: ReadonlySet<string>;
  threadHref: string;
}) {
  const t = useT();
  const { me } = useSession();
  const { post } = node;
  const repostable = viewerId !== null && post.authorId === viewerId && canRepost(postState(post, true));
  const own = viewerId !== null && post.authorId === viewerId;
  const isReply = post.parentId !== null;
  // Anonymous stays anonymous here, for moderators too: only the queue names the author.
  const shownName = shownAuthorName(post, viewerId);
  // The server sends "Anonymous" to everyone but the author and moderators; each reader reads it in their language.
  const organisation = shownOrganisation(post, viewerId);
  const name = post.anonymous && shownName === ANONYMOUS_NAME ? t('thread.anonymous') : shownName;
  // "Name · Organisation": who is speaking, and for whom.
  const speaker = organisation ? `${name} · ${organisation}` : name;
  const label = t(isReply ? 'thread.replyBy' : 'thread.commentBy', { name: speaker });
  const moderator = moderatesPost(me, post);
  return (
    <li className="thread__item" {...itemProps}>
      <article className={`post${own ? ' post--own' : ''}`} aria-label={label}>
        <header className="post__head">
          <span className="post__author" dir="auto">
            {post.onBehalfOf ? t('thread.onBehalfOf', { name: post.onBehalfOf }) : name}
            {organisation && (
              <span className="post__organisation">
                {' · '}
                <bdi>{organisation}</bdi>
              </span>
            )}
          </span>
          {post.fromModerator && !post.onBehalfOf && (
            <span className="tag tag--moderator">{t('thread.fromModerator')}</span>
          )}
          {own && post.anonymous && (
            <span className="tag tag--anonymous">{t('thread.postedAsAnonymous')}</span>
          )}
          <span className="post__date">
            <FormattedDate value={post.createdAt} dateStyle="medium" timeStyle="short" />
          </span>
          {isReply && node.parentName && (
            <span className="post__in-reply">{t('thread.inReplyTo', { name: node.parentName })}</span>
          )}
        </header>
        {own && editing === post.id ? (
          <Composer
            spaceId={post.spaceId}
            questionId={post.questionId}
            parentId={post.parentId}
            edit={post}
            onDone={() => setEditing(null)}
          />
        ) : (
          <PlainText text={post.body} lang={post.lang} className="post__body" />
        )}
        <AttachmentList attachments={post.attachments} />
        {own && <QueuedAttachments postId={post.id} />}
        {own && post.status !== 'approved' && <PostStateBadge post={post} />}
        <div className="post__actions">
          {repostable && <RepostButton post={post} threadHref={threadHref} />}
          {own && editing !== post.id && (
            <OwnPostActions
              post={post}
              canEdit={canPost}
              onEdit={() => {
                setReplyingTo(null);
                setEditing(post.id);
              }}
            />
          )}
          {post.status === 'approved' && moderator && <HideButton post={post} space={space} />}
          {post.status === 'approved' && viewerId !== null && !own && !moderator && (
            <FlagButton post={post} />
          )}
          {/* Replies answer what everyone can read: not a post waiting, refused, hidden or withdrawn. */}
          {canPost && post.status === 'approved' && (
            <button
              type="button"
              className="button button--quiet"
              aria-expanded={replyingTo === post.id}
              onClick={() => setReplyingTo(replyingTo === post.id ? null : post.id)}
            >
              {t('thread.reply')}
            </button>
          )}
          {canPost && post.status === 'approved' && !own && space.contactEmail && (
            <a
              className="button button--quiet"
              href={`mailto:${taggedAddress(space.contactEmail, replyMailTag(post.id))}`}
              aria-label={t('thread.replyByEmailTo', { name })}
            >
              {t('thread.replyByEmail')}
            </a>
          )}
          {drafted.has(post.id) && replyingTo !== post.id && (
            <span className="tag tag--draft">{t('thread.draftReply')}</span>
          )}
        </div>
        {canPost && replyingTo === post.id && (
          <Composer
            spaceId={post.spaceId}
            questionId={post.questionId}
            parentId={post.id}
            autoFocus
            onDone={() => setReplyingTo(null)}
          />
        )}
      </article>
      {node.replies.length > 0 && (
        <ol className="thread__replies">
          {node.replies.map((child) => (
            <PostItem
              key={child.post.id}
              node={child}
              viewerId={viewerId}
              Composer={Composer}
              replyingTo={replyingTo}
              setReplyingTo={setReplyingTo}
              editing={editing}
              setEditing={setEditing}
              drafted={drafted}
              threadHref={threadHref}
              space={space}
              canPost={canPost}
            />
          ))}
        </ol>
      )}
    </li>
  );
}

/** Posts read first, to show a big thread's opening comments at once. */
const FIRST_POSTS = 30;

function Thread({
  space,
  questionId,
  Composer,
}: {
  space: Space;
  questionId: string;
  Composer: ComponentType<ComposerProps>;
}) {
  const t = useT();
  const { me } = useSession();
  const { connection } = useData();
  const question = useQuestion(questionId);
  const allPosts = useQuestionPosts(questionId);
  // Until the whole thread is read (thousands of posts take a while on a slow phone), its oldest
  // posts are shown: they come first anyway, and replies always follow what they answer.
  const firstPosts = useFirstQuestionPosts(questionId, FIRST_POSTS);
  const complete = allPosts !== undefined;
  const posts = allPosts ?? firstPosts;
  const [replyingTo, setReplyingTo] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [langFilter, setLangFilter] = useState<string | null>(null);
  const search = useSearch();
  const replyParam = new URLSearchParams(search).get('reply');
  // My posts and Drafts open the author's edit of a post here.
  const editParam = new URLSearchParams(search).get('edit');
  useEffect(() => {
    if (editParam) {
      setReplyingTo(null);
      setEditing(editParam);
    }
  }, [editParam]);
  const draftList = useDraftList();
  const replyDrafts = (draftList ?? []).flatMap((d) =>
    d.target.kind === 'reply' && d.target.questionId === questionId ? [d.target.parentId] : [],
  );
  const drafted = new Set(replyDrafts);
  // A reply asked for by the address (Drafts screen, "Edit and post again"), else, when the
  // thread opens, the newest reply draft on this device: a reload finds the reply being written.
  const opened = useRef(false);
  const newestReplyDraft = replyDrafts[0] ?? null;
  useEffect(() => {
    if (replyParam) {
      opened.current = true;
      setReplyingTo(replyParam);
      return;
    }
    if (opened.current || draftList === undefined) return;
    opened.current = true;
    if (newestReplyDraft) setReplyingTo(newestReplyDraft);
  }, [replyParam, draftList, newestReplyDraft]);
  const threadHref = `/s/${space.slug}/q/${questionId}`;
  const title = useLocalized(question?.title, space.languages);
  const spaceTitle = useLocalized(space.title, space.languages);
  const phase = useQuestionPhase(space, question ?? null);
  // A closed or archived space (or a draft) takes nothing, whatever its phases say.
  const spaceOpen = takesPosts(space);
  const canPost = spaceOpen && phase.state === 'open';
  const viewerId = me?.id ?? null;
  const fullThread = useMemo(() => (posts ? buildThread(posts, viewerId) : undefined), [posts, viewerId]);
  // The filter keeps comments in the chosen language, each with its whole conversation of replies.
  const thread = useMemo(
    () => (langFilter && fullThread ? fullThread.filter((n) => n.post.lang === langFilter) : fullThread),
    [fullThread, langFilter],
  );
  if (question === undefined || (question === null && connection === 'syncing')) return <Loading />;
  if (question === null || question.spaceId !== space.id) return <NotFound message={t('thread.notFound')} />;
  const postLangs = [...new Set((fullThread ?? []).map((n) => n.post.lang))].sort();
  const count = thread ? countNodes(thread) : 0;
  // A comment whose reply is being written stays mounted however far the reader scrolls.
  const replyRoot = replyingTo && thread ? thread.findIndex((n) => containsPost(n, replyingTo)) : -1;
  const editRoot = editing && thread ? thread.findIndex((n) => containsPost(n, editing)) : -1;
  return (
    <div className="stack thread">
      <p className="breadcrumb">
        <Link href={`/s/${space.slug}`}>
          <BackChevron />{' '}
          <span dir="auto" lang={spaceTitle.lang}>
            {spaceTitle.text}
          </span>
        </Link>
      </p>
      <PageTitle title={title.text}>
        <span dir="auto" lang={title.lang}>
          {title.text}
        </span>
      </PageTitle>
      <LocalizedBlock field={question.body} spaceLanguages={space.languages} className="thread__question" />
      {phase.state === 'open' && space.contactEmail && (
        <p className="thread__email">
          {t('thread.byEmail')}{' '}
          <a
            href={`mailto:${taggedAddress(space.contactEmail, questionMailTag(question.position))}`}
            className="mail-address"
            dir="ltr"
          >
            {taggedAddress(space.contactEmail, questionMailTag(question.position))}
          </a>
        </p>
      )}

      <section className="stack" aria-labelledby="comments-heading">
        {/* The count (and the filter, which needs every language) once the whole thread is read. */}
        <h2 id="comments-heading">{t('thread.comments', { count: complete ? count : 0 })}</h2>
        {complete && <LanguageFilter langs={postLangs} value={langFilter} onChange={setLangFilter} />}
        {thread === undefined || (!complete && thread.length === 0) ? (
          <Loading />
        ) : thread.length === 0 ? (
          <p className="empty">{t(canPost ? 'thread.empty' : 'phase.noComments')}</p>
        ) : (
          <ThreadList
            thread={thread}
            pinned={[replyRoot, editRoot].filter((i) => i >= 0)}
            renderItem={({ item: node, props }) => (
              <PostItem
                key={node.post.id}
                itemProps={props}
                node={node}
                viewerId={me?.id ?? null}
                Composer={Composer}
                replyingTo={replyingTo}
                setReplyingTo={setReplyingTo}
                editing={editing}
                setEditing={setEditing}
                drafted={drafted}
                threadHref={threadHref}
                space={space}
                canPost={canPost}
              />
            )}
          />
        )}
      </section>

      {/* One composer at a time: while a reply is being written, the new-comment one steps aside. */}
      {!spaceOpen && <SpaceStatusNotice space={space} />}
      {spaceOpen && phase.state !== 'open' && <PhaseClosedNotice phase={phase} />}
      {canPost && replyingTo === null && editing === null && (
        <section className="stack" aria-labelledby="compose-heading" id="compose">
          <h2 id="compose-heading">{t('thread.addComment')}</h2>
          <Composer spaceId={space.id} questionId={question.id} parentId={null} />
        </section>
      )}
    </div>
  );
}

/**
 * The top-level comments, each with its replies nested inside. A long thread (thousands of
 * comments) mounts only the comments near the viewport: see useWindowList.
 */
function ThreadList({
  thread,
  pinned,
  renderItem,
}: {
  thread: ThreadNode[];
  pinned: number[];
  renderItem: (item: WindowListItem<ThreadNode>) => ReactNode;
}) {
  const { shown, listProps } = useWindowList(thread, {
    keyOf: (node) => node.post.id,
    // A comment of a paragraph on a phone; each is measured once mounted.
    estimateSize: 360,
    gap: 12,
    pinned,
  });
  return (
    <ol className="thread__list" {...listProps}>
      {shown.map(renderItem)}
    </ol>
  );
}

function containsPost(node: ThreadNode, id: string): boolean {
  return node.post.id === id || node.replies.some((r) => containsPost(r, id));
}

function countNodes(nodes: ThreadNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countNodes(n.replies), 0);
}

export function ThreadPage({
  slug,
  questionId,
  Composer,
}: {
  slug: string;
  questionId: string;
  Composer: ComponentType<ComposerProps>;
}) {
  const t = useT();
  const space = useSpaceBySlug(slug);
  const { connection } = useData();
  if (space === undefined || (space === null && connection === 'syncing')) return <Loading />;
  if (space === null) return <NotFound message={t('space.notFound')} />;
  return <Thread space={space} questionId={questionId} Composer={Composer} />;
}
