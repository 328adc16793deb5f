import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

/**
 * What the server writes to its console. Fastify's own request logging is two JSON lines per
 * request at info level, which buries everything else in a demo and fills a production log
 * with what the proxy already records. Instead: one short line per request at debug level,
 * the default in demo mode, so production (info by default) writes none. In demo mode the
 * lines are plain text for a person at a terminal; in production they stay pino's JSON for a
 * log collector.
 */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'mode'>): FastifyServerOptions['logger'] {
  if (config.mode === 'production') return { level: config.logLevel };
  return { level: config.logLevel, stream: { write: (line: string) => process.stdout.write(humanLine(line)) } };
}

/**
 * Fastify's request lines, replaced: nothing when a request comes in or finds no route, and
 * one line when it is answered: method, path without its query (search terms can be ID
 * numbers), status, time. At debug, or at error when the request failed.
 */
export class ConciseRequestLog extends LogController {
  override incomingRequest() {}
  override routeNotFound() {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const path = request.url.split('?', 1)[0];
    const line = `${request.method} ${path} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`;
    if (error) reply.log.error({ err: error }, line);
    else reply.log.debug(line);
  }
}

const LEVEL_WORDS: Record<number, string> = { 10: 'TRACE', 20: '', 30: '', 40: 'WARN ', 50: 'ERROR ', 60: 'FATAL ' };

/** A pino JSON line as '12:03:04 GET /api/cases 200 8 ms' (warnings and errors say so, with their stack). */
export function humanLine(json: string): string {
  let entry: { level?: number; time?: number; msg?: string; err?: { stack?: string } };
  try {
    entry = JSON.parse(json);
  } catch {
    return json;
  }
  const time = new Date(entry.time ?? Date.now()).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
  const stack = entry.err?.stack ? `\n${entry.err.stack}` : '';
  return `${time} ${LEVEL_WORDS[entry.level ?? 30] ?? ''}${entry.msg ?? ''}${stack}\n`;
}
