import type { BatchOutcome } from '../../../common/contracts/exchange.js';
import { emptyOutcome, rejectRow as reject } from '../../platform/import-batch.js';
import type { HOUSE_USES, RENTAL_CHANNELS, RENTAL_MODES } from '../../../common/enums.js';
import type { HouseBatchRepository, HouseValues, StoredHouse } from './house-batch.repository.js';
import type { RegionsRepository } from './regions.repository.js';

/** A house as a row of the county's house sheet describes it, checked (server/domains/exchange/house-rows.ts). */
export interface ImportedHouse {
  /** The sheet row, for the import report. */
  row: number;
  town: string;
  community: string;
  estate: string;
  building: string;
  unit: string;
  room: string;
  floor: number;
  area: number;
  houseUse: (typeof HOUSE_USES)[number];
  rentalMode: (typeof RENTAL_MODES)[number] | null;
  rentalChannel: (typeof RENTAL_CHANNELS)[number] | null;
  monthlyRent: number | null;
  tenantCount: number | null;
  /** The grid's name within the community, when the sheet gives one. */
  grid: string | null;
}

/** 标准地址: province, city, county, town, community, estate, building, unit, room. */
export const standardAddress = (h: Pick<ImportedHouse, 'town' | 'community' | 'estate' | 'building' | 'unit' | 'room'>) =>
  `山东省济南市平阴县${h.town}${h.community}${h.estate}${h.building}${h.unit}${h.room}室`;

/** The communities (by '镇街|社区村') and grids (by 'communityId|网格') an import may put houses in. */
export async function placeIndex(regions: Pick<RegionsRepository, 'communities' | 'grids'>) {
  const [communities, grids] = await Promise.all([regions.communities(), regions.grids()]);
  return {
    communities: new Map(communities.map((c) => [`${c.town}|${c.name}`, c])),
    grids: new Map(grids.map((g) => [`${g.parent_id}|${g.name}`, g])),
  };
}
export type PlaceIndex = Awaited<ReturnType<typeof placeIndex>>;

export interface HouseBatchDeps {
  houses: HouseBatchRepository;
  /** The people of a house move with it to its new grid (the people domain's). */
  residentsFollow(houseId: number, place: { gridId: number | null; regionPath: string }): Promise<void>;
}

/**
 * Stores one batch of checked house rows keyed by 标准地址, creating estates, buildings and
 * units on first sight. Identical rows are left alone, so a re-import changes nothing.
 */
export async function storeHouseBatch(deps: HouseBatchDeps, places: PlaceIndex, rows: ImportedHouse[]): Promise<BatchOutcome> {
  const out = emptyOutcome();
  if (rows.length === 0) return out;
  const existing = new Map((await deps.houses.byAddress(rows.map(standardAddress))).map((h) => [h.standard_address, h]));

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
    const values: HouseValues = {
      floor: row.floor,
      area: row.area,
      house_use: row.houseUse,
      rental_mode: row.rentalMode,
      rental_channel: row.rentalChannel,
      monthly_rent: row.monthlyRent,
      tenant_count: row.tenantCount,
      grid_id: grid?.id ?? null,
      region_path: grid?.path ?? community.path,
    };
    const current = existing.get(standardAddress(row));
    if (current) {
      if (isUnchanged(current, values)) {
        out.unchanged++;
        continue;
      }
      await deps.houses.update(current.id, values);
      await deps.residentsFollow(current.id, { gridId: values.grid_id, regionPath: values.region_path });
      out.updated++;
      continue;
    }
    const estate = await deps.houses.estateId(community, row.estate, `平阴县${row.town}${row.community}${row.estate}`);
    const unit = await deps.houses.unitId(estate, { name: row.building, floor: row.floor, gridId: grid?.id ?? null }, row.unit);
    if (await deps.houses.roomTaken(unit, row.room)) {
      out.errors.push(reject(row, '房号', 'HOUSE_EXISTS', '该单元已有此房号，但地址不同，请核对'));
      continue;
    }
    await deps.houses.insert({
      ...values,
      unit_id: unit,
      estate_id: estate,
      community_id: community.id,
      room: row.room,
      standard_address: standardAddress(row),
    });
    out.created++;
  }
  return out;
}

function isUnchanged(current: StoredHouse, values: HouseValues) {
  return (
    current.floor === values.floor &&
    Number(current.area) === values.area &&
    current.house_use === values.house_use &&
    current.rental_mode === values.rental_mode &&
    current.rental_channel === values.rental_channel &&
    (current.monthly_rent === null ? null : Number(current.monthly_rent)) === values.monthly_rent &&
    current.tenant_count === values.tenant_count &&
    current.grid_id === values.grid_id
  );
}
