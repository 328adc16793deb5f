import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

/** A new password: the must-change flag goes, and every session but the one in use ends. */
export async function setPassword(db: Kysely<DB>, userId: number, passwordHash: string, keepToken: string | undefined, at: Date) {
  await db.updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: at })
    .where('id', '=', userId).execute();
  let ended = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepToken) ended = ended.where('token_hash', '!=', tokenHash(keepToken));
  return Number((await ended.executeTakeFirst()).numDeletedRows);
}

const SIGNING_KEY = 'identity_signing_key';

/**
 * This installation's key for signed login challenges and device cookies: made once, kept in
 * app_meta, so that every server process signs and checks with the same key.
 */
export async function signingKey(db: Kysely<DB>): Promise<Buffer> {
  await db.insertInto('app_meta').values({ key: SIGNING_KEY, value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', SIGNING_KEY).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}

export async function createSession(db: Kysely<DB>, userId: number, token: string, ttlMs: number) {
  await db.insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: userId, expires_at: new Date(Date.now() + ttlMs) })
    .execute();
}

export function deleteSession(db: Kysely<DB>, token: string) {
  return db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

export function deleteExpiredSessions(db: Kysely<DB>) {
  return db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
}

const userWithRegion = (db: Kysely<DB>) =>
  db.selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.region_id')
    .select([
      'users.id', 'users.username', 'users.display_name', 'users.role', 'users.region_id',
      'users.property_company_id', 'users.resident_id', 'users.org_unit_id', 'users.active', 'users.must_change_password',
      'regions.path as region_path', 'regions.name as region_name', 'regions.code as region_code',
      'regions.level as region_level',
    ]);

export type UserWithRegion = NonNullable<Awaited<ReturnType<typeof findUserWithRegion>>>;

export function findUserWithRegion(db: Kysely<DB>, userId: number) {
  return userWithRegion(db).where('users.id', '=', userId).executeTakeFirst();
}

/** The user behind a live session token, with the region they are scoped to. */
export function findSessionUser(db: Kysely<DB>, token: string) {
  return userWithRegion(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.expires_at', '>', new Date())
    .executeTakeFirst();
}

export interface NewUser {
  username: string; password_hash: string; display_name: string; role: string; region_id: number;
  org_unit_id?: number | null; property_company_id?: number | null; resident_id?: number | null;
  /** Set for passwords someone else knows (demo accounts, generated initial passwords). */
  must_change_password?: boolean;
}

/** Creates or refreshes an account by username (used by the demo seed and the CLI). */
export async function upsertUser(db: Kysely<DB>, user: NewUser) {
  return db.insertInto('users').values(user)
    .onConflict((oc) => oc.column('username').doUpdateSet({
      password_hash: user.password_hash, display_name: user.display_name, role: user.role,
      region_id: user.region_id, org_unit_id: user.org_unit_id ?? null,
      property_company_id: user.property_company_id ?? null, resident_id: user.resident_id ?? null,
      must_change_password: user.must_change_password ?? false,
    }))
    .returning('id').executeTakeFirstOrThrow();
}
