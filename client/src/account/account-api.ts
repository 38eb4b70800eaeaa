import { request } from '../api/http';

/** Ends every session of this account, on every device; the caller then signs out here. */
export function logOutEverywhere(): Promise<{ sessionsEnded: number }> {
  return request('POST', '/api/auth/logout-all', {});
}

/** Everything the server holds about the signed-in person, saved as a JSON file on the device. */
export async function downloadMyData(): Promise<void> {
  const data = await request<unknown>('GET', '/api/me/export');
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = 'parley-my-data.json';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click has handed the file to the browser.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/**
 * Deletes the account (the server checks the password). Each space's policy decides whether the
 * posts there stay as "Former participant" or go; `removePosts` is the choice where it is the person's.
 */
export function deleteAccount(
  password: string,
  removePosts: boolean,
): Promise<{ deleted: true; postsKept: number; postsRemoved: number }> {
  return request('DELETE', '/api/me', { password, removePosts });
}
