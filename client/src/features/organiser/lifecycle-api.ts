import type { QuestionRemoval, Space, SpaceStatus } from '@parley/shared';
import { request } from '../../api/http';

const spacePath = (slug: string) => `/api/spaces/${encodeURIComponent(slug)}`;

/**
 * A space's status and a question's removal are decided on the server, online (unlike edits,
 * which wait in the device's database): the organiser learns at once whether it happened. The
 * new state reaches every device, this one included, through the replication.
 */
export const changeSpaceStatus = (slug: string, status: SpaceStatus) =>
  request<Space>('PUT', `${spacePath(slug)}/status`, { status });

/** An empty JSON body: the server's CSRF guard wants the JSON content type on every write. */
export const removeQuestion = (slug: string, questionId: string) =>
  request<QuestionRemoval>('DELETE', `${spacePath(slug)}/questions/${encodeURIComponent(questionId)}`, {});
