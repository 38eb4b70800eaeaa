import type { Space } from '@parley/shared';
import { request } from '../api/http';

/** Binds a finished upload to the space (administrators only). */
export const addSpaceDocument = (slug: string, uploadId: string) =>
  request<{ documents: Space['documents'] }>('POST', `/api/spaces/${encodeURIComponent(slug)}/documents`, {
    uploadId,
  });
