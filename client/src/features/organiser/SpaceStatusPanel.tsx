import { useId, useState } from 'react';
import type { Space, SpaceStatus } from '@parley/shared';
import { ApiError } from '../../api/http';
import { useData } from '../../db/context';
import type { MessageId } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { Dialog } from '../../ui/Dialog';
import { SpaceStatusTag, statusOf } from '../../space-status/space-status';
import { changeSpaceStatus } from './lifecycle-api';

interface Action {
  to: SpaceStatus;
  label: MessageId;
  /** Moves that change what everyone sees are confirmed first; undoing one is not. */
  confirm?: { title: MessageId; body: MessageId };
}

const PUBLISH: Action = {
  to: 'published',
  label: 'organiser.status.publish',
  confirm: { title: 'organiser.status.confirmPublishTitle', body: 'organiser.status.confirmPublish' },
};
const CLOSE: Action = {
  to: 'closed',
  label: 'organiser.status.close',
  confirm: { title: 'organiser.status.confirmCloseTitle', body: 'organiser.status.confirmClose' },
};
const ARCHIVE: Action = {
  to: 'archived',
  label: 'organiser.status.archive',
  confirm: { title: 'organiser.status.confirmArchiveTitle', body: 'organiser.status.confirmArchive' },
};
const REOPEN: Action = { to: 'published', label: 'organiser.status.reopen' };
const UNARCHIVE: Action = { to: 'closed', label: 'organiser.status.unarchive' };

/** The one clear next step for each status, and a quieter second one where there is one. */
const ACTIONS: Record<SpaceStatus, { main: Action; other?: Action; help: MessageId }> = {
  draft: { main: PUBLISH, help: 'organiser.status.draftHelp' },
  published: { main: CLOSE, other: ARCHIVE, help: 'organiser.status.publishedHelp' },
  closed: { main: REOPEN, other: ARCHIVE, help: 'organiser.status.closedHelp' },
  archived: { main: UNARCHIVE, help: 'organiser.status.archivedHelp' },
};

/** On the organiser's screens: where the space is in its life, and the way on. */
export function SpaceStatusPanel({ space }: { space: Space }) {
  const t = useT();
  const announce = useAnnounce();
  const { sync } = useData();
  const headingId = useId();
  const status = statusOf(space);
  const { main, other, help } = ACTIONS[status];
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<MessageId | null>(null);

  const apply = async (action: Action) => {
    setConfirming(null);
    setBusy(true);
    setFailed(null);
    try {
      const stored = await changeSpaceStatus(space.slug, action.to);
      // The new status comes back through the replication, like every change to a space.
      sync?.reSync();
      announce(t('organiser.status.changed', { status: t(`spaceStatus.${stored.status}`) }));
    } catch (error) {
      const offline = error instanceof ApiError && (error.code === 'network' || error.status === 0);
      setFailed(offline ? 'organiser.status.failedOffline' : 'organiser.status.failed');
    } finally {
      setBusy(false);
    }
  };
  const start = (action: Action) => (action.confirm ? setConfirming(action) : void apply(action));

  return (
    <section className="organiser__group organiser__status" aria-labelledby={headingId}>
      <h2 id={headingId} className="organiser__status-heading">
        {t('organiser.status.heading')} <SpaceStatusTag space={space} always />
      </h2>
      <p className="muted">{t(help)}</p>
      {failed && (
        <p className="form__error" role="alert">
          {t(failed)}
        </p>
      )}
      <div className="organiser__actions">
        {other && (
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => start(other)}>
            {t(other.label)}
          </button>
        )}
        <button type="button" className="button button--primary" disabled={busy} onClick={() => start(main)}>
          {t(main.label)}
        </button>
      </div>
      <Dialog
        title={confirming?.confirm ? t(confirming.confirm.title) : ''}
        open={confirming !== null}
        onClose={() => setConfirming(null)}
      >
        {confirming?.confirm && (
          <div className="stack">
            <p>{t(confirming.confirm.body)}</p>
            <div className="dialog__buttons">
              <button type="button" className="button button--quiet" onClick={() => setConfirming(null)}>
                {t('organiser.status.cancel')}
              </button>
              <button type="button" className="button button--primary" onClick={() => void apply(confirming)}>
                {t(confirming.label)}
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </section>
  );
}
