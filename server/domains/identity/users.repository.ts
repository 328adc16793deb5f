import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { under } from '../../platform/scope.js';

/**
 * Accounts for the administrators' list (账号管理), region-scoped by the region's path, with
 * the shared sign-in failure count (device '') joined on the normalised username. Names are
 * lower-case by the CLI's rule (server/cli/user-command.ts); lower() here, and the index on it
 * (migrations/0011), meet login-policy.ts throttleKey for the odd older mixed-case name.
 */
export interface UserFilter {
  scopePath: string;
  q?: string;
  /** Only accounts with failures remembered since `failuresSince`, or a password to change. */
  attention?: boolean;
  failuresSince: Date;
}

const accounts = (db: Kysely<DB>, f: UserFilter) => {
  let query = db.selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.region_id')
    .leftJoin('login_failures as lf', (join) => join
      .onRef('lf.username', '=', sql<string>`lower(users.username)`)
      .on('lf.device_id', '=', '')
      .on('lf.last_failed_at', '>', f.failuresSince))
    .where('regions.path', 'like', under(f.scopePath));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('users.username', 'ilike', like), eb('users.display_name', 'like', like)]));
  }
  if (f.attention) query = query.where((eb) => eb.or([eb('lf.failures', 'is not', null), eb('users.must_change_password', '=', true)]));
  return query;
};

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

const columns = [
  'users.id', 'users.username', 'users.display_name', 'users.role', 'users.active', 'users.must_change_password',
  'users.password_changed_at', 'regions.id as region_id', 'regions.name as region_name',
  'lf.failures', 'lf.last_failed_at',
] as const;

/** A page of accounts, the ones with recent failures first. */
export function listAccounts(db: Kysely<DB>, f: UserFilter, page: { offset: number; limit: number }) {
  return {
    rows: accounts(db, f).select(columns)
      .orderBy(sql`lf.last_failed_at desc nulls last`).orderBy('users.id')
      .offset(page.offset).limit(page.limit),
    counted: accounts(db, f),
  };
}

/** One account inside the scope, or undefined (outside it is as if it did not exist). */
export function findAccount(db: Kysely<DB>, f: Pick<UserFilter, 'scopePath' | 'failuresSince'>, userId: number) {
  return accounts(db, f).select(columns).where('users.id', '=', userId).executeTakeFirst();
}
