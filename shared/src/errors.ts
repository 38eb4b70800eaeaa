/** Stable error codes: clients and tests match on these, never on the message. */
export const ERROR_CODES = [
  'bad_request',
  'invalid_body',
  'invalid_query',
  'invalid_checkpoint',
  'invalid_token',
  'invitation_used',
  'invitation_expired',
  'wrong_account',
  'unknown_collection',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'csrf',
  'not_found',
  'email_taken',
  'invalid_credentials',
  'too_many_attempts',
  'rate_limited',
  'quota_exceeded',
  'already_flagged',
  'viewer_changed',
  'viewer_claim_required',
  'invalid_transition',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** Reasons the server refuses a pushed row (in `post.refusal.code`). */
export const REFUSAL_CODES = [
  'invalid',
  'not_author',
  'unknown_question',
  'unknown_parent',
  'phase_closed',
  'not_editable',
  'bad_attachment',
  'space_closed',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];
