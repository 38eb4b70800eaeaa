import {
  Attachment,
  Checkpoint,
  ERROR_CODES,
  Id,
  LangCode,
  Localized,
  Me,
  Moderation,
  Post,
  Question,
  Role,
  Space,
  Timestamp,
  type ErrorCode,
  type SpaceReport,
} from '@parley/shared';
import { z } from 'zod';
import 'zod-openapi';

/**
 * What the API answers where shared/ has no schema yet (request bodies all come from shared/).
 * Kept beside the document that uses them; the compile-time checks below tie them to the types
 * the handlers return, so a change there that is not made here fails `tsc`.
 */

/** shared's ErrorBody, narrowed to the codes one response can carry. */
export const errorBody = (codes: readonly ErrorCode[]) =>
  z.object({
    error: z.object({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      /** For invalid bodies and queries: the zod issues; for quota_exceeded: the figures. */
      details: z.unknown().optional(),
    }),
  });
export const AnyErrorBody = errorBody(ERROR_CODES).meta({ id: 'ErrorBody' });

export const Ok = z.object({ ok: z.literal(true) });
export const Accepted = z.object({ accepted: z.literal(true) });
export const ClientConfig = z.object({ sentryDsn: z.string().nullable(), sentryEnvironment: z.string() });
export const Readiness = z.object({
  ready: z.boolean(),
  database: z.enum(['ok', 'unreachable']),
  migrations: z.object({ applied: z.int().min(0), expected: z.int().min(0) }),
});
export const SessionsEnded = z.object({ sessionsEnded: z.int().min(0) });
export const Flagged = z.object({ flagged: z.literal(true) });
export const AdminMessage = z.object({ message: z.string() });
export const SpaceDocuments = z.object({ documents: z.array(Attachment) });
export const AccountDeleted = z.object({
  deleted: z.literal(true),
  postsKept: z.int().min(0),
  postsRemoved: z.int().min(0),
});

export const MeSchema = Me.meta({ id: 'Me' });

/** POST and DELETE /api/push/subscriptions (notifications/push-routes.ts). */
export const PushSubscribed = z.object({ subscribed: z.literal(true) });
export const PushUnsubscribed = z.object({ unsubscribed: z.boolean() });

/** GET /api/me/export: every row kept about the person (people-repository.ts). */
export const MyData = z.object({
  format: z.literal('parley-export/1'),
  exportedAt: Timestamp,
  account: z.looseObject({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    role: Role,
    lang: LangCode,
    globalModerator: z.boolean(),
    moderatorOf: z.array(Id),
  }),
  posts: z.array(z.looseObject({ id: Id, body: z.string() })),
  flags: z.array(z.looseObject({ id: Id, postId: Id, reason: z.string() })),
  moderationDecisions: z.array(z.looseObject({ id: Id, postId: Id })),
});

/** A replicated document as pull, push conflicts and streams send it (RxDB's `_deleted`). */
const replicated = <S extends z.ZodObject>(schema: S, id: string) =>
  schema.extend({ _deleted: z.boolean() }).meta({ id });
export const SyncDocument = z.union([
  replicated(Space, 'SpaceDocument'),
  replicated(Question, 'QuestionDocument'),
  replicated(Post, 'PostDocument'),
  replicated(Moderation, 'ModerationDocument'),
]);
export const PullPage = z.object({ documents: z.array(SyncDocument), checkpoint: Checkpoint });
/** RxDB's push answer: the conflicts (with `X-Parley-Echo: stored`, every stored row too). */
export const PushAnswer = z.array(SyncDocument);

// Mirrors shared/src/report.ts's SpaceReport (an interface there: buildReport runs on devices too).
const Counts = z.record(z.string(), z.int().min(0));
interface ReportPostShape {
  id: string;
  author: string;
  lang: string;
  body: string;
  createdAt: string;
  attachments: z.infer<typeof Attachment>[];
  replies: ReportPostShape[];
}
const ReportPost: z.ZodType<ReportPostShape> = z
  .object({
    id: Id,
    author: z.string(),
    lang: z.string(),
    body: z.string(),
    createdAt: z.string(),
    attachments: z.array(Attachment),
    get replies() {
      return z.array(ReportPost);
    },
  })
  .meta({ id: 'ReportPost' });
export const SpaceReportSchema = z
  .object({
    space: z.object({ id: Id, slug: z.string(), title: Localized(300), languages: z.array(z.string()) }),
    phaseId: Id.nullable(),
    phases: z.array(z.object({ id: Id, name: Localized(200), opensAt: z.string(), closesAt: z.string() })),
    contributions: z.int().min(0),
    contributors: z.int().min(0),
    anonymousContributors: z.int().min(0),
    byLanguage: Counts,
    byPhase: Counts,
    questions: z.array(
      z.object({
        id: Id,
        phaseId: Id,
        position: z.int(),
        title: Localized(1_000),
        contributions: z.int().min(0),
        byLanguage: Counts,
        threads: z.array(ReportPost),
      }),
    ),
    attachments: z.array(Attachment.extend({ postId: Id, questionId: Id })),
  })
  .meta({ id: 'SpaceReport' });

// Compile-time ties between these schemas and the handlers' return types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const reportInSync: Same<z.output<typeof SpaceReportSchema>, SpaceReport> = true;
void reportInSync;
