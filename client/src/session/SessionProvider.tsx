import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '@parley/shared';
import * as session from './session';

export interface SessionValue {
  me: Me | null;
  /** The user who signed out on purpose in this visit (their data leaves the device), else null. */
  signedOutId: string | null;
  /** False until the server answered (or was found unreachable) at start. */
  checked: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  /**
   * True: signed in at once. False: the server e-mails a link (SIGNUP_CONFIRMATION), nobody is
   * signed in yet.
   */
  signUp: (body: {
    email: string;
    password: string;
    displayName: string;
    lang: string;
    organisation?: string | null;
  }) => Promise<boolean>;
  /** Opens the e-mailed sign-up link: the account is created and the person signed in. */
  finishSignUp: (token: string) => Promise<void>;
  /** Accepts an e-mailed invitation (creating the account, or adding the role to this one). */
  acceptInvitation: (body: Parameters<typeof session.acceptInvitation>[0]) => Promise<void>;
  signOut: () => Promise<void>;
  /** Asks the server again who is signed in (the cookie changed in another tab, or expired). */
  recheck: () => void;
  /** Saves an account preference on the server (online only; throws when it could not). */
  updateMe: (patch: session.MePatch) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(session.loadStoredMe);
  const [checked, setChecked] = useState(false);
  const [signedOutId, setSignedOutId] = useState<string | null>(null);

  const setMe = useCallback((next: Me | null) => {
    session.storeMe(next);
    setMeState(next);
  }, []);

  // Bumped by recheck(): the effect asks the server again.
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let live = true;
    void session.fetchMe().then((result) => {
      if (!live) return;
      if (result.kind === 'signed-in') setMe(result.me);
      if (result.kind === 'signed-out') setMe(null);
      setChecked(true);
    });
    return () => {
      live = false;
    };
  }, [setMe, asked]);
  const recheck = useCallback(() => setAsked((n) => n + 1), []);

  const value = useMemo<SessionValue>(
    () => ({
      me,
      signedOutId,
      checked,
      recheck,
      signIn: async (email, password) => setMe(await session.signIn(email, password)),
      signUp: async (body) => {
        const me = await session.signUp(body);
        if (me) setMe(me);
        return me !== null;
      },
      finishSignUp: async (token) => setMe(await session.finishSignUp(token)),
      acceptInvitation: async (body) => setMe(await session.acceptInvitation(body)),
      updateMe: async (patch) => setMe(await session.updateMe(patch)),
      signOut: async () => {
        const id = me?.id ?? null;
        await session.signOut();
        setSignedOutId(id);
        setMe(null);
      },
    }),
    [me, signedOutId, checked, setMe, recheck],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Moderates this whole space (or every space, for a global moderator). */
export function moderates(me: Me | null, spaceId: string): boolean {
  return !!me && (me.globalModerator || me.moderatorOf.includes(spaceId));
}

/** Moderates this post: its whole space, or its question (a question moderator). */
export function moderatesPost(me: Me | null, post: { spaceId: string; questionId: string }): boolean {
  return moderates(me, post.spaceId) || (!!me && (me.moderatorOfQuestions ?? []).includes(post.questionId));
}

export function isModerator(me: Me | null): boolean {
  return (
    !!me && (me.globalModerator || me.moderatorOf.length > 0 || (me.moderatorOfQuestions ?? []).length > 0)
  );
}
