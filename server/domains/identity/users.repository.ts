import { sql, type Insertable, type Updateable } from 'kysely';
import type { UserTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { containing } from '../../platform/db/text-search.js';
import { pageOf } from '../../platform/paging.js';

/**
 * Accounts for the administrators' list (账号管理), in the viewer's scope, with the shared
 * sign-in failure count (device '') joined on the normalised username. Names are lower-case by
 * the CLI's rule (server/cli/user-command.ts); lower() here, and the index on it
 * (migrations/0011), meet login-policy.ts throttleKey for the odd older mixed-case name.
 */
export interface UserFilter {
  q?: string;
  /** Only accounts with failures remembered since `failuresSince`, or a password to change. */
  attention?: boolean;
  failuresSince: Date;
}

export function usersRepository(scoped: ScopedDb) {
  const accounts = (f: UserFilter) => {
    // An account names its region by id and carries no region_path: it is in scope when its region is.
    let query = scoped
      .selectFromByRegion('users')
      .leftJoin('login_failures as lf', (join) =>
        join
          .onRef('lf.username', '=', sql<string>`lower(users.username)`)
          .on('lf.device_id', '=', '')
          .on('lf.last_failed_at', '>', f.failuresSince),
      )
      .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .leftJoin('property_companies', 'property_companies.id', 'users.property_company_id');
    if (f.q) {
      const like = containing(f.q);
      query = query.where((eb) => eb.or([eb('users.username', 'ilike', like), eb('users.display_name', 'like', like)]));
    }
    if (f.attention) query = query.where((eb) => eb.or([eb('lf.failures', 'is not', null), eb('users.must_change_password', '=', true)]));
    return query;
  };

  const columns = [
    'users.id',
    'users.username',
    'users.display_name',
    'users.role',
    'users.active',
    'users.must_change_password',
    'users.password_changed_at',
    'regions.id as region_id',
    'regions.name as region_name',
    'lf.failures',
    'lf.last_failed_at',
    'users.org_unit_id',
    'org_units.name as org_unit_name',
    'users.property_company_id',
    'property_companies.name as property_company_name',
  ] as const;
  const db = scoped.unscoped;

  return {
    /** A page of accounts, the ones with recent failures first. */
    list: (f: UserFilter, page: { offset: number; limit: number }) =>
      pageOf(
        accounts(f)
          .select(columns)
          .orderBy(sql`lf.last_failed_at desc nulls last`)
          .orderBy('users.id')
          .offset(page.offset)
          .limit(page.limit),
        accounts(f),
      ),

    /** One account inside the scope, or undefined (outside it is as if it did not exist). */
    byId: (f: Pick<UserFilter, 'failuresSince'>, userId: number) =>
      accounts(f).select(columns).where('users.id', '=', userId).executeTakeFirst(),

    /** A region of the scope an account may be put in, with its level; undefined outside the scope. */
    region: (regionId: number) =>
      scoped.regionsInScope().select(['regions.id', 'regions.level']).where('regions.id', '=', regionId).executeTakeFirst(),

    /** Usernames are unique in the county, whatever their case (login-policy.ts throttleKey lowers them too). */
    usernameTaken: async (username: string) =>
      (await db
        .selectFrom('users')
        .select('id')
        .where(sql<string>`lower(username)`, '=', username.toLowerCase())
        .executeTakeFirst()) !== undefined,

    insert: async (values: Insertable<UserTable>) =>
      (await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow()).id,

    /** Changes an account the caller has found in the scope. */
    update: (userId: number, values: Updateable<UserTable>) => db.updateTable('users').set(values).where('id', '=', userId).execute(),

    /** Signs an account out everywhere (停用, a reset password); answers how many sessions ended. */
    endSessions: async (userId: number) =>
      Number((await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()).numDeletedRows),
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
export type AccountRow = NonNullable<Awaited<ReturnType<UsersRepository['byId']>>>;
