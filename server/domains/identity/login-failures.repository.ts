import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { FailureState } from './login-policy.js';

/**
 * Failed sign-ins per (username, device) in login_failures (migrations/0011_login_throttle.sql).
 * `username` is the throttle key (login-policy.ts throttleKey), whether or not an account has
 * that name; device '' is every client without a trusted-device cookie. Not region-scoped.
 */
export interface FailureBucket {
  username: string;
  deviceId: string;
}

export function loginFailuresRepository(db: Kysely<DB>) {
  return {
    find: async (bucket: FailureBucket): Promise<FailureState | undefined> => {
      const row = await db
        .selectFrom('login_failures')
        .select(['failures', 'last_failed_at'])
        .where('username', '=', bucket.username)
        .where('device_id', '=', bucket.deviceId)
        .executeTakeFirst();
      return row ? { failures: row.failures, lastFailedAt: row.last_failed_at } : undefined;
    },

    /**
     * Takes the bucket's turn: counts this try as a failure now (a success deletes the row again),
     * provided the row is still as `seen`. Two tries that read the same state race here, and only
     * one wins, so parallel requests cannot spend one allowed try many times over.
     */
    claimTry: async (bucket: FailureBucket, seen: FailureState | undefined, failures: number, now: Date): Promise<boolean> => {
      if (!seen) {
        const inserted = await db
          .insertInto('login_failures')
          .values({ username: bucket.username, device_id: bucket.deviceId, failures, last_failed_at: now })
          .onConflict((oc) => oc.columns(['username', 'device_id']).doNothing())
          .returning('failures')
          .executeTakeFirst();
        return inserted !== undefined;
      }
      const updated = await db
        .updateTable('login_failures')
        .set({ failures, last_failed_at: now })
        .where('username', '=', bucket.username)
        .where('device_id', '=', bucket.deviceId)
        .where('failures', '=', seen.failures)
        .where('last_failed_at', '=', seen.lastFailedAt)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },

    clearBucket: async (bucket: FailureBucket): Promise<void> => {
      await db.deleteFrom('login_failures').where('username', '=', bucket.username).where('device_id', '=', bucket.deviceId).execute();
    },

    /** Forgets every failure of a username, from every device; answers the shared count it had. */
    clearUsername: async (username: string): Promise<number> => {
      const rows = await db.deleteFrom('login_failures').where('username', '=', username).returning(['device_id', 'failures']).execute();
      return rows.find((r) => r.device_id === '')?.failures ?? 0;
    },

    /** Drops rows nobody remembers any more (login-policy.ts failureMemoryMs). */
    sweepForgotten: async (forgottenBefore: Date): Promise<void> => {
      await db.deleteFrom('login_failures').where('last_failed_at', '<=', forgottenBefore).execute();
    },
  };
}

export type LoginFailuresRepository = ReturnType<typeof loginFailuresRepository>;
