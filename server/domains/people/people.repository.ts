import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { under } from '../../platform/scope.js';
import type { AgeBand } from '../../../common/enums.js';
import type { ResidentFilterInput } from './people.schema.js';

export interface ResidentFilter extends Omit<ResidentFilterInput, 'regionId'> {
  path: string;
  today: string; // 'YYYY-MM-DD': age bands are computed against it
}

/** Birth-date bounds for an age band on a day: born after `from` and on or before `to`. */
export function ageBandBounds(band: AgeBand | 'over_60', today: string): { bornAfter?: string; bornOnOrBefore?: string } {
  const yearsAgo = (n: number) => {
    const [y, m, d] = today.split('-').map(Number);
    const date = new Date(Date.UTC(y - n, m - 1, d));
    return date.toISOString().slice(0, 10);
  };
  switch (band) {
    case '0-17': return { bornAfter: yearsAgo(18) };
    case '18-34': return { bornAfter: yearsAgo(35), bornOnOrBefore: yearsAgo(18) };
    case '35-59': return { bornAfter: yearsAgo(60), bornOnOrBefore: yearsAgo(35) };
    case '60-79': return { bornAfter: yearsAgo(80), bornOnOrBefore: yearsAgo(60) };
    case '80+': return { bornOnOrBefore: yearsAgo(80) };
    case 'over_60': return { bornOnOrBefore: yearsAgo(60) };
  }
}

type ResidentQB = SelectQueryBuilder<DB, 'residents', object>;

/** The search box: full ID or phone, an ID or phone tail, or a name prefix. */
function applySearch(q: ResidentQB, text: string): ResidentQB {
  const t = text.toUpperCase();
  if (/^\d{17}[\dX]$/.test(t)) return q.where('residents.id_card', '=', t);
  if (/^1\d{10}$/.test(t)) return q.where('residents.phone', '=', t);
  if (/^\d{3}[\dX]$/.test(t)) {
    return q.where((eb) => eb.or([
      eb(sql`right(residents.id_card, 4)`, '=', t),
      eb(sql`right(residents.phone, 4)`, '=', t),
    ]));
  }
  if (/^\d{4,16}[\dX]?$/.test(t)) {
    // Longer tails: the indexed last four narrow first, the LIKE confirms.
    const last4 = t.slice(-4);
    return q.where((eb) => eb.or([
      eb.and([eb(sql`right(residents.id_card, 4)`, '=', last4), eb('residents.id_card', 'like', `%${t}`)]),
      eb.and([eb(sql`right(residents.phone, 4)`, '=', last4), eb('residents.phone', 'like', `%${t}`)]),
    ]));
  }
  return q.where('residents.name', 'like', `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** 'party_member@1/2': the token a resident under region path /1/2/ with that tag carries. */
export const tagRegionToken = (tag: string, path: string) => `${tag}@${path.replace(/^\/|\/$/g, '')}`;

export function residentsBase(db: Kysely<DB>, f: ResidentFilter): ResidentQB {
  const storedTag = f.tag && f.tag !== 'over_60' ? f.tag : undefined;
  // Region scope. With a tag filter, the tag-in-region token carries the scope (it exists only
  // for people under that path) and its GIN index answers both at once (migrations/0006).
  let q = (storedTag
    ? db.selectFrom('residents').where('residents.tag_regions', '@>', sql<string[]>`ARRAY[${tagRegionToken(storedTag, f.path)}]::text[]`)
    : db.selectFrom('residents').where('residents.region_path', 'like', under(f.path))) as ResidentQB;
  if (!f.includeMovedOut) q = q.where('residents.moved_out_on', 'is', null);
  if (f.q) q = applySearch(q, f.q);
  if (f.populationType) q = q.where('residents.population_type', '=', f.populationType);
  // 60岁以上 is a tag users filter by, but it is computed from the birth date, never stored.
  const bands = [f.tag === 'over_60' ? 'over_60' as const : undefined, f.ageBand].filter((b) => b !== undefined);
  for (const band of bands) {
    const bounds = ageBandBounds(band, f.today);
    if (bounds.bornAfter) q = q.where('residents.birth_date', '>', bounds.bornAfter);
    if (bounds.bornOnOrBefore) q = q.where('residents.birth_date', '<=', bounds.bornOnOrBefore);
  }
  if (f.houseUse) {
    q = q.where((eb) => eb.exists(eb.selectFrom('houses').select('houses.id')
      .whereRef('houses.id', '=', 'residents.house_id').where('houses.house_use', '=', f.houseUse!)));
  }
  return q;
}

export function selectResidentColumns(q: ResidentQB) {
  return q
    .innerJoin('regions as community', 'community.id', 'residents.community_id')
    .leftJoin('regions as grid', 'grid.id', 'residents.grid_id')
    .leftJoin('houses', 'houses.id', 'residents.house_id')
    .select([
      'residents.id', 'residents.name', 'residents.gender', 'residents.birth_date', 'residents.id_card',
      'residents.phone', 'residents.population_type', 'residents.relation', 'residents.tags',
      'residents.household_id', 'residents.house_id', 'residents.community_id', 'residents.grid_id',
      'residents.region_path', 'residents.ethnicity', 'residents.employer', 'residents.moved_in_on',
      'residents.moved_out_on', 'community.name as community_name', 'grid.name as grid_name',
      'houses.standard_address as address',
    ]);
}

export type ResidentRow = Awaited<ReturnType<ReturnType<typeof selectResidentColumns>['execute']>>[number];

const SORTS = { id: 'residents.id', name: 'residents.name', age: 'residents.birth_date' } as const;

/**
 * The two statements behind a page of the resident list: the rows, and the total — from the
 * trigger-kept counts (migrations/0004) when the list is a region unfiltered, else counted.
 * bench/resident-list.bench.ts sends exactly these raw to measure the API's overhead.
 */
export function residentListQueries(
  db: Kysely<DB>, f: ResidentFilter,
  page: { offset: number; limit: number; sort: keyof typeof SORTS; order: 'asc' | 'desc' },
) {
  // Older first when sorting by age ascending means birth dates descending.
  const direction = page.sort === 'age' ? (page.order === 'asc' ? 'desc' : 'asc') : page.order;
  const rows = selectResidentColumns(residentsBase(db, f))
    .orderBy(SORTS[page.sort], direction).orderBy('residents.id', direction)
    .offset(page.offset).limit(page.limit);
  const total = isScopeOnly(f)
    ? db.selectFrom('resident_counts').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('active'), eb.lit(0)).as('n'))
      .where('region_path', 'like', under(f.path))
    : residentsBase(db, f).select((eb) => eb.fn.countAll<number>().as('n'));
  return { rows, total };
}

export async function listResidents(db: Kysely<DB>, f: ResidentFilter, page: Parameters<typeof residentListQueries>[2]) {
  const q = residentListQueries(db, f, page);
  const [rows, total] = await Promise.all([q.rows.execute(), q.total.executeTakeFirstOrThrow()]);
  return { rows, total: Number(total.n) };
}

const isScopeOnly = (f: ResidentFilter) =>
  !f.q && !f.tag && !f.ageBand && !f.populationType && !f.houseUse && !f.includeMovedOut;

export function residentById(db: Kysely<DB>, id: number, path: string) {
  return selectResidentColumns(residentsBase(db, { path, today: '', includeMovedOut: true }))
    .where('residents.id', '=', id).executeTakeFirst();
}

export function residentsOfHousehold(db: Kysely<DB>, householdId: number) {
  return selectResidentColumns(db.selectFrom('residents') as ResidentQB)
    .where('residents.household_id', '=', householdId).orderBy('residents.id').execute();
}

export function residentsOfHouse(db: Kysely<DB>, houseId: number) {
  return selectResidentColumns(db.selectFrom('residents') as ResidentQB)
    .where('residents.house_id', '=', houseId).where('residents.moved_out_on', 'is', null)
    .orderBy('residents.household_id').orderBy('residents.id').execute();
}

export function householdById(db: Kysely<DB>, id: number) {
  return db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
}

export function movesOf(db: Kysely<DB>, residentId: number) {
  return db.selectFrom('resident_moves').select(['kind', 'moved_on', 'place', 'note'])
    .where('resident_id', '=', residentId).orderBy('moved_on').orderBy('id').execute();
}

export function specialGroupsOf(db: Kysely<DB>, residentId: number) {
  return db.selectFrom('special_group_records').select(['category', 'since_on', 'supervisor', 'note'])
    .where('resident_id', '=', residentId).orderBy('id').execute();
}

export function vehiclesOfOwner(db: Kysely<DB>, ownerId: number) {
  return db.selectFrom('vehicles').select(['id', 'plate', 'vehicle_type']).where('owner_id', '=', ownerId).orderBy('id').execute();
}
