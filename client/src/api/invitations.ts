import type { InvitationView, InviteBody, InviteResult } from '@parley/shared';
import { request } from './http';

/**
 * Invitations by e-mail (server/src/invitations). Online only; failures are ApiError (code
 * `network` when offline). Accepting goes through the session (it signs in).
 */
export const sendInvitation = (body: InviteBody) => request<InviteResult>('POST', '/api/invitations', body);

export const inspectInvitation = (token: string) =>
  request<InvitationView>('POST', '/api/invitations/inspect', { token });
