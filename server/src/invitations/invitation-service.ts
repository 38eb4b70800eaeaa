import type { AcceptInvitationBody, InvitationView, InviteBody, InviteResult, Me } from '@parley/shared';
import type { AppContext } from '../app-context';
import { findUserByEmail, setUserRole, takeAllowance } from '../auth/auth-repository';
import { normalizeEmail, requireMe, startSession, viewerFromToken } from '../auth/auth-service';
import { hashSessionToken, newSessionToken, throttleKey } from '../auth/session-token';
import { createUser } from '../auth/users';
import { isAdmin, type Viewer } from '../auth/viewer';
import { writeTx } from '../db/write';
import { AppError } from '../http/errors';
import type { Mailer } from '../mail/mailer';
import { insertModerator } from '../spaces/moderator-repository';
import { bumpSpaces } from '../spaces/space-repository';
import { invitationMail } from './invitation-mail';
import {
  deleteOldInvitations,
  displayNameOf,
  findInvitation,
  findSpaceBySlug,
  insertInvitation,
  invitationTarget,
  questionInSpace,
  takeInvitation,
  type InvitationRecord,
} from './invitation-repository';

/** An invitation link works once, for seven days. */
export const INVITATION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
/**
 * Invitations one organiser may send in the window, and invitations one address may receive: an
 * organiser's account (or a script holding its session) cannot flood mailboxes.
 */
export const INVITATION_THROTTLE = { perInviter: 30, perAddress: 3, windowSeconds: 60 * 60 };

/**
 * An organiser invites someone by e-mail: a single-use link, valid seven days, whose token is
 * stored only as a hash. The answer is the same whether the address has an account or not: the
 * organiser learns who accepted from the team list, never who has an account (see SECURITY.md).
 */
export async function invite(
  ctx: AppContext,
  mailer: Mailer,
  viewer: Viewer,
  body: InviteBody,
  /** A trusted one (linkOrigin): PUBLIC_URL, or loopback. */
  origin: string,
): Promise<{ result: InviteResult; sent: Promise<void> }> {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  if (!isAdmin(viewer)) throw new AppError(403, 'forbidden', 'Only an organiser can invite people.');
  const email = normalizeEmail(body.email);
  const space = body.space === undefined ? null : await findSpaceBySlug(ctx.db, body.space);
  if (body.space !== undefined && !space) throw new AppError(404, 'not_found', 'No such space.');
  if (space && body.questionId !== undefined && !(await questionInSpace(ctx.db, body.questionId, space.id))) {
    throw new AppError(404, 'not_found', 'This space has no such question.');
  }

  const { perInviter, perAddress, windowSeconds } = INVITATION_THROTTLE;
  const secret = ctx.config.sessionSecret;
  const tooMany = new AppError(429, 'rate_limited', 'Too many invitations. Try again later.', {
    'Retry-After': String(windowSeconds),
  });
  if (
    !(await takeAllowance(
      ctx.db,
      throttleKey(secret, 'email', `invite-to:${email}`),
      perAddress,
      windowSeconds,
    ))
  )
    throw tooMany;
  if (
    !(await takeAllowance(
      ctx.db,
      throttleKey(secret, 'ip', `invite-by:${viewer.user.id}`),
      perInviter,
      windowSeconds,
    ))
  )
    throw tooMany;

  const token = newSessionToken();
  const invitation = {
    email,
    role: body.role,
    spaceId: space?.id ?? null,
    questionId: body.questionId ?? null,
    invitedBy: viewer.user.id,
    lang: body.lang,
  };
  const expiresAt = await ctx.db.tx(async (q) => {
    await deleteOldInvitations(q);
    return insertInvitation(q, {
      ...invitation,
      tokenHash: hashSessionToken(token),
      maxAgeSeconds: INVITATION_MAX_AGE_SECONDS,
    });
  });
  // The token travels in the fragment: it never reaches a server log or a Referer header.
  const link = `${origin}/invitation#token=${token}`;
  const target = await invitationTarget(ctx.db, invitation.spaceId, invitation.questionId);
  const mail = invitationMail(
    { email, lang: body.lang },
    { role: body.role, inviter: viewer.user.displayName },
    target,
    link,
  );
  return { result: { email, role: body.role, expiresAt }, sent: mailer.send(mail) };
}

/** Why a link no longer works, in words a person can act on. */
function unusable(invitation: InvitationRecord | null): AppError | null {
  if (!invitation) return new AppError(400, 'invalid_token', 'This invitation link is not valid.');
  if (invitation.usedAt !== null)
    return new AppError(410, 'invitation_used', 'This invitation was already accepted: sign in instead.');
  if (Date.parse(invitation.expiresAt) <= Date.now())
    return new AppError(
      410,
      'invitation_expired',
      'This invitation has expired: ask the organiser for a new one.',
    );
  return null;
}

/** What the link offers: for the page that accepts it (the token is the holder's proof). */
export async function inspectInvitation(ctx: AppContext, token: string): Promise<InvitationView> {
  const invitation = await findInvitation(ctx.db, hashSessionToken(token));
  const refused = unusable(invitation);
  if (refused || !invitation) throw refused!;
  const target = await invitationTarget(ctx.db, invitation.spaceId, invitation.questionId);
  return {
    email: invitation.email,
    role: invitation.role,
    space: target.space && {
      slug: target.space.slug,
      title: target.space.title,
      languages: target.space.languages,
    },
    question: target.question,
    invitedBy: await displayNameOf(ctx.db, invitation.invitedBy),
    expiresAt: invitation.expiresAt,
    accountExists: (await findUserByEmail(ctx.db, invitation.email)) !== null,
  };
}

/**
 * Accepts an invitation, once: a new address gets its account (with the name and password given)
 * and is signed in; an address with an account must be signed in as it, and gains the role. The
 * invitation is marked used, the account made, and the moderator assignment written in one
 * transaction, so a link can never be half used.
 */
export async function acceptInvitation(
  ctx: AppContext,
  viewer: Viewer,
  body: AcceptInvitationBody,
  sessionToken: string | null,
): Promise<{ me: Me; token: string | null }> {
  const tokenHash = hashSessionToken(body.token);
  const invitation = await findInvitation(ctx.db, tokenHash);
  const refused = unusable(invitation);
  if (refused || !invitation) throw refused!;
  const existing = await findUserByEmail(ctx.db, invitation.email);
  if (existing) {
    if (!viewer.user)
      throw new AppError(401, 'unauthenticated', `Sign in as ${invitation.email} to accept this invitation.`);
    if (viewer.user.id !== existing.id)
      throw new AppError(
        403,
        'wrong_account',
        `This invitation is for ${invitation.email}: sign in as that account.`,
      );
  } else if (body.displayName === undefined || body.password === undefined) {
    throw new AppError(400, 'invalid_body', 'Choose your name and a password to create your account.');
  }

  const userId = await writeTx(ctx, ['spaces'], async (tx) => {
    const taken = await takeInvitation(tx, tokenHash);
    // Used or expired between the look and the write (two tabs): the first wins.
    if (!taken) throw unusable(await findInvitation(tx, tokenHash)) ?? new Error('invitation vanished');
    let id: string;
    if (existing) {
      id = existing.id;
      // The wider role wins: an organiser invited to moderate stays an organiser.
      if (taken.role === 'admin' && existing.role !== 'admin') await setUserRole(tx, id, 'admin');
      if (taken.role === 'moderator' && existing.role === 'participant')
        await setUserRole(tx, id, 'moderator');
    } else {
      const user = await createUser(tx, {
        email: taken.email,
        password: body.password!,
        displayName: body.displayName!,
        role: taken.role,
        lang: body.lang ?? taken.lang,
      });
      // Made meanwhile (a sign-up in another tab): rolled back, the link still works once signed in.
      if (!user)
        throw new AppError(
          409,
          'email_taken',
          'This address has an account now: sign in, then open the link again.',
        );
      id = user.id;
    }
    if (taken.role === 'moderator' && taken.spaceId !== null) {
      const added = await insertModerator(tx, id, { spaceId: taken.spaceId, questionId: taken.questionId });
      // The space's derived moderator list changed: devices pull it again.
      if (added) await bumpSpaces(tx, taken.spaceId);
    }
    return id;
  });

  if (existing) return { me: requireMe(await viewerFromToken(ctx, sessionToken)), token: null };
  const signedIn = await startSession(ctx, userId, sessionToken);
  return { me: signedIn.me, token: signedIn.token };
}
