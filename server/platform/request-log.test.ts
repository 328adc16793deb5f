import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConciseRequestLog, humanLine } from './request-log.js';

/** An app logging to an array, with the request lines as app.ts has them. */
async function appLoggingAt(level: string) {
  const lines: string[] = [];
  const app = Fastify({ logger: { level, stream: { write: (line: string) => lines.push(line) } }, logController: new ConciseRequestLog() });
  app.get('/api/residents', async () => ({ ok: true }));
  await app.ready();
  return { app, lines };
}

describe('request logging', () => {
  it('writes one short line per request at debug, without the query (search terms can be ID numbers)', async () => {
    const { app, lines } = await appLoggingAt('debug');
    await app.inject({ url: '/api/residents?q=370124199001011234' });
    await app.inject({ url: '/nowhere' });
    const messages = lines.map((l) => JSON.parse(l).msg as string);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^GET \/api\/residents 200 \d+ ms$/);
    expect(messages[1]).toMatch(/^GET \/nowhere 404 \d+ ms$/);
    await app.close();
  });

  it('writes nothing per request at info, the production default', async () => {
    const { app, lines } = await appLoggingAt('info');
    await app.inject({ url: '/api/residents' });
    expect(lines).toEqual([]);
    await app.close();
  });

  it('turns a pino line into a time and the message, and says when it is an error', () => {
    const at = Date.UTC(2026, 11, 5, 1, 2, 3);
    expect(humanLine(JSON.stringify({ level: 20, time: at, msg: 'GET /api/cases 200 8 ms' }))).toBe('09:02:03 GET /api/cases 200 8 ms\n');
    expect(humanLine(JSON.stringify({ level: 50, time: at, msg: '失败', err: { stack: 'Error: x\n    at y' } }))).toBe(
      '09:02:03 ERROR 失败\nError: x\n    at y\n',
    );
    expect(humanLine('not json\n')).toBe('not json\n');
  });
});
