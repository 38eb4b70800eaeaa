/**
 * The database schema, as drizzle-kit reads it to generate migrations (`npm run db:generate`).
 * Queries are plain SQL in the repository modules; this file is the source of the DDL only.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** One change-order sequence per synced collection (see db/write.ts for why it is safe). */
export const spacesSeq = pgSequence('spaces_seq');
export const questionsSeq = pgSequence('questions_seq');
export const postsSeq = pgSequence('posts_seq');
export const moderationSeq = pgSequence('moderation_seq');

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['participant', 'moderator', 'admin'] }).notNull(),
    lang: text('lang').notNull(),
    /** E-mail the author when a moderator decides on one of their posts (off unless asked). */
    notifyByEmail: boolean('notify_by_email').notNull().default(false),
    /** E-mail the author when someone's reply to one of their posts is published (off unless asked). */
    notifyRepliesByEmail: boolean('notify_replies_by_email').notNull().default(false),
    /** Shown beside the display name on the person's posts; optional. */
    organisation: text('organisation'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Failed sign-ins, keyed by an HMAC of the e-mail or IP so no personal data is kept here. */
export const loginFailures = pgTable(
  'login_failures',
  {
    key: text('key').notNull(),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [index('login_failures_key_at_idx').on(t.key, t.at), index('login_failures_at_idx').on(t.at)],
);

/** Password reset links: only a hash of the token is kept; one hour, single use. */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
  },
  (t) => [
    index('password_resets_user_idx').on(t.userId),
    index('password_resets_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Sign-ups waiting for their e-mailed link: the account is created only when the link is opened,
 * so the sign-up form never says whether an address already has one. Only a hash of the token.
 */
export const signupRequests = pgTable(
  'signup_requests',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** Shown with the name once the account exists; optional. */
    organisation: text('organisation'),
    passwordHash: text('password_hash').notNull(),
    lang: text('lang').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
  },
  (t) => [index('signup_requests_expires_idx').on(t.expiresAt)],
);

export const spaces = pgTable(
  'spaces',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull(),
    title: jsonb('title').notNull(),
    intro: jsonb('intro').notNull(),
    audience: jsonb('audience').notNull(),
    languages: jsonb('languages').notNull(),
    phases: jsonb('phases').notNull(),
    contactEmail: text('contact_email'),
    reasonTemplates: jsonb('reason_templates')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Space documents (Attachment[]), bound by an administrator; public. */
    documents: jsonb('documents')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The pinned announcement (Announcement) or NULL. */
    announcement: jsonb('announcement'),
    /** What deleting an account does to its posts here: keep | remove | author-chooses. */
    deletionPolicy: text('deletion_policy', { enum: ['keep', 'remove', 'author-chooses'] })
      .notNull()
      .default('keep'),
    /**
     * draft: organisers only; published: open; closed: readable, no new posts; archived: readable,
     * out of the spaces list. Nothing of a draft reaches participants' devices.
     */
    status: text('status', { enum: ['draft', 'published', 'closed', 'archived'] })
      .notNull()
      .default('published'),
    updatedAt: tz('updated_at').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('spaces_slug_key').on(t.slug), uniqueIndex('spaces_seq_key').on(t.seq)],
);

/**
 * space_id NULL means every space: a global moderator. question_id set: moderates that question
 * of the space only (the seed space has different moderators on different questions).
 */
export const moderators = pgTable(
  'moderators',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    spaceId: uuid('space_id').references(() => spaces.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id').references(() => questions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    // NULLS NOT DISTINCT: a user is global at most once, space-wide at most once per space.
    unique('moderators_user_space_question_key').on(t.userId, t.spaceId, t.questionId).nullsNotDistinct(),
    index('moderators_space_idx').on(t.spaceId),
  ],
);

/**
 * Invitations to become a moderator or an organiser (admin), sent by e-mail: the link creates the
 * account (or upgrades an existing one). Only a hash of the token; single use, 7 days.
 */
export const invitations = pgTable(
  'invitations',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email').notNull(),
    role: text('role', { enum: ['moderator', 'admin'] }).notNull(),
    spaceId: uuid('space_id').references(() => spaces.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id').references(() => questions.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    lang: text('lang').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
  },
  (t) => [index('invitations_expires_idx').on(t.expiresAt), index('invitations_email_idx').on(t.email)],
);

export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    phaseId: uuid('phase_id').notNull(),
    position: integer('position').notNull(),
    title: jsonb('title').notNull(),
    body: jsonb('body').notNull(),
    /** Removed by an organiser: leaves every device with its posts; rows stay for the audit log. */
    removedAt: tz('removed_at'),
    updatedAt: tz('updated_at').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('questions_seq_key').on(t.seq), index('questions_space_idx').on(t.spaceId)],
);

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id),
    parentId: uuid('parent_id'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorName: text('author_name').notNull(),
    /** The author's organisation when the post was written (null: none, or anonymous). */
    authorOrganisation: text('author_organisation'),
    anonymous: boolean('anonymous').notNull(),
    lang: text('lang').notNull(),
    body: text('body').notNull(),
    attachments: jsonb('attachments')
      .notNull()
      .default(sql`'[]'::jsonb`),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'hidden', 'withdrawn'] }).notNull(),
    moderationReason: text('moderation_reason'),
    moderationReasonTemplateId: text('moderation_reason_template_id'),
    onBehalfOf: text('on_behalf_of'),
    /** A comment received by e-mail: sender, subject, files left out (MailNote; moderators only). */
    mailNote: jsonb('mail_note'),
    fromModerator: boolean('from_moderator').notNull().default(false),
    /** Received after its phase closed, written before it (the 72-hour rule, phases/phase-rule.ts). */
    writtenBeforeClose: boolean('written_before_close').notNull().default(false),
    createdAt: tz('created_at').notNull(),
    receivedAt: tz('received_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    refusal: jsonb('refusal'),
    /** Ever approved: once public, losing visibility must reach other devices as a deletion. */
    wasPublic: boolean('was_public').notNull().default(false),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('posts_seq_key').on(t.seq),
    index('posts_space_status_idx').on(t.spaceId, t.status),
    index('posts_author_idx').on(t.authorId),
    index('posts_question_idx').on(t.questionId),
    // "Which posts carry upload X" (`attachments @> [{"id": X}]`): downloads, the stale-upload
    // sweep and account deletion ask it per upload.
    index('posts_attachments_idx').using('gin', t.attachments.op('jsonb_path_ops')),
  ],
);

export const moderation = pgTable(
  'moderation',
  {
    id: uuid('id').primaryKey(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    decision: text('decision', { enum: ['approve', 'reject', 'hide', 'restore', 'dismissFlags'] }).notNull(),
    reason: text('reason'),
    reasonTemplateId: text('reason_template_id'),
    basedOnStatus: text('based_on_status').notNull(),
    moderatorId: uuid('moderator_id')
      .notNull()
      .references(() => users.id),
    moderatorName: text('moderator_name').notNull(),
    createdAt: tz('created_at').notNull(),
    outcome: text('outcome', { enum: ['applied', 'superseded'] }).notNull(),
    updatedAt: tz('updated_at').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('moderation_seq_key').on(t.seq),
    index('moderation_space_seq_idx').on(t.spaceId, t.seq),
    index('moderation_post_idx').on(t.postId),
  ],
);

/**
 * Participants' reports of published posts. One per user and post (the rate limit); a hide or a
 * dismissFlags decision resolves the open ones.
 */
export const flags = pgTable(
  'flags',
  {
    id: uuid('id').primaryKey(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    resolvedAt: tz('resolved_at'),
  },
  (t) => [
    unique('flags_post_user_key').on(t.postId, t.userId),
    index('flags_open_post_idx')
      .on(t.postId)
      .where(sql`resolved_at IS NULL`),
  ],
);

/**
 * Files uploaded with the tus protocol (`/api/uploads`, server/src/attachments). The bytes live in
 * the upload store (DATA_DIR/uploads by default); this row says whose they are, whether the upload
 * completed, and the type sniffed from its content. A post's `attachments` may only name complete
 * uploads of its author.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Sniffed from the bytes once complete; null while uploading. */
    mime: text('mime'),
    status: text('status', { enum: ['uploading', 'complete', 'refused'] })
      .notNull()
      .default('uploading'),
    createdAt: tz('created_at').notNull(),
    completedAt: tz('completed_at'),
    /**
     * Last sign of life: created, a byte arrived (any tus request of its owner), or completed.
     * The stale-upload sweep counts its ages from here (attachments/upload-sweep.ts).
     */
    touchedAt: tz('touched_at').notNull().defaultNow(),
    /**
     * Set when a post first took it (post-attachments.ts): from then on the sweep leaves it
     * alone. Null = never attached to a post (a space document is checked separately).
     */
    attachedAt: tz('attached_at'),
  },
  (t) => [
    index('uploads_owner_idx').on(t.ownerId),
    // The sweep's candidates: never-attached uploads, oldest first. Attached ones, the bulk of
    // the table, are not in this index at all.
    index('uploads_unattached_touched_idx')
      .on(t.touchedAt)
      .where(sql`attached_at IS NULL`),
  ],
);

/**
 * Upload ids whose bytes must leave the store: queued in the transaction that removed the last
 * post or row naming them, deleted from the store after commit, and swept again at start so a
 * crash between the two does not leave a removed person's file behind.
 */
export const fileDeletions = pgTable('file_deletions', {
  uploadId: uuid('upload_id').primaryKey(),
  queuedAt: tz('queued_at').notNull(),
});

/**
 * Comments received by e-mail (server/src/inbound-mail): the Message-ID makes a re-delivered
 * message land once.
 */
export const inboundMails = pgTable('inbound_mails', {
  messageId: text('message_id').primaryKey(),
  postId: uuid('post_id').references(() => posts.id, { onDelete: 'set null' }),
  receivedAt: tz('received_at').notNull().defaultNow(),
});

/** Web Push subscriptions of a user's devices (one row per browser endpoint). */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    endpoint: text('endpoint').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);
