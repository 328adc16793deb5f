import { sql, type Insertable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { ResidentFilters } from '../../../common/contracts/people.js';
import type { AgeBand } from '../../../common/enums.js';
import type { DB, ResidentTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { startingWith } from '../../platform/db/text-search.js';

/** A list's filters once the scope (regionId) is in the ScopedDb, and the day age bands are counted on. */
export interface ResidentFilter extends Omit<ResidentFilters, 'regionId'> {
  today: string; // 'YYYY-MM-DD' in Pingyin
}

/** Birth-date bounds for an age band on a day: born after `bornAfter` and on or before `bornOnOrBefore`. */
function ageBandBounds(band: AgeBand | 'over_60', today: string): { bornAfter?: string; bornOnOrBefore?: string } {
  const yearsAgo = (n: number) => {
    const [y, m, d] = today.split('-').map(Number);
    const date = new Date(Date.UTC(y - n, m - 1, d));
    return date.toISOString().slice(0, 10);
  };
  switch (band) {
    case '0-17':
      return { bornAfter: yearsAgo(18) };
    case '18-34':
      return { bornAfter: yearsAgo(35), bornOnOrBefore: yearsAgo(18) };
    case '35-59':
      return { bornAfter: yearsAgo(60), bornOnOrBefore: yearsAgo(35) };
    case '60-79':
      return { bornAfter: yearsAgo(80), bornOnOrBefore: yearsAgo(60) };
    case '80+':
      return { bornOnOrBefore: yearsAgo(80) };
    case 'over_60':
      return { bornOnOrBefore: yearsAgo(60) };
  }
}

type ResidentQB = SelectQueryBuilder<DB, 'residents', object>;

/** The search box: full ID or phone, an ID or phone tail, or a name prefix. */
function applySearch(q: ResidentQB, text: string): ResidentQB {
  const t = text.toUpperCase();
  if (/^\d{17}[\dX]$/.test(t)) return q.where('residents.id_card', '=', t);
  if (/^1\d{10}$/.test(t)) return q.where('residents.phone', '=', t);
  if (/^\d{3}[\dX]$/.test(t)) {
    return q.where((eb) => eb.or([eb(sql`right(residents.id_card, 4)`, '=', t), eb(sql`right(residents.phone, 4)`, '=', t)]));
  }
  if (/^\d{4,16}[\dX]?$/.test(t)) {
    // Longer tails: the indexed last four narrow first, the LIKE confirms.
    const last4 = t.slice(-4);
    return q.where((eb) =>
      eb.or([
        eb.and([eb(sql`right(residents.id_card, 4)`, '=', last4), eb('residents.id_card', 'like', `%${t}`)]),
        eb.and([eb(sql`right(residents.phone, 4)`, '=', last4), eb('residents.phone', 'like', `%${t}`)]),
      ]),
    );
  }
  // A name typed into the search box matches the names that start with it.
  return q.where('residents.name', 'like', startingWith(text));
}

/** 'party_member@1/2': the token a resident under region path /1/2/ with that tag carries. */
const tagRegionToken = (tag: string, path: string) => `${tag}@${path.replace(/^\/|\/$/g, '')}`;

function filtered(scoped: ScopedDb, f: ResidentFilter): ResidentQB {
  let q = scoped.selectFrom('residents');
  const storedTag = f.tag && f.tag !== 'over_60' ? f.tag : undefined;
  // A tag in the scope's region is one token, and its GIN index answers tag and region at once
  // (migrations/0006); the ScopedDb's own path condition is then only checked on what it found.
  if (storedTag) q = q.where('residents.tag_regions', '@>', sql<string[]>`ARRAY[${tagRegionToken(storedTag, scoped.scope.path)}]::text[]`);
  if (!f.includeMovedOut) q = q.where('residents.moved_out_on', 'is', null);
  if (f.q) q = applySearch(q, f.q);
  if (f.populationType) q = q.where('residents.population_type', '=', f.populationType);
  // 60岁以上 is a tag users filter by, but it is computed from the birth date, never stored.
  const bands = [f.tag === 'over_60' ? ('over_60' as const) : undefined, f.ageBand].filter((b) => b !== undefined);
  for (const band of bands) {
    const bounds = ageBandBounds(band, f.today);
    if (bounds.bornAfter) q = q.where('residents.birth_date', '>', bounds.bornAfter);
    if (bounds.bornOnOrBefore) q = q.where('residents.birth_date', '<=', bounds.bornOnOrBefore);
  }
  if (f.houseUse) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('houses')
          .select('houses.id')
          .whereRef('houses.id', '=', 'residents.house_id')
          .where('houses.house_use', '=', f.houseUse!),
      ),
    );
  }
  return q;
}

function withColumns(q: ResidentQB) {
  // prettier-ignore
  return q
    .innerJoin('regions as community', 'community.id', 'residents.community_id')
    .leftJoin('regions as grid', 'grid.id', 'residents.grid_id')
    .leftJoin('houses', 'houses.id', 'residents.house_id')
    .select([
      'residents.id', 'residents.name', 'residents.gender', 'residents.birth_date', 'residents.id_card', 'residents.phone',
      'residents.population_type', 'residents.relation', 'residents.tags', 'residents.household_id', 'residents.house_id',
      'residents.community_id', 'residents.grid_id', 'residents.ethnicity', 'residents.employer', 'residents.moved_in_on',
      'residents.moved_out_on', 'community.name as community_name', 'grid.name as grid_name', 'houses.standard_address as address',
    ]);
}

export type ResidentRow = Awaited<ReturnType<ReturnType<typeof withColumns>['execute']>>[number];

const SORTS = { id: 'residents.id', name: 'residents.name', age: 'residents.birth_date' } as const;
type ResidentPage = { offset: number; limit: number; sort: keyof typeof SORTS; order: 'asc' | 'desc' };

const isScopeOnly = (f: ResidentFilter) => !f.q && !f.tag && !f.ageBand && !f.populationType && !f.houseUse && !f.includeMovedOut;

/**
 * The two statements behind a page of the resident list: the rows, and the total — from the
 * trigger-kept counts (migrations/0004) when the list is the scope unfiltered, else counted.
 * bench/resident-list.bench.ts sends exactly these raw to measure the API's overhead.
 */
export function residentListQueries(scoped: ScopedDb, f: ResidentFilter, page: ResidentPage) {
  // Older first when sorting by age ascending means birth dates descending.
  const direction = page.sort === 'age' ? (page.order === 'asc' ? 'desc' : 'asc') : page.order;
  const rows = withColumns(filtered(scoped, f))
    .orderBy(SORTS[page.sort], direction)
    .orderBy('residents.id', direction)
    .offset(page.offset)
    .limit(page.limit);
  const total = isScopeOnly(f)
    ? // The counts are kept per region path, so this table is read by the scope's path prefix.
      scoped.selectFrom('resident_counts').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('active'), eb.lit(0)).as('n'))
    : filtered(scoped, f).select((eb) => eb.fn.countAll<number>().as('n'));
  return { rows, total };
}

/** The residents of the viewer's scope, their households, moves and 特殊人群 records. */
export function residentsRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  const all = () => filtered(scoped, { today: '', includeMovedOut: true });
  return {
    async list(f: ResidentFilter, page: ResidentPage) {
      const q = residentListQueries(scoped, f, page);
      const [rows, total] = await Promise.all([q.rows.execute(), q.total.executeTakeFirstOrThrow()]);
      return { rows, total: Number(total.n) };
    },

    /** Residents in id order after `afterId`: an export's keyset pages. */
    after: (f: ResidentFilter, afterId: number, limit: number) =>
      withColumns(filtered(scoped, f)).where('residents.id', '>', afterId).orderBy('residents.id').limit(limit).execute(),

    /** A resident of the scope, moved out or not. */
    byId: (id: number) => withColumns(all()).where('residents.id', '=', id).executeTakeFirst(),

    ofHousehold: (householdId: number) =>
      withColumns(all()).where('residents.household_id', '=', householdId).orderBy('residents.id').execute(),

    /**
     * Who lives in a building now and needs help first in an emergency (an alarm's context):
     * living alone, disabled, a left-behind child, or born on or before `bornOnOrBefore` (80+).
     */
    needingHelpInBuilding: (buildingId: number, bornOnOrBefore: string) =>
      withColumns(all())
        .where('residents.moved_out_on', 'is', null)
        .where('residents.house_id', 'in', (eb) =>
          eb
            .selectFrom('houses as h')
            .innerJoin('building_units as bu', 'bu.id', 'h.unit_id')
            .select('h.id')
            .where('bu.building_id', '=', buildingId),
        )
        .where((eb) =>
          eb.or([
            eb(sql`residents.tags`, '&&', sql`ARRAY['living_alone','disabled','left_behind_child']::text[]`),
            eb('residents.birth_date', '<=', bornOnOrBefore),
          ]),
        )
        .orderBy('residents.birth_date')
        .orderBy('residents.id')
        .limit(50)
        .execute(),

    /** Who lives in a house now. */
    ofHouse: (houseId: number) =>
      withColumns(all())
        .where('residents.house_id', '=', houseId)
        .where('residents.moved_out_on', 'is', null)
        .orderBy('residents.household_id')
        .orderBy('residents.id')
        .execute(),

    /** A household of the scope (one a form names). */
    household: (id: number) => scoped.selectFrom('households').selectAll('households').where('households.id', '=', id).executeTakeFirst(),

    /**
     * The household of a resident the caller has found in the scope, read with them: a household
     * keeps the path its house had when it was made, which a house moved to another grid leaves behind.
     */
    householdOf: (resident: { household_id: number | null }) =>
      resident.household_id === null
        ? Promise.resolve(undefined)
        : db.selectFrom('households').selectAll().where('id', '=', resident.household_id).executeTakeFirst(),

    /** Moves and records of a resident the caller has already found in the scope. */
    movesOf: (residentId: number) =>
      db
        .selectFrom('resident_moves')
        .select(['kind', 'moved_on', 'place', 'note'])
        .where('resident_id', '=', residentId)
        .orderBy('moved_on')
        .orderBy('id')
        .execute(),

    specialGroupsOf: (residentId: number) =>
      db
        .selectFrom('special_group_records')
        .select(['category', 'since_on', 'supervisor', 'note'])
        .where('resident_id', '=', residentId)
        .orderBy('id')
        .execute(),

    /**
     * The phones of residents by id, wherever they live: a case's reporter, for the staff the
     * case policy lets call them back (cases/reporter-contact.ts), who may work outside the
     * reporter's region.
     */
    phonesOf: (ids: number[]) =>
      ids.length === 0 ? Promise.resolve([]) : db.selectFrom('residents').select(['id', 'phone']).where('id', 'in', ids).execute(),

    /** An ID number is registered once in the county, so this looks beyond the scope. */
    idCardRegistered: async (idCard: string) =>
      (await db.selectFrom('residents').select('id').where('id_card', '=', idCard).executeTakeFirst()) !== undefined,

    insert: async (values: Insertable<ResidentTable>) =>
      (await db.insertInto('residents').values(values).returning('id').executeTakeFirstOrThrow()).id,

    update: (id: number, values: Updateable<ResidentTable>) =>
      scoped
        .updateTable('residents')
        .set({ ...values, updated_at: new Date() })
        .where('residents.id', '=', id)
        .execute(),

    addMove: (move: { residentId: number; kind: 'move_in' | 'move_out'; movedOn: string; place: string | null; note: string | null }) =>
      db
        .insertInto('resident_moves')
        .values({ resident_id: move.residentId, kind: move.kind, moved_on: move.movedOn, place: move.place, note: move.note })
        .execute(),

    /** The people of a house move with it (a house an import puts in another grid). */
    followHouse: (houseId: number, place: { gridId: number | null; regionPath: string }) =>
      scoped
        .updateTable('residents')
        .set({ grid_id: place.gridId, region_path: place.regionPath })
        .where('residents.house_id', '=', houseId)
        .execute(),
  };
}

export type ResidentsRepository = ReturnType<typeof residentsRepository>;
export type HouseholdRow = NonNullable<Awaited<ReturnType<ResidentsRepository['household']>>>;
export type MoveRow = Awaited<ReturnType<ResidentsRepository['movesOf']>>[number];
