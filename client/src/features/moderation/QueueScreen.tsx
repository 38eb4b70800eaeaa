import { useId, useState, type ReactNode } from 'react';
import { useWindowList, type WindowListItem } from '../../ui/useWindowList';
import type { Me, Post } from '@parley/shared';
import {
  useModerationLog,
  usePostsByIds,
  usePostsWithStatus,
  useQuestionsByIds,
  useSpacesById,
} from '../../db/queries';
import { useData } from '../../db/context';
import { addDecision } from '../../db/writes';
import { useUiLang } from '../../i18n/I18nProvider';
import { pickLocalized } from '../../i18n/localized';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { Loading } from '../../ui/Page';
import { ReasonDialog, type ReasonChoice } from '../../ui/ReasonDialog';
import {
  filterChoices,
  filterQueue,
  myDecisions,
  NO_FILTERS,
  queuedDecisionFor,
  queueOf,
  type QueueFilters,
} from './queue';
import { QueueItem, type Decide } from './QueueItem';
import { RecentDecisions } from './RecentDecisions';

const REVIEW_STATUSES = ['pending', 'approved'] as const;

function Select({
  label,
  value,
  onChange,
  options,
  anyLabel,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  options: { value: string; label: string; lang?: string }[];
  anyLabel?: string;
}) {
  const id = useId();
  return (
    <div className="field filter">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      >
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A long queue (thousands after an event) mounts only the cards near the viewport. */
function QueueList({
  queue,
  renderItem,
}: {
  queue: Post[];
  renderItem: (item: WindowListItem<Post>) => ReactNode;
}) {
  const { shown, listProps } = useWindowList(queue, { keyOf: (p) => p.id, estimateSize: 320, gap: 12 });
  return (
    <ol className="card-list" {...listProps}>
      {shown.map(renderItem)}
    </ol>
  );
}

/** The queue: filters, one card per post, and the bulk bar at the bottom of the screen. */
export function QueueScreen({ me }: { me: Me }) {
  const t = useT();
  const { lang } = useUiLang();
  const { db } = useData();
  const announce = useAnnounce();
  const posts = usePostsWithStatus(REVIEW_STATUSES, true);
  const log = useModerationLog(true);
  const spaces = useSpacesById();
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkRejecting, setBulkRejecting] = useState(false);

  // A post leaves the queue as soon as I decide; "Your recent decisions" shows it until synced.
  const all = posts && log ? queueOf(posts, me).filter((p) => !queuedDecisionFor(p.id, log)) : undefined;
  const recent = log ? myDecisions(log, me) : [];
  const questions = useQuestionsByIds(all?.map((p) => p.questionId) ?? []);
  const related = usePostsByIds([
    ...(all?.flatMap((p) => (p.parentId ? [p.parentId] : [])) ?? []),
    ...recent.map((r) => r.decision.postId),
  ]);
  if (all === undefined || log === undefined || !questions || !spaces) return <Loading />;

  const queue = filterQueue(all, filters, questions);
  const choices = filterChoices(all, questions, spaces);
  const shownSelected = queue.filter((p) => selected.has(p.id));
  const pendingSelected = shownSelected.filter((p) => p.status === 'pending');
  const activeFilters = [filters.spaceId, filters.questionId, filters.phaseId, filters.lang].filter(
    (f) => f !== null,
  ).length;
  const languageName = (code: string) => {
    try {
      return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };

  const save = async (post: Post, decision: Parameters<Decide>[1], choice?: ReasonChoice) => {
    if (!db) return false;
    const result = await addDecision(db, {
      postId: post.id,
      decision,
      reason: choice?.reason ?? null,
      reasonTemplateId: choice?.templateId ?? null,
      basedOnStatus: post.status,
    });
    return result.ok;
  };
  const decide: Decide = (post, decision, choice) => {
    void save(post, decision, choice).then((ok) =>
      announce(t(ok ? 'moderation.queuedAnnounce' : 'moderation.failed')),
    );
    setSelected((s) => {
      const next = new Set(s);
      next.delete(post.id);
      return next;
    });
  };
  const decideMany = async (decision: 'approve' | 'reject', choice?: ReasonChoice) => {
    const targets = pendingSelected;
    let saved = 0;
    for (const post of targets) if (await save(post, decision, choice)) saved += 1;
    setSelected(new Set());
    announce(t('moderation.bulkQueued', { count: saved }));
  };
  const bulkSpace =
    new Set(pendingSelected.map((p) => p.spaceId)).size === 1
      ? spaces.get(pendingSelected[0]!.spaceId)
      : undefined;
  const allShownSelected = queue.length > 0 && shownSelected.length === queue.length;

  return (
    <div className="stack queue">
      <details className="filters">
        <summary className="filters__summary">
          {t('moderation.filters', { count: activeFilters })}
          <span className="muted">
            {'· '}
            {t(filters.order === 'oldest' ? 'moderation.oldestFirst' : 'moderation.newestFirst')}
          </span>
        </summary>
        <div className="filters__grid">
          <Select
            label={t('moderation.order')}
            value={filters.order}
            onChange={(v) => setFilters((f) => ({ ...f, order: v === 'newest' ? 'newest' : 'oldest' }))}
            options={[
              { value: 'oldest', label: t('moderation.oldestFirst') },
              { value: 'newest', label: t('moderation.newestFirst') },
            ]}
          />
          {choices.spaces.length > 1 && (
            <Select
              label={t('moderation.space')}
              value={filters.spaceId}
              anyLabel={t('moderation.any')}
              onChange={(spaceId) => setFilters((f) => ({ ...f, spaceId, questionId: null, phaseId: null }))}
              options={choices.spaces.map((s) => {
                const title = pickLocalized(s.title, lang, s.languages);
                return { value: s.id, label: title.text, lang: title.lang };
              })}
            />
          )}
          <Select
            label={t('moderation.question')}
            value={filters.questionId}
            anyLabel={t('moderation.any')}
            onChange={(questionId) => setFilters((f) => ({ ...f, questionId }))}
            options={choices.questions
              .filter((q) => filters.spaceId === null || q.spaceId === filters.spaceId)
              .map((q) => {
                const title = pickLocalized(q.title, lang, spaces.get(q.spaceId)?.languages ?? []);
                return { value: q.id, label: title.text, lang: title.lang };
              })}
          />
          <Select
            label={t('moderation.phase')}
            value={filters.phaseId}
            anyLabel={t('moderation.any')}
            onChange={(phaseId) => setFilters((f) => ({ ...f, phaseId }))}
            options={choices.phases.map((p) => {
              const name = pickLocalized(p.name, lang);
              return { value: p.id, label: name.text, lang: name.lang };
            })}
          />
          <Select
            label={t('moderation.language')}
            value={filters.lang}
            anyLabel={t('moderation.any')}
            onChange={(code) => setFilters((f) => ({ ...f, lang: code }))}
            options={choices.langs.map((code) => ({ value: code, label: languageName(code) }))}
          />
          {activeFilters > 0 && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setFilters((f) => ({ ...NO_FILTERS, order: f.order }))}
            >
              {t('moderation.clearFilters')}
            </button>
          )}
        </div>
      </details>

      <p className="muted" role="status">
        {queue.length === all.length
          ? t('moderation.count', { count: queue.length })
          : t('moderation.countFiltered', { count: queue.length, total: all.length })}
      </p>

      {queue.length === 0 ? (
        <p className="empty">{t('moderation.empty')}</p>
      ) : (
        <>
          <label className="checkbox select-all">
            <input
              type="checkbox"
              checked={allShownSelected}
              onChange={(e) => setSelected(e.target.checked ? new Set(queue.map((p) => p.id)) : new Set())}
            />
            <span>{t('moderation.selectAll', { count: queue.length })}</span>
          </label>
          <QueueList
            queue={queue}
            renderItem={({ item: post, props }) => (
              <QueueItem
                key={post.id}
                itemProps={props}
                post={post}
                question={questions.get(post.questionId)}
                space={spaces.get(post.spaceId)}
                parent={post.parentId ? related?.get(post.parentId) : undefined}
                selected={selected.has(post.id)}
                onSelect={(on) =>
                  setSelected((s) => {
                    const next = new Set(s);
                    if (on) next.add(post.id);
                    else next.delete(post.id);
                    return next;
                  })
                }
                decide={decide}
              />
            )}
          />
        </>
      )}

      {shownSelected.length > 0 && (
        <div className="bulk-bar" role="region" aria-label={t('moderation.bulkLabel')}>
          <p className="bulk-bar__count">
            {t('moderation.selected', { count: shownSelected.length })}
            {pendingSelected.length < shownSelected.length && (
              <span className="muted"> · {t('moderation.bulkPendingOnly')}</span>
            )}
          </p>
          <div className="bulk-bar__buttons">
            <button
              type="button"
              className="button button--danger-quiet"
              disabled={pendingSelected.length === 0}
              onClick={() => setBulkRejecting(true)}
            >
              {t('moderation.rejectSelected', { count: pendingSelected.length })}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={pendingSelected.length === 0}
              onClick={() => void decideMany('approve')}
            >
              {t('moderation.approveSelected', { count: pendingSelected.length })}
            </button>
          </div>
        </div>
      )}
      <ReasonDialog
        open={bulkRejecting}
        title={t('moderation.rejectSelectedTitle', { count: pendingSelected.length })}
        confirmLabel={t('moderation.rejectSelected', { count: pendingSelected.length })}
        templates={bulkSpace?.reasonTemplates ?? []}
        spaceLanguages={bulkSpace?.languages ?? []}
        onClose={() => setBulkRejecting(false)}
        onConfirm={(choice) => {
          setBulkRejecting(false);
          void decideMany('reject', choice);
        }}
      />

      <RecentDecisions views={recent} posts={related} spaces={spaces} />
    </div>
  );
}
