import {
  AnnouncementBody,
  Announcement,
  CollectionName,
  DeleteAccountBody,
  ECHO_HEADER,
  ECHO_STORED,
  FlagBody,
  Id,
  AcceptInvitationBody,
  InspectInvitationBody,
  InvitationView,
  InviteBody,
  InviteResult,
  LangCode,
  LoginBody,
  ModeratorBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  PullQuery,
  PushBody,
  PushKey,
  PushSubscriptionBody,
  PushUnsubscribeBody,
  RegisterBody,
  RegisterConfirmBody,
  QuestionRemoval,
  Space,
  SpaceDocumentBody,
  SpaceStatusBody,
  StreamQuery,
  UpdateMeBody,
  VIEWER_HEADER,
  type ErrorCode,
} from '@parley/shared';
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiParameters,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { SESSION_COOKIE } from '../auth/session-token';
import {
  AccountDeleted,
  Accepted,
  AdminMessage,
  AnyErrorBody,
  ClientConfig,
  errorBody,
  Flagged,
  MeSchema,
  MyData,
  Ok,
  PullPage,
  PushAnswer,
  PushSubscribed,
  PushUnsubscribed,
  Readiness,
  SessionsEnded,
  SpaceDocuments,
  SpaceReportSchema,
} from './api-schemas';

/**
 * The OpenAPI 3.1 description of every route the server answers, served at GET /api/openapi.json.
 * Bodies and parameters are the shared zod schemas the handlers parse with, converted by
 * zod-openapi; route-coverage.test.ts fails when a route is registered without an entry here, and
 * api-properties.test.ts sends generated requests and checks every answer against it.
 */

/** Error codes a response may carry, by status. */
type Refusals = Partial<Record<number, readonly ErrorCode[]>>;

const REFUSED: Record<number, string> = {
  400: 'The request is not valid (the code says how).',
  401: 'Not signed in, or wrong credentials.',
  403: 'Not allowed, or a cross-site request.',
  404: 'No such thing, or not visible to this viewer.',
  409: 'In conflict with the current state.',
  410: 'Gone: the upload no longer exists, or the invitation was used or has expired.',
  413: 'Too large, or over the upload quota.',
  415: 'Wrong content type.',
  429: 'Too many requests; `Retry-After` says when to try again.',
  503: 'Not ready.',
};

/** Every /api route behind the body parser: a NUL in the address, an unreadable body. */
const API: Refusals = { 400: ['bad_request'] };
/** Every write: the CSRF fence wants JSON (even with no body) and the same site, then the rate limits. */
const WRITE: Refusals = {
  400: ['bad_request'],
  403: ['csrf'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  429: ['rate_limited'],
};
const BODY: Refusals = { 400: ['invalid_body'] };
const SIGNED_IN: Refusals = { 401: ['unauthenticated'] };
const ALLOWED: Refusals = { 403: ['forbidden'] };
const FOUND: Refusals = { 404: ['not_found'] };

function refusals(sets: Refusals[]): Record<string, ZodOpenApiResponseObject> {
  const merged = new Map<number, Set<ErrorCode>>();
  for (const set of sets)
    for (const [status, codes] of Object.entries(set)) {
      const all = merged.get(Number(status)) ?? new Set();
      for (const code of codes ?? []) all.add(code);
      merged.set(Number(status), all);
    }
  return Object.fromEntries(
    [...merged].map(([status, codes]) => [
      String(status),
      {
        description: REFUSED[status] ?? 'Refused.',
        content: { 'application/json': { schema: errorBody([...codes]) } },
      },
    ]),
  );
}

const json = (schema: z.ZodType, description: string): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema } },
});
const text = (type: string, description: string): ZodOpenApiResponseObject => ({
  description,
  content: { [type]: { schema: z.string() } },
});
const empty = (description: string): ZodOpenApiResponseObject => ({ description });

interface Route {
  summary: string;
  tags: string[];
  params?: ZodOpenApiParameters;
  body?: z.ZodType;
  ok: Record<number, ZodOpenApiResponseObject>;
  refuses?: Refusals[];
}

function op(route: Route): ZodOpenApiOperationObject {
  return {
    summary: route.summary,
    tags: route.tags,
    ...(route.params ? { requestParams: route.params } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
      : {}),
    responses: { ...route.ok, ...refusals(route.refuses ?? []) },
  };
}

const Slug = z.string().min(1).max(80);
const slug = { path: z.object({ slug: Slug }) };
const collection = z.object({ collection: CollectionName });
const viewerClaim = z.string().max(64).meta({
  description: `Whose database the request fills: the signed-in account's id, or "anon". A push must send it.`,
});
const reportParams = {
  ...slug,
  query: z.object({
    phase: Id.optional(),
    lang: LangCode.optional().meta({
      description:
        'The language of the Markdown/CSV wording and titles; without it, the account’s, else the space’s first.',
    }),
  }),
};
const report = (type: string, what: string): ZodOpenApiOperationObject =>
  op({
    summary: `The space's summary report (${what}), for its moderators`,
    tags: ['reports'],
    params: reportParams,
    ok: { 200: type === 'json' ? json(SpaceReportSchema, what) : text(type, what) },
    refuses: [API, SIGNED_IN, ALLOWED, FOUND, { 400: ['invalid_query'] }],
  });

// tus 1.0 (creation, termination), answered by @tus/server: its own refusals are plain text.
const TUS_VERSION = z.literal('1.0.0');
const tusRefusals = (statuses: number[]): Record<string, ZodOpenApiResponseObject> =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: REFUSED[status] ?? 'Refused.',
        content: {
          'application/json': { schema: AnyErrorBody },
          'text/plain': { schema: z.string() },
        },
      },
    ]),
  );
const upload = { path: z.object({ id: Id }) };

const paths: ZodOpenApiPathsObject = {
  '/api/live': {
    get: op({
      summary: 'Liveness: the process answers',
      tags: ['operations'],
      ok: { 200: json(Ok, 'Alive.') },
    }),
  },
  '/api/health': {
    get: op({
      summary: 'Health: the database answers',
      tags: ['operations'],
      ok: { 200: json(Ok, 'Healthy.') },
      refuses: [API],
    }),
  },
  '/api/ready': {
    get: op({
      summary: "Readiness: the database answers and has this build's migrations",
      tags: ['operations'],
      ok: { 200: json(Readiness, 'Ready.'), 503: json(Readiness, 'Not ready (the body says why).') },
      refuses: [API],
    }),
  },
  '/api/metrics': {
    get: op({
      summary: 'Prometheus metrics: with METRICS_TOKEN as a bearer token, or from loopback',
      tags: ['operations'],
      ok: { 200: text('text/plain', 'Metrics in the Prometheus text format.') },
      refuses: [ALLOWED],
    }),
  },
  '/api/config': {
    get: op({
      summary: "The client's run-time settings",
      tags: ['operations'],
      ok: { 200: json(ClientConfig, 'Settings.') },
      refuses: [API],
    }),
  },
  '/api/openapi.json': {
    get: op({
      summary: 'This document',
      tags: ['operations'],
      ok: { 200: json(z.looseObject({ openapi: z.string() }), 'The OpenAPI 3.1 document.') },
      refuses: [API],
    }),
  },

  '/api/auth/register': {
    post: op({
      summary: 'Sign up: e-mails a link (202), or signs in at once where e-mail is off (201)',
      tags: ['accounts'],
      body: RegisterBody,
      ok: {
        201: json(MeSchema, 'Signed up and in (SIGNUP_CONFIRMATION=instant).'),
        202: json(Accepted, 'A link is on its way, if the address can take an account.'),
      },
      refuses: [WRITE, BODY, { 409: ['email_taken'] }],
    }),
  },
  '/api/auth/register/confirm': {
    post: op({
      summary: 'Finish signing up with the e-mailed token, and sign in',
      tags: ['accounts'],
      body: RegisterConfirmBody,
      ok: { 201: json(MeSchema, 'Signed up and in.') },
      refuses: [WRITE, BODY, { 400: ['invalid_token'] }],
    }),
  },
  '/api/auth/login': {
    post: op({
      summary: 'Sign in (sets the session cookie)',
      tags: ['accounts'],
      body: LoginBody,
      ok: { 200: json(MeSchema, 'Signed in.') },
      refuses: [WRITE, BODY, { 401: ['invalid_credentials'], 429: ['too_many_attempts'] }],
    }),
  },
  '/api/auth/logout': {
    post: op({
      summary: 'Sign out of this session',
      tags: ['accounts'],
      ok: { 204: empty('Signed out.') },
      refuses: [WRITE],
    }),
  },
  '/api/auth/logout-all': {
    post: op({
      summary: 'End every session of the account',
      tags: ['accounts'],
      ok: { 200: json(SessionsEnded, 'Signed out everywhere.') },
      refuses: [WRITE, SIGNED_IN],
    }),
  },
  '/api/auth/me': {
    get: op({
      summary: 'Who is signed in',
      tags: ['accounts'],
      ok: { 200: json(MeSchema, 'The account.') },
      refuses: [API, SIGNED_IN],
    }),
    patch: op({
      summary: "Change the account's preferences",
      tags: ['accounts'],
      body: UpdateMeBody,
      ok: { 200: json(MeSchema, 'The account, changed.') },
      refuses: [WRITE, BODY, SIGNED_IN],
    }),
  },
  '/api/auth/password-reset': {
    post: op({
      summary: 'E-mail a password-reset link (always 202: says nothing about the address)',
      tags: ['accounts'],
      body: PasswordResetRequestBody,
      ok: { 202: json(Accepted, 'A link is on its way, if the address has an account.') },
      refuses: [WRITE, BODY],
    }),
  },
  '/api/auth/password-reset/confirm': {
    post: op({
      summary: 'Set a new password with the e-mailed token',
      tags: ['accounts'],
      body: PasswordResetConfirmBody,
      ok: { 204: empty('Changed; every session ended.') },
      refuses: [WRITE, BODY, { 400: ['invalid_token'] }],
    }),
  },
  '/api/invitations': {
    post: op({
      summary:
        'Invite someone by e-mail as a moderator (of a space or one question) or an organiser (organisers)',
      tags: ['accounts'],
      body: InviteBody,
      ok: {
        201: json(
          InviteResult,
          'The invitation is on its way (the same answer whether the address has an account).',
        ),
      },
      refuses: [WRITE, BODY, SIGNED_IN, ALLOWED, FOUND],
    }),
  },
  '/api/invitations/inspect': {
    post: op({
      summary: 'What an e-mailed invitation link offers (the token in the body, never in the address)',
      tags: ['accounts'],
      body: InspectInvitationBody,
      ok: { 200: json(InvitationView, 'The invitation, and whether its address has an account.') },
      refuses: [WRITE, BODY, { 400: ['invalid_token'], 410: ['invitation_used', 'invitation_expired'] }],
    }),
  },
  '/api/invitations/accept': {
    post: op({
      summary:
        'Accept an invitation: create the account and sign in, or add the role to the signed-in account',
      tags: ['accounts'],
      body: AcceptInvitationBody,
      ok: { 200: json(MeSchema, 'Accepted: the account with its new role.') },
      refuses: [
        WRITE,
        BODY,
        SIGNED_IN,
        {
          400: ['invalid_token'],
          403: ['wrong_account'],
          409: ['email_taken'],
          410: ['invitation_used', 'invitation_expired'],
        },
      ],
    }),
  },
  '/api/me/export': {
    get: op({
      summary: 'Download all the data kept about me',
      tags: ['accounts'],
      ok: { 200: json(MyData, 'The data, as an attachment.') },
      refuses: [API, SIGNED_IN],
    }),
  },
  '/api/push/key': {
    get: op({
      summary: "The server's Web Push (VAPID) public key, for PushManager.subscribe",
      tags: ['notifications'],
      ok: { 200: json(PushKey, 'The key (base64url).') },
      refuses: [API, FOUND],
    }),
  },
  '/api/push/subscriptions': {
    post: op({
      summary: "Save this browser's push subscription for the signed-in person",
      tags: ['notifications'],
      body: PushSubscriptionBody,
      ok: {
        201: json(PushSubscribed, 'Saved: replies (and, for moderators, posts waiting) are pushed here.'),
      },
      refuses: [WRITE, BODY, SIGNED_IN, FOUND],
    }),
    delete: op({
      summary: "Delete one of the signed-in person's push subscriptions",
      tags: ['notifications'],
      body: PushUnsubscribeBody,
      ok: { 200: json(PushUnsubscribed, 'Whether there was one to delete.') },
      refuses: [WRITE, BODY, SIGNED_IN],
    }),
  },
  '/api/me': {
    delete: op({
      summary: 'Delete my account (the password confirms it)',
      tags: ['accounts'],
      body: DeleteAccountBody,
      ok: { 200: json(AccountDeleted, 'Deleted; signed out.') },
      refuses: [WRITE, BODY, SIGNED_IN, { 403: ['invalid_credentials'] }],
    }),
  },

  '/api/sync/{collection}/pull': {
    get: op({
      summary: 'One page of changes after a checkpoint (RxDB HTTP replication)',
      tags: ['sync'],
      params: {
        path: collection,
        query: PullQuery,
        header: z.object({ [VIEWER_HEADER]: viewerClaim.optional() }),
      },
      ok: { 200: json(PullPage, 'The page and the checkpoint to pull from next.') },
      refuses: [
        API,
        {
          400: ['invalid_query', 'invalid_checkpoint'],
          404: ['unknown_collection'],
          409: ['viewer_changed'],
          429: ['rate_limited'],
        },
      ],
    }),
  },
  '/api/sync/{collection}/push': {
    post: op({
      summary: 'Write rows; answers the conflicts (RxDB HTTP replication)',
      tags: ['sync'],
      params: {
        path: collection,
        header: z.object({
          [VIEWER_HEADER]: viewerClaim,
          [ECHO_HEADER]: z
            .literal(ECHO_STORED)
            .optional()
            .meta({ description: 'Also answer every stored row.' }),
        }),
      },
      body: PushBody,
      ok: { 200: json(PushAnswer, 'Conflicts (and, with the echo header, the stored rows).') },
      refuses: [
        WRITE,
        BODY,
        SIGNED_IN,
        ALLOWED,
        { 400: ['viewer_claim_required'], 404: ['unknown_collection'], 409: ['viewer_changed'] },
      ],
    }),
  },
  '/api/sync/{collection}/stream': {
    get: op({
      summary: 'Server-sent events: a change is there to pull',
      tags: ['sync'],
      params: { path: collection, query: StreamQuery.extend({ viewer: viewerClaim.optional() }) },
      ok: { 200: text('text/event-stream', 'The event stream, open until the server ends it.') },
      refuses: [
        API,
        {
          400: ['invalid_query'],
          404: ['unknown_collection'],
          409: ['viewer_changed'],
          429: ['rate_limited'],
        },
      ],
    }),
  },

  '/api/posts/{id}/flags': {
    post: op({
      summary: 'Flag a published post for its moderators',
      tags: ['moderation'],
      params: { path: z.object({ id: Id }) },
      body: FlagBody,
      ok: { 201: json(Flagged, 'Flagged.') },
      refuses: [WRITE, BODY, SIGNED_IN, ALLOWED, FOUND, { 409: ['already_flagged'] }],
    }),
  },
  '/api/spaces/{slug}/moderation.csv': {
    get: op({
      summary: "The space's moderation log, for its moderators",
      tags: ['moderation'],
      params: slug,
      ok: { 200: text('text/csv', 'The log, as an attachment.') },
      refuses: [API, SIGNED_IN, ALLOWED, FOUND],
    }),
  },
  '/api/spaces/{slug}/moderators': {
    post: op({
      summary: "Make an account one of the space's moderators (administrators)",
      tags: ['moderation'],
      params: slug,
      body: ModeratorBody,
      ok: { 200: json(AdminMessage, 'Done.') },
      refuses: [WRITE, BODY, SIGNED_IN, ALLOWED, FOUND],
    }),
    delete: op({
      summary: 'Stop an account moderating the space (administrators)',
      tags: ['moderation'],
      params: slug,
      body: ModeratorBody,
      ok: { 200: json(AdminMessage, 'Done.') },
      refuses: [WRITE, BODY, SIGNED_IN, ALLOWED, FOUND],
    }),
  },
  '/api/moderation/spaces/{slug}/announcement': {
    put: op({
      summary: "Publish or replace the space's pinned announcement",
      tags: ['moderation'],
      params: slug,
      body: AnnouncementBody,
      ok: { 200: json(Announcement, 'Published.') },
      refuses: [WRITE, BODY, SIGNED_IN, ALLOWED, FOUND],
    }),
    delete: op({
      summary: "Take the space's announcement down",
      tags: ['moderation'],
      params: slug,
      ok: { 204: empty('Taken down.') },
      refuses: [WRITE, SIGNED_IN, ALLOWED, FOUND],
    }),
  },
  '/api/spaces/{slug}/report.json': { get: report('json', 'JSON') },
  '/api/spaces/{slug}/report.md': { get: report('text/markdown', 'Markdown') },
  '/api/spaces/{slug}/report.csv': { get: report('text/csv', 'CSV') },
  '/api/spaces/{slug}/documents': {
    post: op({
      summary: 'Attach a finished upload to the space (administrators)',
      tags: ['files'],
      params: slug,
      body: SpaceDocumentBody,
      ok: { 201: json(SpaceDocuments, "The space's documents now.") },
      refuses: [WRITE, BODY, SIGNED_IN, ALLOWED, FOUND],
    }),
  },
  '/api/spaces/{slug}/documents/{id}': {
    delete: op({
      summary: 'Take a document off the space (administrators)',
      tags: ['files'],
      params: { path: z.object({ slug: Slug, id: Id }) },
      ok: { 200: json(SpaceDocuments, "The space's documents now.") },
      refuses: [WRITE, SIGNED_IN, ALLOWED, FOUND],
    }),
  },
  '/api/spaces/{slug}/status': {
    put: op({
      summary:
        'Publish, close, reopen, archive or unarchive the space (administrators): draft → published → closed ⇄ published, closed or published → archived → closed',
      tags: ['spaces'],
      params: slug,
      body: SpaceStatusBody,
      ok: { 200: json(Space, 'The space as stored now (the same status again changes nothing).') },
      refuses: [WRITE, BODY, SIGNED_IN, ALLOWED, FOUND, { 409: ['invalid_transition'] }],
    }),
  },
  '/api/spaces/{slug}/questions/{id}': {
    delete: op({
      summary:
        'Remove a question (administrators): it and its posts leave every device, no post is taken for it; the rows stay',
      tags: ['spaces'],
      params: { path: z.object({ slug: Slug, id: Id }) },
      ok: { 200: json(QuestionRemoval, 'Removed (again: a retry changes nothing).') },
      refuses: [WRITE, SIGNED_IN, ALLOWED, FOUND],
    }),
  },
  '/api/attachments/{id}': {
    get: op({
      summary: 'Download a file this viewer may see; a cut download resumes with Range',
      tags: ['files'],
      params: {
        path: z.object({ id: Id }),
        header: z.object({
          range: z.string().max(200).optional().meta({
            description:
              'One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`); several ranges, or a malformed header, get the whole file.',
          }),
          'if-range': z.string().max(200).optional().meta({
            description:
              'The `ETag` of the first answer: the range is served only if it still matches, else the whole file.',
          }),
        }),
      },
      ok: {
        200: text(
          '*/*',
          'The file, with its sniffed type, as an attachment; `Accept-Ranges: bytes` and an `ETag`.',
        ),
        206: text('*/*', 'The requested range only; `Content-Range` says which bytes of how many.'),
        416: empty('The range starts past the end of the file; `Content-Range: bytes */<size>`.'),
      },
      refuses: [API, FOUND],
    }),
  },

  '/api/uploads': {
    options: {
      summary: 'tus discovery',
      tags: ['files'],
      responses: { 204: empty('Tus-Version, Tus-Extension, Tus-Max-Size.') },
    },
    post: {
      summary: 'Create a resumable upload (tus creation); the file then goes up with PATCH',
      tags: ['files'],
      requestParams: {
        header: z.object({
          'tus-resumable': TUS_VERSION,
          'upload-length': z.coerce.number().int().min(0),
          'upload-metadata': z
            .string()
            .max(2_000)
            .optional()
            .meta({ description: 'tus metadata: `filename <base64>`.' }),
        }),
      },
      responses: {
        201: empty('Created; `Location` is the upload’s address.'),
        // An empty file is complete at creation, and no accepted type is empty.
        ...tusRefusals([400, 401, 403, 413, 415, 429]),
      },
    },
  },
  '/api/uploads/{id}': {
    head: {
      summary: 'How much of an upload arrived (tus)',
      tags: ['files'],
      requestParams: { ...upload, header: z.object({ 'tus-resumable': TUS_VERSION }) },
      responses: {
        200: empty('`Upload-Offset` and `Upload-Length`.'),
        ...tusRefusals([400, 401, 403, 404, 410, 429]),
      },
    },
    patch: {
      summary: 'Send the next bytes of an upload (tus)',
      tags: ['files'],
      requestParams: {
        ...upload,
        header: z.object({ 'tus-resumable': TUS_VERSION, 'upload-offset': z.coerce.number().int().min(0) }),
      },
      requestBody: {
        required: true,
        content: { 'application/offset+octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
      },
      responses: {
        204: empty('Stored; `Upload-Offset` is the new offset.'),
        ...tusRefusals([400, 401, 403, 404, 409, 410, 413, 415, 429]),
      },
    },
    delete: {
      summary: 'Abandon an unfinished upload (tus termination)',
      tags: ['files'],
      requestParams: { ...upload, header: z.object({ 'tus-resumable': TUS_VERSION }) },
      responses: { 204: empty('Deleted.'), ...tusRefusals([400, 401, 403, 404, 410, 429]) },
    },
  },
};

let built: ReturnType<typeof createDocument> | undefined;

/** Built once, on first request: it depends on nothing but the code. */
export function apiDocument(): ReturnType<typeof createDocument> {
  return (built ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Parley API',
      version: '1',
      description:
        'Errors answer `{ "error": { "code", "message", "details"? } }`; clients match on `code`. ' +
        'Writes need `Content-Type: application/json`, even without a body (the CSRF fence).',
    },
    security: [{}, { session: [] }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      schemas: { ErrorBody: AnyErrorBody },
    },
    paths,
  }));
}
