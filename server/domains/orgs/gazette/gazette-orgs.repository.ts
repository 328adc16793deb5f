import type { Insertable, Kysely } from 'kysely';
import type { DB, LeaderAbPairTable, LeaderDutyTable, LeaderPostTable, OrgUnitTable } from '../../../platform/db/schema.js';

/**
 * The statements of the gazette import (gazette-orgs.import.ts), given the import's transaction:
 * units upserted by name, leaders by name with one post per 班子, a notice's duties and AB pairs replaced.
 */
export function gazetteOrgsRepository(trx: Kysely<DB>) {
  return {
    unitsNamed: (names: string[]) => trx.selectFrom('org_units').select(['id', 'name', 'aliases']).where('name', 'in', names).execute(),

    updateUnit: async (id: number, unit: { kind: string; aliases: string[]; parent_id: number | null }) => {
      await trx.updateTable('org_units').set(unit).where('id', '=', id).execute();
    },

    insertUnit: async (unit: Insertable<OrgUnitTable>) =>
      (await trx.insertInto('org_units').values(unit).returning('id').executeTakeFirstOrThrow()).id,

    /** The person, once whatever 班子 they sit in (migrations/0012). */
    upsertLeader: async (name: string) =>
      (
        await trx
          .insertInto('leaders')
          .values({ name })
          // A no-op update so that RETURNING gives the existing row's id too.
          .onConflict((oc) => oc.column('name').doUpdateSet({ name }))
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    /** The leader's seat in a 班子, ranked as the notice names them. */
    upsertPost: async (post: Insertable<LeaderPostTable>) => {
      await trx
        .insertInto('leader_posts')
        .values(post)
        .onConflict((oc) => oc.columns(['leader_id', 'body']).doUpdateSet({ rank: post.rank, source_doc: post.source_doc }))
        .execute();
    },

    /** Drops what a notice said before: its duties and its AB pairs. */
    forgetNotice: async (sourceDoc: string) => {
      await trx.deleteFrom('leader_duties').where('source_doc', '=', sourceDoc).execute();
      await trx.deleteFrom('leader_ab_pairs').where('source_doc', '=', sourceDoc).execute();
    },

    insertDuties: async (duties: Insertable<LeaderDutyTable>[]) => {
      if (duties.length > 0) await trx.insertInto('leader_duties').values(duties).execute();
    },

    /** The same two leaders paired by a later notice: that notice now owns the pair. */
    upsertAbPairs: async (pairs: LeaderAbPairTable[]) => {
      if (pairs.length === 0) return;
      await trx
        .insertInto('leader_ab_pairs')
        .values(pairs)
        .onConflict((oc) => oc.columns(['leader_a', 'leader_b']).doUpdateSet((eb) => ({ source_doc: eb.ref('excluded.source_doc') })))
        .execute();
    },
  };
}

export type GazetteOrgsRepository = ReturnType<typeof gazetteOrgsRepository>;
