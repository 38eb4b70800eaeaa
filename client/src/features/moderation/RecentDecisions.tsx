import type { Moderation, Post, Space } from '@parley/shared';
import { useT, type Translate } from '../../i18n/useT';
import type { MessageId } from '../../i18n/I18nProvider';
import type { DecisionView } from './queue';
import { excerpt } from './QueueItem';
import { useReasonOf } from './reasons';

export const DECISION_LABELS: Record<Moderation['decision'], MessageId> = {
  approve: 'moderation.decision.approve',
  reject: 'moderation.decision.reject',
  hide: 'moderation.decision.hide',
  restore: 'moderation.decision.restore',
  dismissFlags: 'moderation.decision.dismissFlags',
};

export const decisionLabel = (t: Translate, m: Moderation) => t(DECISION_LABELS[m.decision]);

function FirstDecision({ first, space, post }: { first: Moderation; space?: Space; post?: Post }) {
  const t = useT();
  const reason = useReasonOf(first, space, post);
  return (
    <span className="recent__first">
      {t('moderation.firstDecision', { decision: decisionLabel(t, first) })}
      {reason && <> {t('moderation.because', { reason })}</>}
    </span>
  );
}

/** My last decisions and what became of them: queued, done, or "already decided by X" with theirs. */
export function RecentDecisions({
  views,
  posts,
  spaces,
}: {
  views: DecisionView[];
  posts: ReadonlyMap<string, Post> | undefined;
  spaces: ReadonlyMap<string, Space> | undefined;
}) {
  const t = useT();
  if (views.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t('moderation.recent')}</h2>
      <ul className="recent-list">
        {views.map((view) => {
          const post = posts?.get(view.decision.postId);
          const space = post ? spaces?.get(post.spaceId) : undefined;
          return (
            <li key={view.decision.id} className={`recent recent--${view.kind}`}>
              <span className="recent__what">{decisionLabel(t, view.decision)}</span>{' '}
              <span className="recent__outcome">
                {view.kind === 'queued'
                  ? t('moderation.queued')
                  : view.kind === 'applied'
                    ? t('moderation.applied')
                    : view.decidedBy
                      ? t('moderation.supersededBy', { name: view.decidedBy })
                      : t('moderation.superseded')}
              </span>
              {view.kind === 'superseded' && view.first && (
                <>
                  {' '}
                  <FirstDecision first={view.first} space={space} post={post} />
                </>
              )}
              {post && <span className="recent__excerpt muted"> · {excerpt(post.body, 120)}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
