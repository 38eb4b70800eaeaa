import { z } from 'zod';
import { Email, Id, LangCode, Localized, Timestamp } from './primitives';

export const MAX_POST_CHARS = 10_000;

export const ModeratorLevel = z.enum(['global', 'regional']);

export const Phase = z.object({
  id: Id,
  name: Localized(200),
  opensAt: Timestamp,
  closesAt: Timestamp,
});
export type Phase = z.infer<typeof Phase>;

export const SpaceModerator = z.object({
  userId: Id,
  displayName: z.string().max(80),
  level: ModeratorLevel,
});

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

export const Attachment = z.object({
  id: Id,
  name: z.string().min(1).max(255),
  size: z.number().int().min(0),
  mime: z.string().max(255),
});

/** Why the server, not a moderator, refused a post (machine-readable, translated on the device). */
export const Refusal = z.object({ code: z.string().max(64), message: z.string().max(500) });

export const Post = z.object({
  id: Id,
  spaceId: Id,
  questionId: Id,
  parentId: Id.nullable(),
  /** Set by the server from the session; absent (null) for others when the post is anonymous. */
  authorId: Id.nullable(),
  authorName: z.string().max(80),
  anonymous: z.boolean(),
  lang: LangCode,
  body: z.string().max(MAX_POST_CHARS),
  attachments: z.array(Attachment).max(10),
  /** Set by the server; a device's value is ignored (an author may only withdraw). */
  status: PostStatus,
  moderationReason: z.string().max(2_000).nullable(),
  /** Name of the person a moderator posted this for (comments received by e-mail). */
  onBehalfOf: z.string().max(200).nullable(),
  /** Device clock, informational only. */
  createdAt: Timestamp,
  /** Server clock. */
  receivedAt: Timestamp.nullable(),
  updatedAt: Timestamp.nullable(),
  refusal: Refusal.nullable(),
});
export type Post = z.infer<typeof Post>;

export const Decision = z.enum(['approve', 'reject', 'hide', 'restore']);
export type Decision = z.infer<typeof Decision>;

export const Outcome = z.enum(['applied', 'superseded']);

export const Moderation = z.object({
  id: Id,
  postId: Id,
  /** Set by the server from the post. */
  spaceId: Id.nullable(),
  decision: Decision,
  reason: z.string().max(2_000).nullable(),
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
};

export const ANONYMOUS_NAME = 'Anonymous';
