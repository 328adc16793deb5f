import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import type { Open311Client } from '../../../common/contracts/open311.js';
import { open311ClientsRepository, type Open311ClientsRepository } from './open311.repository.js';

/**
 * The applications allowed to file requests. A key is shown once, when it is made; only its
 * SHA-256 is stored (open311_clients.api_key_sha256), so a leaked database leaks no key.
 */
export const DEMO_CLIENT_NAME = '演示 Open311 客户端';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The demo application's key, registered (or re-keyed) under one fixed name. Idempotent. */
export async function ensureDemoOpen311Client(db: Kysely<DB>, apiKey: string) {
  if (apiKey.length < 16) throw new Error('演示 Open311 api_key 至少 16 个字符');
  await open311ClientsRepository(db).upsert(DEMO_CLIENT_NAME, sha256Hex(apiKey));
}

/**
 * Outside demo mode the demo client's key (printed at every demo start, and its default in the
 * source) must open nothing: a database first started as a demo keeps the row, inactive.
 */
export async function retireDemoOpen311Client(db: Kysely<DB>) {
  await open311ClientsRepository(db).deactivateByName(DEMO_CLIENT_NAME);
}

/** A new client application. Its key is returned once; only its SHA-256 is kept. */
export async function createOpen311Client(db: Kysely<DB>, name: string): Promise<{ id: number; name: string; apiKey: string }> {
  const clean = name.trim();
  if (!clean || clean.length > 60) throw invalid('CLIENT_NAME', '客户端名称须为 1–60 个字');
  const apiKey = `o311k_${randomBytes(24).toString('base64url')}`;
  const row = await open311ClientsRepository(db).insert(clean, sha256Hex(apiKey));
  if (!row) throw conflict('CLIENT_EXISTS', `已有名为“${clean}”的 Open311 客户端`);
  return { id: row.id, name: row.name, apiKey };
}

/** A client application as an administrator sees it (the CLI and the API): never its key, which is not kept. */
export interface Open311ClientView {
  id: number;
  name: string;
  active: boolean;
  createdAt: Date;
}

const view = (row: { id: number; name: string; active: boolean; created_at: Date }): Open311ClientView => ({
  id: row.id,
  name: row.name,
  active: row.active,
  createdAt: row.created_at,
});

/** A client application as the API sends it (common/contracts/open311.ts). */
export const presentClient = (c: Open311ClientView): Open311Client => ({ ...c, createdAt: c.createdAt.toISOString() });

/** Every registered client application, oldest first, revoked ones included. */
export async function listOpen311Clients(db: Kysely<DB>): Promise<Open311ClientView[]> {
  return (await open311ClientsRepository(db).all()).map(view);
}

/**
 * Stops a client application's key from filing anything (security review, issue 7, finding 11:
 * keys could be neither issued nor revoked per application). Revoking a revoked client changes
 * nothing and says so; the row stays, so its name is not reused and its past requests keep
 * their source.
 */
export async function revokeOpen311Client(
  db: Kysely<DB>,
  input: { id: number },
): Promise<{ client: Open311ClientView; alreadyRevoked: boolean }> {
  if (!Number.isSafeInteger(input.id) || input.id < 1) throw invalid('CLIENT_ID', 'Open311 客户端编号须为正整数');
  const clients = open311ClientsRepository(db);
  const revoked = await clients.deactivateById(input.id);
  if (revoked) return { client: view(revoked), alreadyRevoked: false };
  const existing = await clients.byId(input.id);
  if (!existing) throw new AppError(404, 'CLIENT_NOT_FOUND', `编号为 ${input.id} 的 Open311 客户端不存在`);
  return { client: view(existing), alreadyRevoked: true };
}

/** The active client holding this key, or the spec's 403 for a missing or wrong one. */
export async function clientOf(clients: Open311ClientsRepository, apiKey: unknown) {
  const key = typeof apiKey === 'string' ? apiKey.trim() : '';
  const client = key && key.length <= 200 ? await clients.activeByKeyHash(sha256Hex(key)) : undefined;
  if (!client) throw new AppError(403, 'API_KEY', key ? 'api_key 无效或已停用' : '缺少 api_key');
  return client;
}
