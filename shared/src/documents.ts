import { z } from 'zod';
import { Email, Id, LangCode, Localized, TimeZone, Timestamp } from './primitives';
import { MAX_POST_CHARS } from './constants';

/** global: every space; regional: this whole space; question: only the questions in questionIds. */
export const ModeratorLevel = z.enum(['global', 'regional', 'question']);

export const Phase = z.object({
  id: Id,
  name: Localized(200),
  opensAt: Timestamp,
  closesAt: Timestamp,
  /**
   * The zone the organiser entered the dates in (the instants above are absolute); added after
   * v0, so a phase stored without one is in UTC.
   */
  timeZone: TimeZone.default('UTC'),
});
export type Phase = z.infer<typeof Phase>;

export const SpaceModerator = z.object({
  userId: Id,
  displayName: z.string().max(80),
  level: ModeratorLevel,
  /** For level `question`: the questions of this space they moderate (absent for the others). */
  questionIds: z.array(Id).optional(),
});

/**
 * A ready-made rejection reason, written in every language of the space: a decision stores the
 * template's id, so the author reads the reason in their own language.
 */
export const ReasonTemplate = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'lower-case letters, digits and dashes'),
  text: Localized(500),
});
export type ReasonTemplate = z.infer<typeof ReasonTemplate>;

export const Attachment = z.object({
  id: Id,
  name: z.string().min(1).max(255),
  size: z.number().int().min(0),
  mime: z.string().max(255),
});
export type Attachment = z.infer<typeof Attachment>;

/**
 * The written summary a moderator pins at the top of a space, one version per language of the
 * space (the default one at least). Set by the server only (PUT /api/moderation/…/announcement).
 */
export const Announcement = z.object({
  text: Localized(20_000),
  publishedAt: Timestamp,
  /** Display name of the moderator or administrator who published it. */
  byName: z.string().max(80),
});
export type Announcement = z.infer<typeof Announcement>;

/** What a moderator sends to publish an announcement: its text per language of the space. */
export const AnnouncementBody = z.object({ text: Localized(20_000) });
export type AnnouncementBody = z.infer<typeof AnnouncementBody>;

/** What an administrator sends to attach a finished upload to a space as one of its documents. */
export const SpaceDocumentBody = z.object({ uploadId: Id });
export type SpaceDocumentBody = z.infer<typeof SpaceDocumentBody>;

/**
 * Where a space is in its life, set by an administrator (PUT /api/spaces/:slug/status), never by a
 * pushed document. A draft reaches administrators only; a closed or archived space is read-only.
 */
export const SpaceStatus = z.enum(['draft', 'published', 'closed', 'archived']);
export type SpaceStatus = z.infer<typeof SpaceStatus>;

/** The moves an administrator may make; anything else is refused 409 `invalid_transition`. */
export const SPACE_STATUS_TRANSITIONS: Record<SpaceStatus, readonly SpaceStatus[]> = {
  draft: ['published'],
  published: ['closed', 'archived'],
  closed: ['published', 'archived'],
  archived: ['closed'],
};

export const canMoveSpace = (from: SpaceStatus, to: SpaceStatus): boolean =>
  SPACE_STATUS_TRANSITIONS[from].includes(to);

/** A space takes new posts and replies only while published. */
export const spaceTakesPosts = (space: { status: SpaceStatus }): boolean => space.status === 'published';

/** What an administrator sends to move a space along its life. */
export const SpaceStatusBody = z.object({ status: SpaceStatus });
export type SpaceStatusBody = z.infer<typeof SpaceStatusBody>;

/** The answer to removing a question: how many posts left the devices with it. */
export const QuestionRemoval = z.object({ questionId: Id, posts: z.number().int().min(0) });
export type QuestionRemoval = z.infer<typeof QuestionRemoval>;

export const DeletionPolicy = z.enum(['keep', 'remove', 'author-chooses']);
export type DeletionPolicy = z.infer<typeof DeletionPolicy>;

export const Space = z.object({
  id: Id,
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and dashes')
    .max(80),
  title: Localized(300),
  intro: Localized(20_000),
  audience: Localized(1_000),
  /** The first language is the space's default, used when the reader's is missing. */
  languages: z.array(LangCode).min(1).max(20),
  phases: z.array(Phase).max(20),
  contactEmail: Email.nullable(),
  /** Derived by the server from its moderator table; ignored on push. */
  moderators: z.array(SpaceModerator),
  /** Rejection reasons moderators pick from (added after v0: absent means none). */
  reasonTemplates: z.array(ReasonTemplate).max(50).default([]),
  /**
   * Concept note, guidance…: files attached to the space by an administrator, public, kept
   * offline with the space. Set by the server only (added after v0: absent means none).
   */
  documents: z.array(Attachment).max(50).default([]),
  /** The pinned announcement, set by the server only (added after v0: absent means none). */
  announcement: Announcement.nullable().default(null),
  /**
   * What deleting an account does to its posts in this space (added after v0: absent means keep):
   * keep them as "Former participant", remove them, or let the person choose.
   */
  deletionPolicy: DeletionPolicy.default('keep'),
  /**
   * Set by the server only (added after v0: absent means published). A space an administrator
   * creates starts as a draft.
   */
  status: SpaceStatus.default('published'),
  updatedAt: Timestamp.nullable(),
});
export type Space = z.infer<typeof Space>;

export const Question = z.object({
  id: Id,
  spaceId: Id,
  phaseId: Id,
  position: z.number().int().min(0).max(10_000),
  title: Localized(1_000),
  body: Localized(10_000),
  updatedAt: Timestamp.nullable(),
});
export type Question = z.infer<typeof Question>;

export const PostStatus = z.enum(['pending', 'approved', 'rejected', 'hidden', 'withdrawn']);
export type PostStatus = z.infer<typeof PostStatus>;

/** Why the server, not a moderator, refused a post (machine-readable, translated on the device). */
export const Refusal = z.object({ code: z.string().max(64), message: z.string().max(500) });

/** A participant's report of a published post; only the space's moderators receive them. */
export const Flag = z.object({ reason: z.string().max(500), createdAt: Timestamp });
export type Flag = z.infer<typeof Flag>;

export const FlagBody = z.object({ reason: z.string().trim().min(1).max(500) });
export type FlagBody = z.infer<typeof FlagBody>;

/**
 * How a comment received by e-mail arrived (server/src/inbound-mail), for the space's moderators
 * only: the sender's address (never shown to anyone else), the subject, and the files left out.
 */
export const MailNote = z.object({
  from: z.string().max(320),
  subject: z.string().max(200),
  dropped: z.array(z.object({ name: z.string().max(100), why: z.enum(['type', 'size', 'count']) })).max(10),
});
export type MailNote = z.infer<typeof MailNote>;

export const Post = z.object({
  id: Id,
  spaceId: Id,
  questionId: Id,
  parentId: Id.nullable(),
  /** Set by the server from the session; absent (null) for others when the post is anonymous. */
  authorId: Id.nullable(),
  authorName: z.string().max(80),
  /**
   * Set by the server from the author's account: the organisation shown with the name (null:
   * none, anonymous, or a comment entered for someone who wrote in).
   */
  authorOrganisation: z.string().max(120).nullable().default(null),
  anonymous: z.boolean(),
  lang: LangCode,
  body: z.string().max(MAX_POST_CHARS),
  attachments: z.array(Attachment).max(10),
  /** Set by the server; a device's value is ignored (an author may only withdraw). */
  status: PostStatus,
  moderationReason: z.string().max(2_000).nullable(),
  /**
   * The space's reason template the moderator picked (set by the server): the device shows the
   * template's text in the reader's language, `moderationReason` is the fallback.
   */
  moderationReasonTemplateId: z.string().max(64).nullable().default(null),
  /** Name of the person a moderator posted this for (comments received by e-mail). */
  onBehalfOf: z.string().max(200).nullable(),
  /** Set by the server on a comment received by e-mail, for its moderators only (else null). */
  mailNote: MailNote.nullable().default(null),
  /** Set by the server: written by a moderator of the space (published at once). */
  fromModerator: z.boolean().default(false),
  /**
   * Set by the server: received after its phase closed, but written on the device before the
   * close (offline) and delivered within the grace period; moderators see it in the queue.
   */
  writtenBeforeClose: z.boolean().default(false),
  /** Set by the server, for the space's moderators only (everyone else gets []): open flags. */
  flags: z.array(Flag).max(1_000).default([]),
  /** Device clock, informational only. */
  createdAt: Timestamp,
  /** Server clock. */
  receivedAt: Timestamp.nullable(),
  updatedAt: Timestamp.nullable(),
  refusal: Refusal.nullable(),
});
export type Post = z.infer<typeof Post>;

/** `dismissFlags` keeps a flagged post published and closes its flags. */
export const Decision = z.enum(['approve', 'reject', 'hide', 'restore', 'dismissFlags']);
export type Decision = z.infer<typeof Decision>;

export const Outcome = z.enum(['applied', 'superseded']);

export const Moderation = z.object({
  id: Id,
  postId: Id,
  /** Set by the server from the post. */
  spaceId: Id.nullable(),
  decision: Decision,
  reason: z.string().max(2_000).nullable(),
  /**
   * The space's reason template picked, if any; `auto:on-behalf` and `auto:own-post` mark the
   * server's own rows for posts published at once.
   */
  reasonTemplateId: z.string().max(64).nullable().default(null),
  /** The post status the moderator saw when deciding (the superseded rule compares it). */
  basedOnStatus: PostStatus,
  /** Set by the server from the session. */
  moderatorId: Id.nullable(),
  moderatorName: z.string().max(80).nullable(),
  createdAt: Timestamp,
  /** Set by the server. */
  outcome: Outcome.nullable(),
  updatedAt: Timestamp.nullable(),
});
export type Moderation = z.infer<typeof Moderation>;

/** What a decision needs the post to be in, and what it turns it into. */
export const TRANSITIONS: Record<Decision, { from: readonly PostStatus[]; to: PostStatus }> = {
  approve: { from: ['pending', 'rejected'], to: 'approved' },
  reject: { from: ['pending', 'approved'], to: 'rejected' },
  hide: { from: ['approved'], to: 'hidden' },
  restore: { from: ['hidden'], to: 'approved' },
  dismissFlags: { from: ['approved'], to: 'approved' },
};
