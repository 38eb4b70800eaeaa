import type { Announcement, AnnouncementBody } from '@parley/shared';
import { request } from '../api/http';

const path = (slug: string) => `/api/moderation/spaces/${encodeURIComponent(slug)}/announcement`;

export const publishAnnouncement = (slug: string, body: AnnouncementBody) =>
  request<Announcement>('PUT', path(slug), body);

/** An empty JSON body: the server's CSRF guard wants the JSON content type on every write. */
export const removeAnnouncement = (slug: string) => request<void>('DELETE', path(slug), {});
