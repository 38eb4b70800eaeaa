import type { PullResponse, Question, Space } from '@parley/shared';
import { signUpByMail } from '../support/mailbox';
import type { DeviceSpec } from './messages';

/** The demo accounts of the seeded space (server/src/seed/demo-content.ts). */
const DEMO_PASSWORD = 'parley-demo';
const MODERATORS = ['moderator@parley.test', 'regional@parley.test'];

export interface Cast {
  devices: DeviceSpec[];
  /** The global moderator's session: the whole server's truth, for the final checks. */
  globalCookie: string;
  questionIds: string[];
}

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

async function post(serverUrl: string, path: string, body: unknown): Promise<Response> {
  const res = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

/**
 * The people of the run, set up through the server's own routes: the demo space's global and
 * regional moderators sign in, and new participants sign up. Straight to the server, before any
 * fault: setting up is not what is being tested.
 */
export async function castPeople(
  serverUrl: string,
  dataDir: string,
  participants: number,
  moderators: 1 | 2,
): Promise<Cast> {
  const devices: DeviceSpec[] = [];
  for (const [i, email] of MODERATORS.slice(0, moderators).entries()) {
    const res = await post(serverUrl, '/api/auth/login', { email, password: DEMO_PASSWORD });
    devices.push({ key: `m${i + 1}`, role: 'moderator', cookie: cookieOf(res) });
  }
  const run = Date.now().toString(36);
  for (let i = 1; i <= participants; i++) {
    const cookie = await signUpByMail(serverUrl, dataDir, {
      email: `chaos-${run}-${i}@parley.test`,
      password: 'chaos-password-1234',
      displayName: `Chaos participant ${i}`,
      lang: 'en',
    });
    devices.push({ key: `p${i}`, role: 'participant', cookie });
  }
  const globalCookie = devices[0]!.cookie;
  return { devices, globalCookie, questionIds: await openQuestions(serverUrl, globalCookie) };
}

/** Questions whose phase is open now: a post anywhere else is refused, which is not the point. */
async function openQuestions(serverUrl: string, cookie: string): Promise<string[]> {
  const pull = async <T>(name: string) => {
    const res = await fetch(`${serverUrl}/api/sync/${name}/pull?limit=1000`, { headers: { cookie } });
    if (!res.ok) throw new Error(`pull ${name}: HTTP ${res.status}`);
    return ((await res.json()) as PullResponse<T>).documents;
  };
  const now = Date.now();
  const openPhases = new Set(
    (await pull<Space>('spaces')).flatMap((s) =>
      s.phases.filter((p) => Date.parse(p.opensAt) <= now && now < Date.parse(p.closesAt)).map((p) => p.id),
    ),
  );
  const ids = (await pull<Question>('questions')).filter((q) => openPhases.has(q.phaseId)).map((q) => q.id);
  if (ids.length === 0) throw new Error('the demo space has no open question');
  return ids;
}
