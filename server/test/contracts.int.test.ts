import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './app.js';

/**
 * Every route answers with a declared response contract (common/contracts, docs/decisions/011):
 * the OpenAPI document shows it, and serialisation drops any field it does not name, so a
 * column a presenter forgot never leaves the server. Routes from before the contracts are listed
 * below; the list may only shrink (a listed route that has one fails the test until it is removed).
 */
const NOT_YET = new Set<string>([]);

let t: Awaited<ReturnType<typeof buildTestApp>>;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('response contracts', () => {
  it('are declared for every API and Open311 route but the ones still listed', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    const missing: string[] = [];
    const declared: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/') && !path.startsWith('/open311/')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const key = `${method.toUpperCase()} ${path}`;
        const has = Object.entries(op.responses ?? {}).some(
          ([code, r]) => code.startsWith('2') && (r.content !== undefined || code === '204'),
        );
        (has ? declared : missing).push(key);
      }
    }
    expect(
      missing.filter((k) => !NOT_YET.has(k)),
      'routes without a response contract',
    ).toEqual([]);
    expect(
      declared.filter((k) => NOT_YET.has(k)),
      'routes that have one now: take them off NOT_YET',
    ).toEqual([]);
  });
});
