import { randomUUID } from 'node:crypto';
import { request, type ClientRequest } from 'node:http';
import type { Post, Question } from '@parley/shared';

/** A UUIDv7-shaped id (time-ordered like the app's). */
export function uuidv7(): string {
  const hex = Date.now().toString(16).padStart(12, '0');
  const rest = randomUUID().replace(/-/g, '').slice(12);
  const raw = `${hex}7${rest.slice(1, 4)}${((parseInt(rest[4]!, 16) & 0x3) | 0x8).toString(16)}${rest.slice(5, 20)}`;
  return `${raw.slice(0, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}-${raw.slice(16, 20)}-${raw.slice(20, 32)}`;
}

/** A new comment as a device creates it. */
export function newComment(question: Question, body: string): Post {
  return {
    id: uuidv7(),
    spaceId: question.spaceId,
    questionId: question.id,
    parentId: null,
    authorId: null,
    authorName: '',
    authorOrganisation: null,
    anonymous: false,
    lang: 'en',
    body,
    attachments: [],
    status: 'pending',
    moderationReason: null,
    moderationReasonTemplateId: null,
    onBehalfOf: null,
    mailNote: null,
    fromModerator: false,
    writtenBeforeClose: false,
    flags: [],
    createdAt: new Date().toISOString(),
    receivedAt: null,
    updatedAt: null,
    refusal: null,
  };
}

export interface SseClient {
  /** Everything received so far, raw (comments, `retry:` lines, data lines). */
  text(): string;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a server-sent event stream the way EventSource does, keeping the raw text. */
export function openSse(url: string, cookie: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    let text = '';
    const req = request(url, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream: ${res.statusCode}`));
      res.setEncoding('utf8');
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
        res.on('error', () => done());
      });
      res.on('data', (chunk: string) => (text += chunk));
      resolve({ text: () => text, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

export interface HeldRequest {
  req: ClientRequest;
  /** Sends the rest of the body: until then the request is in flight on the server. */
  finish(): void;
  response: Promise<{ status: number; body: string }>;
}

/**
 * A JSON POST whose body is only partly sent: the server has started answering it (the request is
 * in flight) and waits for the rest, which `finish()` sends. A slow phone on a slow link, on demand.
 */
export function heldPost(url: string, headers: Record<string, string>, json: unknown): HeldRequest {
  const body = Buffer.from(JSON.stringify(json));
  const req = request(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'content-length': body.length },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, 16));
  return { req, finish: () => req.end(body.subarray(16)), response };
}
