import { useCallback, useEffect, useRef, useState } from 'react';
import { DraftStorageError, DraftStore, draftKey, type Draft, type DraftTarget } from './draft-store';
import { reportOnce } from '../errors/report';

/** The device's drafts database, opened once per tab. */
export const drafts = new DraftStore();

const SAVE_DELAY_MS = 400;

/** Every mounted composer's flush, so that an app update can save them all before it reloads. */
const mounted = new Set<() => Promise<void>>();
export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...mounted].map((flush) => flush()));
}

/** The drafts on this device, newest first, live (undefined while loading). */
export function useDraftList(): Draft[] | undefined {
  const [list, setList] = useState<Draft[] | undefined>(undefined);
  useEffect(() => drafts.watch(setList, () => setList([])), []);
  return list;
}

export type DraftSaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface DraftFields {
  text: string;
  anonymous: boolean;
  lang: string;
}

/**
 * A composer's text, saved to the device as it is typed (debounced) and restored when the
 * composer opens again, after a reload, a crash or a closed tab. The text on screen is the
 * source of truth: a failed save is reported, never allowed to clear it.
 */
export function useDraft(target: DraftTarget, defaults: { lang: string }) {
  const key = draftKey(target);
  const [fields, setFields] = useState<DraftFields>({ text: '', anonymous: false, lang: defaults.lang });
  const [restored, setRestored] = useState(false);
  const [saveState, setSaveState] = useState<DraftSaveState>('idle');
  const [error, setError] = useState<DraftStorageError | null>(null);
  const pending = useRef<DraftFields | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const targetRef = useRef(target);
  targetRef.current = target;

  // Restores the stored draft, and follows it: another tab, or "Edit and post again", may write it.
  useEffect(() => {
    setRestored(false);
    return drafts.watchOne(
      key,
      (draft) => {
        // Typing may have begun before the stored draft arrived: never overwrite it.
        if (draft && pending.current === null) {
          setFields((f) =>
            f.text === draft.text && f.anonymous === draft.anonymous && f.lang === draft.lang
              ? f
              : { text: draft.text, anonymous: draft.anonymous, lang: draft.lang },
          );
        }
        setRestored(true);
      },
      () => setRestored(true),
    );
  }, [key]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const toSave = pending.current;
    if (!toSave) return;
    pending.current = null;
    setSaveState('saving');
    try {
      await drafts.save({ target: targetRef.current, ...toSave });
      setSaveState('saved');
      setError(null);
    } catch (e) {
      // Keep it queued: the next keystroke or flush tries again.
      pending.current ??= toSave;
      setSaveState('error');
      const error = e instanceof DraftStorageError ? e : new DraftStorageError('unavailable', e);
      setError(error);
      reportOnce(error.reason === 'quota' ? 'storage-quota' : 'storage-unavailable', error);
    }
  }, []);

  const update = useCallback(
    (change: Partial<DraftFields>) => {
      setFields((current) => {
        const next = { ...current, ...change };
        pending.current = next;
        return next;
      });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  // A tab being hidden or closed may never run the debounce timer: save now.
  useEffect(() => {
    const onHide = () => void flush();
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    mounted.add(flush);
    return () => {
      mounted.delete(flush);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void flush();
    };
  }, [flush]);

  /** The user discards it, or it was delivered: forget the text here and on the device. */
  const clear = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    setFields((f) => ({ ...f, text: '' }));
    setSaveState('idle');
    await drafts.discard(key);
  }, [key]);

  return { ...fields, update, restored, saveState, error, flush, clear };
}
