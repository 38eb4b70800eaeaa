import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { FormattedDate } from 'react-intl';
import type { Me, Post, Question, Space } from '@parley/shared';
import {
  useModerationLog,
  usePendingPosts,
  usePostsByIds,
  useQuestionsByIds,
  useSpacesById,
} from '../../db/queries';
import { useData } from '../../db/context';
import { addDecision } from '../../db/writes';
import { isModerator, useSession } from '../../session/SessionProvider';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { Dialog } from '../../ui/Dialog';
import { useLocalized } from '../../ui/LocalizedText';
import { Loading, PageTitle } from '../../ui/Page';
import { PlainText } from '../../ui/PlainText';
import { myDecisions, queuedDecisionFor, queueOf, type DecisionView } from './queue';
import './moderation.css';

const EXCERPT = 160;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

function RejectDialog({
  open,
  onClose,
  onReject,
}: {
  open: boolean;
  onClose: () => void;
  onReject: (reason: string) => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    onReject(reason.trim());
    setReason('');
  };
  return (
    <Dialog title={t('moderation.rejectTitle')} open={open} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('moderation.reason')}</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            required
            maxLength={2_000}
            aria-invalid={missing}
            aria-describedby={`${id}-help`}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
          />
          <p
            id={`${id}-help`}
            className={missing ? 'form__error' : 'field__help'}
            role={missing ? 'alert' : undefined}
          >
            {t(missing ? 'moderation.reasonMissing' : 'moderation.reasonHelp')}
          </p>
        </div>
        <div className="dialog__buttons">
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('moderation.cancel')}
          </button>
          <button type="submit" className="button button--danger">
            {t('moderation.rejectConfirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function QueueItem({
  post,
  question,
  space,
  parent,
}: {
  post: Post;
  question?: Question;
  space?: Space;
  parent?: Post;
}) {
  const t = useT();
  const { db } = useData();
  const announce = useAnnounce();
  const [rejecting, setRejecting] = useState(false);
  const title = useLocalized(question?.title, space?.languages ?? []);

  const decide = async (decision: 'approve' | 'reject', reason: string | null) => {
    if (!db) return;
    const result = await addDecision(db, { postId: post.id, decision, reason, basedOnStatus: post.status });
    announce(t(result.ok ? 'moderation.queuedAnnounce' : 'moderation.failed'));
  };

  return (
    <li>
      <article className="card queue-item" aria-label={t('moderation.itemLabel', { name: post.authorName })}>
        <p className="queue-item__where">
          {space && question ? (
            <Link href={`/s/${space.slug}/q/${question.id}`} lang={title.lang} className="card-heading-link">
              {title.text}
            </Link>
          ) : (
            <span className="muted">{t('moderation.unknownQuestion')}</span>
          )}
        </p>
        {parent && (
          <blockquote className="queue-item__parent">
            <p className="muted">{t('moderation.inReplyTo', { name: parent.authorName })}</p>
            <p lang={parent.lang}>{excerpt(parent.body)}</p>
          </blockquote>
        )}
        <p className="queue-item__author">
          <strong>{post.authorName}</strong>
          {post.anonymous && <span className="tag tag--anonymous">{t('moderation.postedAsAnonymous')}</span>}
          <span className="muted">
            <FormattedDate value={post.receivedAt ?? post.createdAt} dateStyle="medium" timeStyle="short" />
          </span>
        </p>
        <PlainText text={post.body} lang={post.lang} className="queue-item__body" />
        <div className="queue-item__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void decide('approve', null)}
          >
            {t('moderation.approve')}
          </button>
          <button type="button" className="button button--danger-quiet" onClick={() => setRejecting(true)}>
            {t('moderation.reject')}
          </button>
        </div>
        <RejectDialog
          open={rejecting}
          onClose={() => setRejecting(false)}
          onReject={(reason) => {
            setRejecting(false);
            void decide('reject', reason);
          }}
        />
      </article>
    </li>
  );
}

function RecentDecision({ view, post }: { view: DecisionView; post?: Post }) {
  const t = useT();
  const what = t(view.decision.decision === 'approve' ? 'moderation.approved' : 'moderation.rejected');
  let outcome: string;
  switch (view.kind) {
    case 'queued':
      outcome = t('moderation.queued');
      break;
    case 'applied':
      outcome = t('moderation.applied');
      break;
    case 'superseded':
      outcome = view.decidedBy
        ? t('moderation.supersededBy', { name: view.decidedBy })
        : t('moderation.superseded');
      break;
  }
  return (
    <li className={`recent recent--${view.kind}`}>
      <span className="recent__what">{what}</span> <span className="recent__outcome">{outcome}</span>
      {post && <span className="recent__excerpt muted"> · {excerpt(post.body)}</span>}
    </li>
  );
}

function Queue({ me }: { me: Me }) {
  const t = useT();
  const pending = usePendingPosts(true);
  const log = useModerationLog(true);
  // A post leaves the queue as soon as I decide; "Your recent decisions" shows it until synced.
  const queue =
    pending && log ? queueOf(pending, me).filter((p) => !queuedDecisionFor(p.id, log)) : undefined;
  const recent = log ? myDecisions(log, me) : [];
  const questions = useQuestionsByIds(queue?.map((p) => p.questionId) ?? []);
  const related = usePostsByIds([
    ...(queue?.flatMap((p) => (p.parentId ? [p.parentId] : [])) ?? []),
    ...recent.map((r) => r.decision.postId),
  ]);
  const spaces = useSpacesById();
  if (queue === undefined || log === undefined) return <Loading />;
  return (
    <>
      <p className="muted">{t('moderation.count', { count: queue.length })}</p>
      {queue.length === 0 ? (
        <p className="empty">{t('moderation.empty')}</p>
      ) : (
        <ol className="card-list">
          {queue.map((post) => (
            <QueueItem
              key={post.id}
              post={post}
              question={questions?.get(post.questionId)}
              space={spaces?.get(post.spaceId)}
              parent={post.parentId ? related?.get(post.parentId) : undefined}
            />
          ))}
        </ol>
      )}
      {recent.length > 0 && (
        <section className="stack" aria-labelledby="recent-heading">
          <h2 id="recent-heading">{t('moderation.recent')}</h2>
          <ul className="recent-list">
            {recent.map((view) => (
              <RecentDecision key={view.decision.id} view={view} post={related?.get(view.decision.postId)} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function ModerationPage() {
  const t = useT();
  const { me } = useSession();
  return (
    <section className="stack">
      <PageTitle title={t('moderation.title')}>{t('moderation.title')}</PageTitle>
      {me && isModerator(me) ? (
        <Queue me={me} />
      ) : (
        <p>{me ? t('moderation.notModerator') : <Link href="/signin">{t('moderation.signIn')}</Link>}</p>
      )}
    </section>
  );
}
