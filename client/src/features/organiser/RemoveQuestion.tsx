import { useState } from 'react';
import type { Question } from '@parley/shared';
import { useData } from '../../db/context';
import { useQuestionPosts } from '../../db/queries';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { Dialog } from '../../ui/Dialog';
import { removeQuestion } from './lifecycle-api';

/**
 * Remove on a question of the organiser's list, confirmed in plain words: how many comments go
 * with it, from every device. The server keeps the rows; nobody can comment on it any more.
 */
export function RemoveQuestion({
  slug,
  question,
  title,
  onRemoved,
}: {
  slug: string;
  question: Question;
  title: string;
  onRemoved: () => void;
}) {
  const t = useT();
  const announce = useAnnounce();
  const { sync } = useData();
  const posts = useQuestionPosts(question.id);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  // What readers would call its comments: withdrawn posts and refused ones are not.
  const count = (posts ?? []).filter((p) => p.status !== 'withdrawn' && p.refusal === null).length;

  const remove = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await removeQuestion(slug, question.id);
      // The question and its posts leave this device through the replication too.
      sync?.reSync();
      setOpen(false);
      announce(t('organiser.questions.removed'));
      onRemoved();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        aria-label={t('organiser.questions.removeLabel', { title })}
        onClick={() => setOpen(true)}
      >
        {t('organiser.questions.remove')}
      </button>
      <Dialog title={t('organiser.questions.removeTitle')} open={open} onClose={() => setOpen(false)}>
        <div className="stack">
          <p>{t('organiser.questions.removeBody', { title, count })}</p>
          <p className="muted">{t('organiser.questions.removeKept')}</p>
          {failed && (
            <p className="form__error" role="alert">
              {t('organiser.questions.removeFailed')}
            </p>
          )}
          <div className="dialog__buttons">
            <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
              {t('organiser.status.cancel')}
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => void remove()}
            >
              {t('organiser.questions.removeConfirm')}
            </button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
