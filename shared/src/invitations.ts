import { z } from 'zod';
import { DisplayName, Password } from './auth';
import { Email, Id, LangCode, Localized, Timestamp } from './primitives';

/** What an invitation makes its addressee: a moderator (of a space or one question) or an organiser. */
export const InvitationRole = z.enum(['moderator', 'admin']);
export type InvitationRole = z.infer<typeof InvitationRole>;

/**
 * `POST /api/invitations` (organisers): invite by e-mail. A moderator is invited to a space (its
 * slug), or with `questionId` to one question of it only; an organiser (admin) to no space. `lang`
 * is the language of the e-mail.
 */
export const InviteBody = z
  .object({
    email: Email,
    role: InvitationRole,
    space: z.string().min(1).max(80).optional(),
    questionId: Id.optional(),
    lang: LangCode.default('en'),
  })
  .strict()
  .refine((b) => (b.role === 'admin' ? b.space === undefined : b.space !== undefined), {
    message: 'a moderator is invited to a space; an organiser to none',
    path: ['space'],
  })
  .refine((b) => b.questionId === undefined || b.space !== undefined, {
    message: 'a question needs its space',
    path: ['questionId'],
  });
export type InviteBody = z.infer<typeof InviteBody>;

/** The answer to an invitation sent: the same whether the address has an account or not. */
export const InviteResult = z.object({ email: Email, role: InvitationRole, expiresAt: Timestamp });
export type InviteResult = z.infer<typeof InviteResult>;

/** The token from the e-mailed link (`/invitation#token=…`). */
export const InvitationToken = z.string().min(20).max(200);

/** `POST /api/invitations/inspect`: what the link offers, for the page that accepts it. */
export const InspectInvitationBody = z.object({ token: InvitationToken });
export type InspectInvitationBody = z.infer<typeof InspectInvitationBody>;

export const InvitationView = z.object({
  email: Email,
  role: InvitationRole,
  space: z.object({ slug: z.string(), title: Localized(300), languages: z.array(LangCode) }).nullable(),
  question: z.object({ id: Id, title: Localized(1_000) }).nullable(),
  invitedBy: z.string().nullable(),
  expiresAt: Timestamp,
  /**
   * The address already has an account: the page asks to sign in (as that account) and accept,
   * instead of choosing a name and password. Only the link's holder (the address's owner) learns it.
   */
  accountExists: z.boolean(),
});
export type InvitationView = z.infer<typeof InvitationView>;

/**
 * `POST /api/invitations/accept`: a new account gives its name and password; an existing one
 * accepts while signed in as the invited address (then name and password are not sent).
 */
export const AcceptInvitationBody = z.object({
  token: InvitationToken,
  displayName: DisplayName.optional(),
  password: Password.optional(),
  lang: LangCode.optional(),
});
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;
