import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Accounts, sessions and this installation's signing key. Not region-scoped: signing in and
 * reading a session happen before there is a viewer (the administrators' account list, which
 * is scoped, is users.repository.ts).
 */
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const SIGNING_KEY = 'identity_signing_key';

export interface NewUser {
  username: string;
  password_hash: string;
  display_name: string;
  role: string;
  region_id: number;
  org_unit_id?: number | null;
  property_company_id?: number | null;
  resident_id?: number | null;
  /** Set for passwords someone else knows (demo accounts, generated initial passwords). */
  must_change_password?: boolean;
}

export function identityRepository(db: Kysely<DB>) {
  // prettier-ignore
  const userWithRegion = () =>
    db
      .selectFrom('users')
      .innerJoin('regions', 'regions.id', 'users.region_id')
      .select([
        'users.id', 'users.username', 'users.display_name', 'users.role', 'users.region_id', 'users.property_company_id',
        'users.resident_id', 'users.org_unit_id', 'users.active', 'users.must_change_password', 'regions.path as region_path',
        'regions.name as region_name', 'regions.code as region_code', 'regions.level as region_level',
      ]);

  return {
    userByUsername: (username: string) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),

    userById: (userId: number) => db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst(),

    /** A user with the region they are scoped to. */
    userWithRegion: (userId: number) => userWithRegion().where('users.id', '=', userId).executeTakeFirst(),

    /** The user behind a live session token, with the region they are scoped to and when the session expires. */
    sessionUser: (token: string) =>
      userWithRegion()
        .innerJoin('sessions', 'sessions.user_id', 'users.id')
        .select('sessions.expires_at')
        .where('sessions.token_hash', '=', tokenHash(token))
        .where('sessions.expires_at', '>', new Date())
        .executeTakeFirst(),

    createSession: async (userId: number, token: string, ttlMs: number) => {
      await db
        .insertInto('sessions')
        .values({ token_hash: tokenHash(token), user_id: userId, expires_at: new Date(Date.now() + ttlMs) })
        .execute();
    },

    deleteSession: async (token: string) => {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
    },

    /** A new password: the must-change flag goes, and every session but the one in use ends; answers how many ended. */
    setPassword: async (userId: number, passwordHash: string, keepToken: string | undefined, at: Date) => {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: at })
        .where('id', '=', userId)
        .execute();
      let ended = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepToken) ended = ended.where('token_hash', '!=', tokenHash(keepToken));
      return Number((await ended.executeTakeFirst()).numDeletedRows);
    },

    /**
     * This installation's key for signed login challenges and device cookies: made once, kept in
     * app_meta, so that every server process signs and checks with the same key.
     */
    signingKey: async (): Promise<Buffer> => {
      await db
        .insertInto('app_meta')
        .values({ key: SIGNING_KEY, value: randomBytes(32).toString('base64') })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db.selectFrom('app_meta').select('value').where('key', '=', SIGNING_KEY).executeTakeFirstOrThrow();
      return Buffer.from(row.value, 'base64');
    },

    /** Creates or refreshes an account by username (the demo seed and the CLI). */
    upsertUser: (user: NewUser) =>
      db
        .insertInto('users')
        .values(user)
        .onConflict((oc) =>
          oc.column('username').doUpdateSet({
            password_hash: user.password_hash,
            display_name: user.display_name,
            role: user.role,
            region_id: user.region_id,
            org_unit_id: user.org_unit_id ?? null,
            property_company_id: user.property_company_id ?? null,
            resident_id: user.resident_id ?? null,
            must_change_password: user.must_change_password ?? false,
          }),
        )
        .returning('id')
        .executeTakeFirstOrThrow(),

    /** The region an account is created in, by its 区划代码 (the CLI names it so). */
    regionByCode: (code: string) => db.selectFrom('regions').select(['id', 'name']).where('code', '=', code).executeTakeFirst(),
  };
}

export type IdentityRepository = ReturnType<typeof identityRepository>;
export type UserWithRegion = NonNullable<Awaited<ReturnType<IdentityRepository['userWithRegion']>>>;
export type UserRow = NonNullable<Awaited<ReturnType<IdentityRepository['userByUsername']>>>;
