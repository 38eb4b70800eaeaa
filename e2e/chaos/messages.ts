/** What the chaos run and its device workers say to each other over IPC. */

export type DeviceRole = 'participant' | 'moderator';

export interface DeviceSpec {
  /** A short name, also written into every post body this device writes. */
  key: string;
  role: DeviceRole;
  /** `parley_session=<token>`: the device is already signed in. */
  cookie: string;
}

export interface WorkerConfig {
  /** The fault-injecting proxy: devices never talk to the server directly. */
  baseUrl: string;
  devices: DeviceSpec[];
  /** Questions whose phase is open (a post to a closed phase would be refused, not lost). */
  questionIds: string[];
  /** Seeds each device's own random choices, so a run can be replayed in spirit. */
  seed: number;
  pace: Pace;
}

export interface Pace {
  /** Pause between two actions of one device, in ms. */
  actionMs: [number, number];
  /** Time online between two offline periods, and the length of an offline period, in ms. */
  onlineMs: [number, number];
  offlineMs: [number, number];
}

export interface WrittenPost {
  device: string;
  id: string;
  tag: string;
  /** The post replied to, if a reply. */
  parentId: string | null;
  reply: boolean;
}

export interface WrittenDecision {
  device: string;
  id: string;
  postId: string;
  decision: string;
}

/** What a device holds, as the user would see it. */
export interface LocalPost {
  id: string;
  status: string;
  body: string;
  /** Set when the server refused the post (its author keeps the text and the reason). */
  refusal: string | null;
  /** Server side only: when the server last changed it, and its position in the change order. */
  updatedAt?: string | null;
  seq?: number;
}

export interface DeviceSnapshot {
  key: string;
  posts: LocalPost[];
  /** Decisions a moderator's device holds: id and outcome. */
  decisions: { id: string; outcome: string | null }[];
}

export interface CalmReport {
  [key: string]: unknown;
  type: 'calm';
  posts: WrittenPost[];
  decisions: WrittenDecision[];
  offlinePeriods: number;
  /** Texts this worker's devices held but may not see, caught as they arrived. */
  leaks: { device: string; postId: string; status: string }[];
}
