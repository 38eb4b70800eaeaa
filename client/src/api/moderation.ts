import { request } from './http';

/**
 * Moderation calls that are not replication: they need a connection (the screens say so) and
 * report failures as ApiError (code `network` when offline).
 */
export const flagPost = (postId: string, reason: string) =>
  request<{ flagged: true }>('POST', `/api/posts/${encodeURIComponent(postId)}/flags`, { reason });

export const assignModerator = (slug: string, email: string) =>
  request<{ message: string }>('POST', `/api/spaces/${encodeURIComponent(slug)}/moderators`, { email });

export const removeModerator = (slug: string, email: string) =>
  request<{ message: string }>('DELETE', `/api/spaces/${encodeURIComponent(slug)}/moderators`, { email });

export const auditCsvHref = (slug: string) => `/api/spaces/${encodeURIComponent(slug)}/moderation.csv`;
