import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ANONYMOUS_OWNER,
  DraftStorageError,
  DraftStore,
  ownedDraftKey,
  type Draft,
  type DraftTarget,
} from './draft-store';
import { reportOnce } from '../errors/report';
import { loadStoredMe } from '../session/session';
import { useSession } from '../session/SessionProvider';

/**
 * The device's drafts database, opened once per tab. Drafts written before they had an owner go
 * to whoever is signed in on this device when it is upgraded (see DraftStore).
 */
export const drafts = new DraftStore({ legacyOwner: () => loadStoredMe()?.id ?? null });

/** Whose drafts this screen shows and writes: the signed-in person, else the anonymous owner. */
export function useDraftOwner(): string {
  return useSession().me?.id ?? ANONYMOUS_OWNER;
}

const SAVE_DELAY_MS = 400;

/** Every mounted composer's flush, so that an app update can save them all before it reloads. */
const mounted = new Set<() => Promise<void>>();
export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...mounted].map((flush) => flush()));
}

/** The current person's drafts on this device, newest first, live (undefined while loading). */
export function useDraftList(): Draft[] | undefined {
  const owner = useDraftOwner();
  const [state, setState] = useState<{ owner: string; list: Draft[] } | undefined>(undefined);
  useEffect(
    () =>
      drafts.watch(
        owner,
        (list) => setState({ owner, list }),
        () => setState({ owner, list: [] }),
      ),
    [owner],
  );
  // A list read for the previous person is never shown to the next one, not even for one render.
  return state?.owner === owner ? state.list : undefined;
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
 * source of truth: a failed save is reported, never allowed to clear it. The draft is `owner`'s
 * (the signed-in person): another person on the same phone never gets it.
 */
export function useDraft(
  owner: string,
  target: DraftTarget,
  // An edit starts from the post as it is, until a draft of the edit is found on the device.
  defaults: { lang: string; text?: string; anonymous?: boolean },
) {
  const key = ownedDraftKey(owner, target);
  const [fields, setFields] = useState<DraftFields>({
    text: defaults.text ?? '',
    anonymous: defaults.anonymous ?? false,
    lang: defaults.lang,
  });
  const [restored, setRestored] = useState(false);
  const [saveState, setSaveState] = useState<DraftSaveState>('idle');
  const [error, setError] = useState<DraftStorageError | null>(null);
  /** What waits to be saved, with the owner and target it was typed for. */
  const pending = useRef<{ owner: string; target: DraftTarget; fields: DraftFields } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const targetRef = useRef({ owner, target });
  targetRef.current = { owner, target };
  const defaultLang = useRef(defaults.lang);
  defaultLang.current = defaults.lang;
  /** Whose draft the fields on screen hold. */
  const shownOwner = useRef(owner);

  // Restores the stored draft, and follows it: another tab, or "Edit and post again", may write it.
  useEffect(() => {
    setRestored(false);
    const unsubscribe = drafts.watchOne(
      owner,
      targetRef.current.target,
      (draft) => {
        // Typing may have begun before the stored draft arrived: never overwrite it. What is still
        // to be saved for another person or target is saved there, and is not this one's.
        const p = pending.current;
        const typing = p !== null && ownedDraftKey(p.owner, p.target) === key;
        if (draft && !typing) {
          setFields((f) =>
            f.text === draft.text && f.anonymous === draft.anonymous && f.lang === draft.lang
              ? f
              : { text: draft.text, anonymous: draft.anonymous, lang: draft.lang },
          );
        } else if (!draft && !typing && shownOwner.current !== owner) {
          // Another person, with no draft here: nothing of the previous one's stays on screen.
          setFields({ text: '', anonymous: false, lang: defaultLang.current });
        }
        shownOwner.current = owner;
        setRestored(true);
      },
      () => setRestored(true),
    );
    return unsubscribe;
  }, [owner, key]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const toSave = pending.current;
    if (!toSave) return;
    pending.current = null;
    setSaveState('saving');
    try {
      await drafts.save({ owner: toSave.owner, target: toSave.target, ...toSave.fields });
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
      // Bound now to the person and target it is typed for, whatever changes before it is saved.
      const { owner: typedBy, target: typedFor } = targetRef.current;
      setFields((current) => {
        const next = { ...current, ...change };
        pending.current = { owner: typedBy, target: typedFor, fields: next };
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
