import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { containing } from '../../platform/db/text-search.js';
import { pageOf } from '../../platform/paging.js';

/**
 * The county's units and leaders as the gazette's 分工 notices set them out
 * (gazette/gazette-orgs.import.ts writes them). Not region-scoped: every role that reads
 * organisations reads the whole county's.
 */
export function orgsRepository(db: Kysely<DB>) {
  return {
    /** A page of units by kind, then in the notices' order; `q` matches the name or any alias. */
    units: (f: { q?: string; kind?: string }, page: { offset: number; limit: number }) => {
      const base = () => {
        let q = db.selectFrom('org_units');
        if (f.kind) q = q.where('kind', '=', f.kind);
        if (f.q) {
          const like = containing(f.q);
          q = q.where((eb) =>
            eb.or([
              eb('name', 'like', like),
              sql<boolean>`exists (select 1 from unnest(org_units.aliases) as alias where alias like ${like})`,
            ]),
          );
        }
        return q;
      };
      return pageOf(base().selectAll().orderBy('kind').orderBy('id').offset(page.offset).limit(page.limit), base());
    },

    unitById: (id: number) => db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst(),

    /** The first unit, in the order of `names`, whose name or an alias is one of them. */
    unitNamedAnyOf: (names: string[]) =>
      db
        .selectFrom('org_units')
        .select(['id', 'name'])
        .where((eb) => eb.or([eb('name', 'in', names), sql<boolean>`org_units.aliases && ${sql.val(names)}::text[]`]))
        .orderBy(sql`array_position(${sql.val(names)}::text[], org_units.name) nulls last`)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst(),
    /** Every unit with its aliases and kind: what a printed unit name is matched against (unit-names.ts). */
    allUnits: () => db.selectFrom('org_units').select(['id', 'name', 'kind', 'aliases']).orderBy('id').execute(),

    /** Duties joined with their leader, unit and assisted leader, for the given leaders or units (all when neither). */
    duties: (by: { leaderIds?: number[]; unitIds?: number[] }) => {
      // prettier-ignore
      let q = db
        .selectFrom('leader_duties')
        .innerJoin('leaders', 'leaders.id', 'leader_duties.leader_id')
        .leftJoin('org_units', 'org_units.id', 'leader_duties.org_unit_id')
        .leftJoin('leaders as assisted', 'assisted.id', 'leader_duties.assists_leader_id')
        // The post the duty is held in: the one its notice gave the leader (migrations/0012).
        .leftJoin('leader_posts as post', (join) =>
          join.onRef('post.leader_id', '=', 'leader_duties.leader_id').onRef('post.source_doc', '=', 'leader_duties.source_doc'))
        .select([
          'leader_duties.id', 'leader_duties.leader_id', 'leader_duties.duty', 'leader_duties.work_area', 'leader_duties.org_unit_id',
          'leader_duties.source_doc', 'leaders.name as leader_name', 'post.body', 'org_units.name as unit_name',
          'assisted.name as assisted_name',
        ]);
      if (by.leaderIds) q = q.where('leader_duties.leader_id', 'in', by.leaderIds.length ? by.leaderIds : [-1]);
      if (by.unitIds) q = q.where('leader_duties.org_unit_id', 'in', by.unitIds.length ? by.unitIds : [-1]);
      return q.orderBy('leader_duties.id').execute();
    },

    /** Leaders, each once: those of 县政府 first, then those only in 县政府办公室, each in the order the notice names them. */
    leaders: () =>
      db
        .selectFrom('leaders')
        .leftJoin('leader_posts as gov', (join) => join.onRef('gov.leader_id', '=', 'leaders.id').on('gov.body', '=', '县政府'))
        .leftJoin('leader_posts as office', (join) =>
          join.onRef('office.leader_id', '=', 'leaders.id').on('office.body', '=', '县政府办公室'),
        )
        .select(['leaders.id', 'leaders.name'])
        .orderBy(sql`gov.rank is null`)
        .orderBy('gov.rank')
        .orderBy('office.rank')
        .orderBy('leaders.id')
        .execute(),

    /** Every seat of every leader, county government first. */
    posts: () =>
      db
        .selectFrom('leader_posts')
        .select(['leader_id', 'body', 'rank'])
        .orderBy(sql`body = '县政府'`, 'desc')
        .orderBy('rank')
        .execute(),

    /** AB角 pairs: each leader stands in for the other. */
    abPairs: () =>
      db
        .selectFrom('leader_ab_pairs')
        .innerJoin('leaders as a', 'a.id', 'leader_ab_pairs.leader_a')
        .innerJoin('leaders as b', 'b.id', 'leader_ab_pairs.leader_b')
        .select(['a.id as a_id', 'a.name as a_name', 'b.id as b_id', 'b.name as b_name', 'leader_ab_pairs.source_doc'])
        .execute(),
  };
}

export type OrgsRepository = ReturnType<typeof orgsRepository>;
export type UnitRow = NonNullable<Awaited<ReturnType<OrgsRepository['unitById']>>>;
export type DutyRow = Awaited<ReturnType<OrgsRepository['duties']>>[number];
export type LeaderRow = Awaited<ReturnType<OrgsRepository['leaders']>>[number];
export type PostRow = Awaited<ReturnType<OrgsRepository['posts']>>[number];
export type AbPairRow = Awaited<ReturnType<OrgsRepository['abPairs']>>[number];
