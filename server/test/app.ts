import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../platform/config.js';
import { buildApp } from '../app.js';
import { createTestDatabase } from './test-database.js';
import { openDatabase } from '../platform/db/database.js';
import { buildHouse, categoryByCode, TEST_PASSWORD } from './factories.js';
import os from 'node:os';
import type { Clock } from '../platform/clock.js';
import path from 'node:path';
import sharp from 'sharp';

/** The app on a fresh test database, driven through app.inject() as the Fastify demo does; `env` adds settings. */
export async function buildTestApp(options: { clock?: Clock; mode?: 'demo' | 'production'; env?: Record<string, string> } = {}) {
  const database = await createTestDatabase();
  // Production unless a test is about the demo (whose accounts must change their password in production).
  const config = loadConfig({
    DATA_DIR: path.join(os.tmpdir(), `civicgrid-test-${process.pid}-${Date.now()}`),
    CIVICGRID_MODE: options.mode ?? 'production',
    LOG_LEVEL: 'silent',
    // No test listens on the machine's MQTT port; a test of the broker gives its own (iot/ingest tests).
    MQTT_PORT: '0',
    ...options.env,
  });
  const app = await buildApp({ config, database, clock: options.clock });
  return {
    app,
    db: database.db,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/**
 * A second app on the same PostgreSQL database, as a second server process would run: its own
 * pool, its own LISTEN connection, its own caches. (PGlite is one process's: PostgreSQL only.)
 */
export async function buildSecondTestApp(first: TestApp) {
  if (!first.database.url) throw new Error('a second process needs PostgreSQL (TEST_DATABASE_URL)');
  const database = await openDatabase({ url: first.database.url, poolSize: 4 });
  const app = await buildApp({ config: first.app.config, database });
  return {
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Logs in and returns the session cookie header for later requests. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cg_session');
  return { cookie: `cg_session=${cookie!.value}` };
}

/** Uploads a small generated JPEG as the session's user, as a report's photo goes up first, and returns its id. */
export async function uploadTestPhoto(app: FastifyInstance, cookie: string): Promise<number> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } })
    .jpeg()
    .toBuffer();
  const boundary = '----cg';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    jpeg,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: '/api/case-photos',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

/**
 * A street-lamp case reported by `cookie`'s desk in 锦源社区 whose step is already an hour late:
 * the next supervision round owes it a 督办单.
 */
export async function reportOverdueCase(t: { app: FastifyInstance; db: TestApp['db'] }, cookie: string, description: string) {
  const house = await buildHouse(t.db, '锦源社区');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie },
    payload: { categoryId: (await categoryByCode(t.db, 'streetlight')).id, description, houseId: house.id },
  });
  expect(res.statusCode, res.body).toBe(201);
  const { caseId } = res.json() as { caseId: number };
  await t.db
    .updateTable('cases')
    .set({ next_deadline_at: new Date(Date.now() - 3_600_000) })
    .where('id', '=', caseId)
    .execute();
  return caseId;
}
