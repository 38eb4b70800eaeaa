import { z } from 'zod';
import { PASSWORD_MIN } from './constants';
import { Email, Id, LangCode } from './primitives';

export const Role = z.enum(['participant', 'moderator', 'admin']);
export type Role = z.infer<typeof Role>;

export const Password = z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(200);
/** No control characters (line breaks, tabs, escapes): a name is shown on one line, as typed. */
const oneLine = (s: string) => !/\p{Cc}/u.test(s);
export const DisplayName = z.string().trim().min(1).max(80).refine(oneLine, 'no control characters');
export const ORGANISATION_MAX = 120;
/**
 * The organisation a person speaks for, shown with their name ("Ana Lima · Clean Air Now").
 * Optional; an empty or blank one means none (null).
 */
export const Organisation = z
  .string()
  .trim()
  .max(ORGANISATION_MAX)
  .refine(oneLine, 'no control characters')
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const RegisterBody = z.object({
  email: Email,
  password: Password,
  displayName: DisplayName,
  lang: LangCode.default('en'),
  organisation: Organisation.optional(),
});
/** POST /api/auth/register/confirm: the token from the e-mailed link that finishes signing up. */
export const RegisterConfirmBody = z.object({ token: z.string().min(20).max(200) });
export type RegisterConfirmBody = z.infer<typeof RegisterConfirmBody>;
export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(200) });

export const Me = z.object({
  id: Id,
  email: Email,
  displayName: z.string(),
  role: Role,
  lang: LangCode,
  /** Moderates every space. */
  globalModerator: z.boolean(),
  /** Ids of the spaces this user moderates as a regional moderator. */
  moderatorOf: z.array(Id),
  /**
   * Ids of the questions this user moderates one by one (a question moderator: those questions'
   * posts only). Optional so a viewer cached on a device before it existed still reads.
   */
  moderatorOfQuestions: z.array(Id).optional(),
  /**
   * E-mail me when a moderator decides on one of my posts. Optional only so a viewer cached on a
   * device before this preference existed still reads; the server always sends it.
   */
  notifyByEmail: z.boolean().optional(),
  /** E-mail me when someone replies to one of my posts (optional for the same reason). */
  notifyRepliesByEmail: z.boolean().optional(),
  /** The organisation shown with the name; null = none (optional for the same reason). */
  organisation: z.string().max(ORGANISATION_MAX).nullable().optional(),
});
export type Me = z.infer<typeof Me>;

/**
 * `PATCH /api/auth/me`: the account's preferences, each optional (at least one): the UI language,
 * remembered across devices; whether moderation decisions on one's posts, and replies to them, are
 * e-mailed; the display name and the organisation (null or blank: none) shown with one's posts.
 */
export const UpdateMeBody = z
  .object({
    lang: LangCode.optional(),
    notifyByEmail: z.boolean().optional(),
    notifyRepliesByEmail: z.boolean().optional(),
    displayName: DisplayName.optional(),
    organisation: Organisation.optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change');
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

/**
 * `DELETE /api/me`: delete the account, the password confirming it. `removePosts` is the person's
 * choice for spaces whose deletion policy is `author-chooses`; other spaces' policies decide alone.
 */
export const DeleteAccountBody = z.object({
  password: z.string().min(1).max(200),
  removePosts: z.boolean().default(false),
});
export type DeleteAccountBody = z.infer<typeof DeleteAccountBody>;

/** `POST/DELETE /api/spaces/:slug/moderators`: the account to make (or stop being) a regional moderator. */
export const ModeratorBody = z.object({ email: Email });
export type ModeratorBody = z.infer<typeof ModeratorBody>;
