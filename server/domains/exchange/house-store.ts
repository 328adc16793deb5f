import type { Kysely, Transaction } from 'kysely';
import type { DB, ImportRowError } from '../../platform/db/schema.js';
import { anyOf } from '../../platform/db/any-of.js';
import { standardAddress, type HouseRowValue } from './house-rows.js';
import type { BatchOutcome } from './resident-store.js';

type Db = Transaction<DB> | Kysely<DB>;

/** The communities (and their grids) a viewer may import into, by '镇街|社区村' and 'communityId|网格'. */
export async function placeIndex(db: Db, scopePath: string) {
  const rows = await db.selectFrom('regions as c')
    .innerJoin('regions as t', 't.id', 'c.parent_id')
    .select(['c.id', 'c.name', 'c.path', 't.name as town'])
    .where('c.level', '=', 'community').where('c.path', 'like', `${scopePath}%`).execute();
  const grids = await db.selectFrom('regions').select(['id', 'name', 'path', 'parent_id'])
    .where('level', '=', 'grid').where('path', 'like', `${scopePath}%`).execute();
  return {
    communities: new Map(rows.map((c) => [`${c.town}|${c.name}`, c])),
    grids: new Map(grids.map((g) => [`${g.parent_id}|${g.name}`, g])),
  };
}
export type PlaceIndex = Awaited<ReturnType<typeof placeIndex>>;

async function estateId(db: Db, community: { id: number; path: string }, row: HouseRowValue) {
  const found = await db.selectFrom('estates').select('id').where('community_id', '=', community.id).where('name', '=', row.estate).executeTakeFirst();
  if (found) return found.id;
  return (await db.insertInto('estates').values({
    community_id: community.id, region_path: community.path, name: row.estate, address: `平阴县${row.town}${row.community}${row.estate}`,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

async function unitId(db: Db, estate: number, row: HouseRowValue, gridId: number | null) {
  let building = await db.selectFrom('buildings').select(['id', 'floors']).where('estate_id', '=', estate).where('name', '=', row.building).executeTakeFirst();
  if (!building) {
    building = await db.insertInto('buildings').values({ estate_id: estate, name: row.building, floors: Math.max(row.floor, 1), grid_id: gridId })
      .returning(['id', 'floors']).executeTakeFirstOrThrow();
  } else if (row.floor > building.floors) {
    await db.updateTable('buildings').set({ floors: row.floor }).where('id', '=', building.id).execute();
  }
  const unit = await db.selectFrom('building_units').select('id').where('building_id', '=', building.id).where('name', '=', row.unit).executeTakeFirst();
  if (unit) return unit.id;
  return (await db.insertInto('building_units').values({ building_id: building.id, name: row.unit }).returning('id').executeTakeFirstOrThrow()).id;
}

/**
 * Stores one batch of checked house rows keyed by 标准地址, creating estates, buildings and
 * units on first sight. Identical rows are left alone, so a re-import changes nothing.
 */
export async function storeHouseBatch(db: Db, places: PlaceIndex, rows: HouseRowValue[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
  if (rows.length === 0) return out;
  const existing = new Map((await db.selectFrom('houses').selectAll()
    .where('standard_address', '=', anyOf(rows.map(standardAddress))).execute()).map((h) => [h.standard_address, h]));
  const reject = (row: HouseRowValue, field: string, code: string, message: string): ImportRowError => ({ row: row.row, field, code, message });

  for (const row of rows) {
    const community = places.communities.get(`${row.town}|${row.community}`);
    if (!community) {
      out.errors.push(reject(row, '社区村', 'COMMUNITY_NOT_FOUND', `“${row.town}${row.community}”不存在或不在您的管辖范围内`));
      continue;
    }
    const grid = row.grid ? places.grids.get(`${community.id}|${row.grid}`) : undefined;
    if (row.grid && !grid) {
      out.errors.push(reject(row, '网格', 'GRID_NOT_FOUND', `${row.community}没有名为“${row.grid}”的网格`));
      continue;
    }
    const address = standardAddress(row);
    const values = {
      floor: row.floor, area: row.area, house_use: row.houseUse, rental_mode: row.rentalMode,
      rental_channel: row.rentalChannel, monthly_rent: row.monthlyRent, tenant_count: row.tenantCount,
      grid_id: grid?.id ?? null, region_path: grid?.path ?? community.path,
    };
    const current = existing.get(address);
    if (current) {
      const same = current.floor === values.floor && Number(current.area) === values.area && current.house_use === values.house_use
        && current.rental_mode === values.rental_mode && current.rental_channel === values.rental_channel
        && (current.monthly_rent === null ? null : Number(current.monthly_rent)) === values.monthly_rent
        && current.tenant_count === values.tenant_count && current.grid_id === values.grid_id;
      if (same) { out.unchanged++; continue; }
      await db.updateTable('houses').set({ ...values, updated_at: new Date() }).where('id', '=', current.id).execute();
      await db.updateTable('residents').set({ grid_id: values.grid_id, region_path: values.region_path })
        .where('house_id', '=', current.id).execute();
      out.updated++;
      continue;
    }
    const estate = await estateId(db, community, row);
    const unit = await unitId(db, estate, row, grid?.id ?? null);
    const clash = await db.selectFrom('houses').select('id').where('unit_id', '=', unit).where('room', '=', row.room).executeTakeFirst();
    if (clash) {
      out.errors.push(reject(row, '房号', 'HOUSE_EXISTS', '该单元已有此房号，但地址不同，请核对'));
      continue;
    }
    await db.insertInto('houses').values({
      ...values, unit_id: unit, estate_id: estate, community_id: community.id, room: row.room, standard_address: address,
    }).execute();
    out.created++;
  }
  return out;
}
