import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function recordFailedLogin(db: Kysely<DB>, userId: number, lockAfter: number, lockMs: number) {
  return db.updateTable('users')
    .set((eb) => ({
      failed_logins: eb('failed_logins', '+', 1),
      locked_until: eb.case()
        .when('failed_logins', '>=', lockAfter - 1).then(new Date(Date.now() + lockMs))
        .else(eb.ref('locked_until')).end(),
    }))
    .where('id', '=', userId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
}

export function clearFailedLogins(db: Kysely<DB>, userId: number) {
  return db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
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
      'users.property_company_id', 'users.resident_id', 'users.org_unit_id', 'users.active',
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
}

/** Creates or refreshes an account by username (used by the demo seed and the CLI). */
export async function upsertUser(db: Kysely<DB>, user: NewUser) {
  return db.insertInto('users').values(user)
    .onConflict((oc) => oc.column('username').doUpdateSet({
      password_hash: user.password_hash, display_name: user.display_name, role: user.role,
      region_id: user.region_id, org_unit_id: user.org_unit_id ?? null,
      property_company_id: user.property_company_id ?? null, resident_id: user.resident_id ?? null,
    }))
    .returning('id').executeTakeFirstOrThrow();
}
