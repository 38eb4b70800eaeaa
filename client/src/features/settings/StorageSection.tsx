import { useEffect, useId, useState } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { Space } from '@parley/shared';
import { useSpaces } from '../../db/queries';
import { useStoredPostCount, useStoredPostTotal } from '../../db/storage-queries';
import { useT } from '../../i18n/useT';
import { useLocalized } from '../../ui/LocalizedText';
import { useFollowedSpaces } from '../../settings/followed-spaces';
import {
  BUDGET_CHOICES,
  byteUnits,
  estimateStorage,
  useStorageBudget,
  type StorageUse,
} from '../../settings/storage-budget';
import { useFollowSpace } from '../../settings/use-follow-space';
import { keptFileIds, onKeptFilesChanged, useKeepPostFiles } from '../../attachments/keep-post-files';

/** How many post files this device keeps; re-read after every pass that changed them. */
function useKeptFileCount(): number | undefined {
  const [count, setCount] = useState<number | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const read = () => void keptFileIds().then((ids) => live && setCount(ids.size));
    read();
    const off = onKeptFilesChanged(read);
    return () => {
      live = false;
      off();
    };
  }, []);
  return count;
}

/** Settings › Storage › keep the files of posts for reading offline. */
function KeepFilesSetting() {
  const t = useT();
  const id = useId();
  const [keep, setKeep] = useKeepPostFiles();
  const count = useKeptFileCount();
  return (
    <div className="field storage__files">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={keep}
          aria-describedby={`${id}-help ${id}-count`}
          onChange={(e) => setKeep(e.target.checked)}
        />
        <span>{t('storage.keepFiles')}</span>
      </label>
      <p id={`${id}-help`} className="field__help">
        {t('storage.keepFilesHelp')}
      </p>
      <p id={`${id}-count`} className="muted" data-testid="kept-files">
        {count === undefined ? '' : t('storage.keptFiles', { count })}
      </p>
    </div>
  );
}

/** "300 MB". */
function formatBytes(intl: IntlShape, bytes: number): string {
  const { value, unit } = byteUnits(bytes);
  return intl.formatNumber(value, { style: 'unit', unit, unitDisplay: 'short' });
}

/** The same inside a sentence, isolated (FSI…PDI): in Arabic it keeps its place beside "Parley". */
const inSentence = (intl: IntlShape, bytes: number) => `\u2068${formatBytes(intl, bytes)}\u2069`;

function SpaceRow({ space }: { space: Space }) {
  const t = useT();
  const id = useId();
  const title = useLocalized(space.title, space.languages);
  const [following, toggle] = useFollowSpace(space);
  const count = useStoredPostCount(space.id);
  return (
    <li className="storage__space">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={following}
          aria-describedby={`${id}-count`}
          onChange={(e) => toggle(e.target.checked)}
        />
        <span dir="auto" lang={title.lang}>
          {title.text}
        </span>
      </label>
      <span id={`${id}-count`} className="muted storage__count">
        {count === undefined ? '' : t('storage.postsStored', { count })}
      </span>
    </li>
  );
}

/**
 * Settings › Storage on this device: what Parley uses (the browser's estimate), a budget the
 * user sets, and the spaces this device follows. Over budget, it says so and suggests what to
 * do: nothing is deleted behind the user's back.
 */
export function StorageSection() {
  const t = useT();
  const intl = useIntl();
  const id = useId();
  const [budget, setBudget] = useStorageBudget();
  const spaces = useSpaces();
  const followed = useFollowedSpaces();
  const total = useStoredPostTotal();
  const [use, setUse] = useState<StorageUse | null | undefined>(undefined);

  // Read again when what the device holds changes (a space followed, its posts arrived or removed).
  useEffect(() => {
    let live = true;
    void estimateStorage().then((u) => live && setUse(u));
    return () => {
      live = false;
    };
  }, [followed, total]);

  const over = budget !== null && use != null && use.usage > budget;
  return (
    <section className="card setting storage" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('storage.heading')}</h2>
      <p data-testid="storage-use">
        {use === undefined
          ? '…'
          : use === null
            ? t('storage.unknown')
            : t('storage.use', { used: inSentence(intl, use.usage), quota: inSentence(intl, use.quota) })}
      </p>

      <div className="field storage__budget">
        <label htmlFor={`${id}-budget`}>{t('storage.budget')}</label>
        <select
          id={`${id}-budget`}
          className="storage__select"
          value={budget === null ? '' : String(budget)}
          aria-describedby={`${id}-budget-help`}
          onChange={(e) => setBudget(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">{t('storage.budgetNone')}</option>
          {BUDGET_CHOICES.map((bytes) => (
            <option key={bytes} value={String(bytes)}>
              {formatBytes(intl, bytes)}
            </option>
          ))}
        </select>
        <p id={`${id}-budget-help`} className="field__help">
          {t('storage.budgetHelp')}
        </p>
      </div>
      {over && (
        <p className="storage__over" role="alert">
          {t('storage.overBudget', { used: inSentence(intl, use.usage), budget: inSentence(intl, budget) })}
        </p>
      )}

      <KeepFilesSetting />

      {spaces && spaces.length > 0 && (
        <fieldset className="storage__spaces">
          <legend>{t('storage.followed')}</legend>
          <p className="muted setting__help">{t('storage.followedHelp')}</p>
          <ul>
            {spaces.map((s) => (
              <SpaceRow key={s.id} space={s} />
            ))}
          </ul>
        </fieldset>
      )}
    </section>
  );
}
