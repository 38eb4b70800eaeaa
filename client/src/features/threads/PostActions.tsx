import { useId, useState, type FormEvent } from 'react';
import type { Post, Space } from '@parley/shared';
import { ApiError } from '../../api/http';
import { flagPost } from '../../api/moderation';
import { useData } from '../../db/context';
import { addDecision } from '../../db/writes';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { Dialog } from '../../ui/Dialog';
import { ReasonDialog } from '../../ui/ReasonDialog';

/** A moderator of the space hides a published post from the thread (queued like any decision). */
export function HideButton({ post, space }: { post: Post; space: Space }) {
  const t = useT();
  const { db } = useData();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--danger-quiet" onClick={() => setOpen(true)}>
        {t('thread.hide')}
      </button>
      <ReasonDialog
        open={open}
        title={t('moderation.hideTitle')}
        confirmLabel={t('moderation.hideConfirm')}
        templates={space.reasonTemplates ?? []}
        spaceLanguages={space.languages}
        onClose={() => setOpen(false)}
        onConfirm={(choice) => {
          setOpen(false);
          if (!db) return;
          void addDecision(db, {
            postId: post.id,
            decision: 'hide',
            reason: choice.reason,
            reasonTemplateId: choice.templateId,
            basedOnStatus: post.status,
          }).then((r) => announce(t(r.ok ? 'moderation.queuedAnnounce' : 'moderation.failed')));
        }}
      />
    </>
  );
}

type FlagState = 'idle' | 'sent' | 'already';

/** Any signed-in reader reports a published post to the moderators; it needs a connection. */
export function FlagButton({ post }: { post: Post }) {
  const t = useT();
  const announce = useAnnounce();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [state, setState] = useState<FlagState>('idle');
  const [problem, setProblem] = useState<'missing' | 'offline' | 'failed' | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') return setProblem('missing');
    setBusy(true);
    try {
      await flagPost(post.id, reason.trim());
      setState('sent');
      setOpen(false);
      setReason('');
      announce(t('flag.sent'));
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      if (code === 'already_flagged') {
        setState('already');
        setOpen(false);
      } else setProblem(code === 'network' ? 'offline' : 'failed');
    } finally {
      setBusy(false);
    }
  };

  if (state !== 'idle')
    return <span className="tag tag--flagged">{t(state === 'sent' ? 'flag.sent' : 'flag.already')}</span>;
  return (
    <>
      <button type="button" className="button button--quiet" onClick={() => setOpen(true)}>
        {t('flag.button')}
      </button>
      <Dialog title={t('flag.title')} open={open} onClose={() => setOpen(false)}>
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('flag.reason')}</label>
            <textarea
              id={`${id}-reason`}
              rows={3}
              maxLength={500}
              aria-invalid={problem === 'missing'}
              aria-describedby={`${id}-help`}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setProblem(null);
              }}
            />
            <p
              id={`${id}-help`}
              className={problem ? 'form__error' : 'field__help'}
              role={problem ? 'alert' : undefined}
            >
              {t(
                problem === 'missing'
                  ? 'flag.missing'
                  : problem === 'offline'
                    ? 'flag.offline'
                    : problem === 'failed'
                      ? 'flag.failed'
                      : 'flag.help',
              )}
            </p>
          </div>
          <div className="dialog__buttons">
            <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
              {t('moderation.cancel')}
            </button>
            <button type="submit" className="button button--danger" disabled={busy}>
              {t('flag.submit')}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
