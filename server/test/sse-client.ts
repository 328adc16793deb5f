import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { LiveEvent } from '../../common/contracts/events.js';

/** One message of a text/event-stream, as a browser's EventSource would hand it over. */
export interface SseMessage {
  event: string;
  id: string | null;
  data: string;
}

/**
 * A client of GET /api/events over a real socket (app.inject waits for a response to end, and a
 * stream does not): node:http, the stream parsed message by message as it arrives.
 */
export interface EventStreamClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The response body so far, as text: what a scan for personal data reads. */
  readonly text: string;
  readonly messages: readonly SseMessage[];
  /** The events among the messages. */
  events(): LiveEvent[];
  /** Waits until a message passes `test` (at most `ms`) and returns it. */
  next(test: (m: SseMessage) => boolean, ms?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** The app listening on a free port of 127.0.0.1 (once per app), for clients that need a socket. */
export async function listening(app: FastifyInstance): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

export function openEventStream(baseUrl: string, headers: Record<string, string> = {}, path = '/api/events'): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      response.setEncoding('utf8');
      let text = '';
      let pending = '';
      const messages: SseMessage[] = [];
      const waiters = new Set<() => void>();
      let endedResolve!: () => void;
      const ended = new Promise<void>((r) => (endedResolve = r));
      response.on('data', (chunk: string) => {
        text += chunk;
        pending += chunk;
        let cut: number;
        while ((cut = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, cut);
          pending = pending.slice(cut + 2);
          const message = parseBlock(block);
          if (message) messages.push(message);
        }
        waiters.forEach((w) => w());
      });
      response.on('end', endedResolve);
      response.on('close', endedResolve);
      response.on('error', endedResolve);
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        get text() {
          return text;
        },
        messages,
        events: () => messages.filter((m) => m.event === 'message').map((m) => JSON.parse(m.data) as LiveEvent),
        next(test, ms = 5000) {
          return new Promise((done, fail) => {
            const check = () => {
              const found = messages.find(test);
              if (!found) return;
              waiters.delete(check);
              clearTimeout(timer);
              done(found);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no such message within ${ms} ms; got: ${text.slice(-600)}`));
            }, ms);
            waiters.add(check);
            check();
          });
        },
        ended,
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

/** Opens a stream, expecting it to be admitted (200, text/event-stream). */
export async function openAdmitted(baseUrl: string, cookie: string, extra: Record<string, string> = {}) {
  const stream = await openEventStream(baseUrl, { cookie, ...extra });
  expect(stream.status).toBe(200);
  await stream.next((m) => m.event === 'retry');
  return stream;
}

/** A message block: comments (': …') become {event: 'comment'}, a bare `retry:` {event: 'retry'}. */
function parseBlock(block: string): SseMessage | null {
  let event = 'message';
  let id: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) return { event: 'comment', id: null, data: line.slice(1).trim() };
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry') return { event: 'retry', id: null, data: value };
  }
  return { event, id, data: data.join('\n') };
}
