import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';

/**
 * The rate_limit_counters table (server/platform/rate-limit.ts): one row per key, the events of
 * its current window and when that window ends. Not region-scoped: keys name a use and a caller.
 */
export function rateLimitCounters(db: Kysely<DB>) {
  return {
    /**
     * Counts one event in one atomic upsert, so two processes hitting the same key at once get
     * consecutive counts; an ended window starts over at this event, ending at `endsIfNew`.
     */
    count: (key: string, endsIfNew: Date, now: Date) =>
      db
        .insertInto('rate_limit_counters')
        .values({ key, hits: 1, window_ends_at: endsIfNew })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => {
            // Every expression sees the row as it was.
            const ended = eb('rate_limit_counters.window_ends_at', '<=', now);
            return {
              hits: eb
                .case()
                .when(ended)
                .then(1)
                .else(eb('rate_limit_counters.hits', '+', 1))
                .end(),
              window_ends_at: eb.case().when(ended).then(endsIfNew).else(eb.ref('rate_limit_counters.window_ends_at')).end(),
            };
          }),
        )
        .returning(['hits', 'window_ends_at'])
        .executeTakeFirstOrThrow(),

    /** The key's window if it is still running at `now`. */
    running: (key: string, now: Date) =>
      db
        .selectFrom('rate_limit_counters')
        .select(['hits', 'window_ends_at'])
        .where('key', '=', key)
        .where('window_ends_at', '>', now)
        .executeTakeFirst(),

    remove: async (key: string) => {
      await db.deleteFrom('rate_limit_counters').where('key', '=', key).execute();
    },

    /**
     * Removes every key that starts with `prefix`; answers how many. starts_with, not LIKE: the
     * prefix is compared as it is, with no wildcard to escape.
     */
    removeStartingWith: async (prefix: string) => {
      const result = await db
        .deleteFrom('rate_limit_counters')
        .where((eb) => eb.fn<boolean>('starts_with', ['key', eb.val(prefix)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    removeEndedBy: async (now: Date) => {
      const result = await db.deleteFrom('rate_limit_counters').where('window_ends_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type RateLimitCounters = ReturnType<typeof rateLimitCounters>;
