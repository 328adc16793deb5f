import type { ServerResponse } from 'node:http';
import { typed, SESSION_COOKIE, type App } from '../http.js';
import { scopedDb } from '../db/scoped-db.js';
import { eventStreamQuery, eventStreamResponse } from '../../../common/contracts/events.js';
import type { EventStreams, StreamSink } from './event-streams.js';

/**
 * GET /api/events: the signed-in viewer's live event stream (Server-Sent Events, docs/decisions/025).
 * The response is taken over (reply.hijack) once the stream is admitted: Fastify's onSend hooks,
 * where compression or any buffering would sit, never see it, and every message is written to
 * the socket as it comes. Before that, a refusal (401, too many streams) is an ordinary JSON error.
 */
export async function eventStreamRoutes(app: App, options: { streams: EventStreams }) {
  typed(app).get(
    '/api/events',
    {
      schema: {
        tags: ['platform'],
        summary: '实时事件流（Server-Sent Events）：本人辖区与权限内的事件；Last-Event-ID 尽力补发',
        querystring: eventStreamQuery,
        response: { 200: eventStreamResponse },
      },
    },
    async (request, reply) => {
      const prepared = await options.streams.prepare(
        request.cookies[SESSION_COOKIE],
        async (viewer) => (await scopedDb(app.db, viewer)).scope,
      );
      const header = request.headers['last-event-id'];
      const lastEventId = (typeof header === 'string' && header.length <= 40 ? header : undefined) ?? request.query.lastEventId;
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        // no-transform: a proxy must not compress (and so hold back) the stream.
        'cache-control': 'no-store, no-transform',
        // nginx would otherwise buffer the response.
        'x-accel-buffering': 'no',
        // The socket goes with the stream: when the server ends the stream (closing, a session
        // ended) no idle keep-alive connection is left for app.close() to wait out.
        connection: 'close',
      });
      const gone = options.streams.start(prepared, sinkOf(reply.raw), lastEventId);
      // The client went away (or half-closed its side, which Node's server allows): drop the
      // stream and its socket, which would otherwise linger until the client's own timeout.
      reply.raw.on('close', () => {
        gone();
        reply.raw.destroy();
      });
    },
  );
}

const sinkOf = (raw: ServerResponse): StreamSink => ({
  write: (text) => void raw.write(text),
  backlog: () => raw.writableLength,
  end: () => {
    raw.end();
    // A client that has stopped reading would hold the socket (and app.close()) until it timed out.
    setTimeout(() => raw.destroy(), 1000).unref();
  },
});
