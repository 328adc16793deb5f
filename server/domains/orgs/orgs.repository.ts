import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { pageOf } from '../../platform/paging.js';
import { escapeLike } from '../regions/places.repository.js';

export async function listUnits(db: Kysely<DB>, f: { q?: string; kind?: string }, page: { offset: number; limit: number }) {
  const base = () => {
    let q = db.selectFrom('org_units');
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      q = q.where((eb) => eb.or([
        eb('name', 'like', like),
        sql<boolean>`exists (select 1 from unnest(org_units.aliases) as alias where alias like ${like})`,
      ]));
    }
    return q;
  };
  return pageOf(base().selectAll().orderBy('kind').orderBy('id').offset(page.offset).limit(page.limit), base());
}

export function unitById(db: Kysely<DB>, id: number) {
  return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Duties joined with their leader, unit and assisted leader, for the given leaders or units. */
export function dutiesWhere(db: Kysely<DB>, by: { leaderIds?: number[]; unitIds?: number[] }) {
  let q = db.selectFrom('leader_duties')
    .innerJoin('leaders', 'leaders.id', 'leader_duties.leader_id')
    .leftJoin('org_units', 'org_units.id', 'leader_duties.org_unit_id')
    .leftJoin('leaders as assisted', 'assisted.id', 'leader_duties.assists_leader_id')
    .select([
      'leader_duties.id', 'leader_duties.leader_id', 'leader_duties.duty', 'leader_duties.work_area',
      'leader_duties.org_unit_id', 'leader_duties.source_doc', 'leaders.name as leader_name', 'leaders.body',
      'org_units.name as unit_name', 'assisted.name as assisted_name',
    ]);
  if (by.leaderIds) q = q.where('leader_duties.leader_id', 'in', by.leaderIds.length ? by.leaderIds : [-1]);
  if (by.unitIds) q = q.where('leader_duties.org_unit_id', 'in', by.unitIds.length ? by.unitIds : [-1]);
  return q.orderBy('leader_duties.id').execute();
}

export function listLeaders(db: Kysely<DB>) {
  return db.selectFrom('leaders').selectAll().orderBy('body', 'desc').orderBy('rank').execute();
}

export function abPairs(db: Kysely<DB>) {
  return db.selectFrom('leader_ab_pairs')
    .innerJoin('leaders as a', 'a.id', 'leader_ab_pairs.leader_a')
    .innerJoin('leaders as b', 'b.id', 'leader_ab_pairs.leader_b')
    .select(['a.id as a_id', 'a.name as a_name', 'b.id as b_id', 'b.name as b_name', 'leader_ab_pairs.source_doc'])
    .execute();
}

export async function listPropertyCompanies(db: Kysely<DB>, estateScope: { path: string; estateIds: number[] | null }) {
  const companies = await db.selectFrom('property_companies').selectAll().orderBy('id').execute();
  let estates = db.selectFrom('estates').select(['id', 'name', 'property_company_id'])
    .where('property_company_id', 'is not', null).where('region_path', 'like', `${estateScope.path}%`);
  if (estateScope.estateIds) estates = estates.where('id', 'in', estateScope.estateIds.length ? estateScope.estateIds : [-1]);
  const estateRows = await estates.orderBy('id').execute();
  return { companies, estateRows };
}
