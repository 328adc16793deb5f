import type { BatchOutcome } from '../../../common/contracts/exchange.js';
import { emptyOutcome, rejectRow as reject } from '../../platform/import-batch.js';
import type { HOUSE_USES, RENTAL_CHANNELS, RENTAL_MODES } from '../../../common/enums.js';
import type { HouseBatchRepository, HouseValues, StoredHouse } from './house-batch.repository.js';
import type { RegionsRepository } from './regions.repository.js';

/** Where an imported house is: in an estate's unit, or a village house by its 门牌 (docs/decisions/049). */
export type ImportedPlace =
  | { kind: 'estate'; estate: string; building: string; unit: string; room: string; floor: number }
  | { kind: 'village'; villageGroup: string | null; doorNumber: string; lon: number; lat: number };

/** A house as a row of the county's house sheet describes it, checked (server/domains/exchange/house-rows.ts). */
export interface ImportedHouse {
  /** The sheet row, for the import report. */
  row: number;
  town: string;
  community: string;
  place: ImportedPlace;
  area: number;
  houseUse: (typeof HOUSE_USES)[number];
  rentalMode: (typeof RENTAL_MODES)[number] | null;
  rentalChannel: (typeof RENTAL_CHANNELS)[number] | null;
  monthlyRent: number | null;
  tenantCount: number | null;
  /** The grid's name within the community, when the sheet gives one. */
  grid: string | null;
}

const COUNTY = '山东省济南市平阴县';

/** 标准地址: province, city, county, town, community, estate, building, unit, room. */
export const standardAddress = (h: { town: string; community: string; estate: string; building: string; unit: string; room: string }) =>
  `${COUNTY}${h.town}${h.community}${h.estate}${h.building}${h.unit}${h.room}室`;

/** A village house's 标准地址 (docs/decisions/049): the same province to village, then its 组 and 门牌号 — 山东省济南市平阴县孝直镇小河村3组15号. */
export const villageAddress = (h: { town: string; community: string; villageGroup: string | null; doorNumber: string }) =>
  `${COUNTY}${h.town}${h.community}${h.villageGroup ?? ''}${h.doorNumber}`;

/** An imported house's 标准地址, of its shape: the natural key of the import. */
export const importedAddress = (h: ImportedHouse) =>
  h.place.kind === 'estate'
    ? standardAddress({ town: h.town, community: h.community, ...h.place })
    : villageAddress({ town: h.town, community: h.community, ...h.place });

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
 * units on first sight; a village house needs only its community. Identical rows are left alone, so a re-import changes nothing.
 */
export async function storeHouseBatch(deps: HouseBatchDeps, places: PlaceIndex, rows: ImportedHouse[]): Promise<BatchOutcome> {
  const out = emptyOutcome();
  if (rows.length === 0) return out;
  const existing = new Map((await deps.houses.byAddress(rows.map(importedAddress))).map((h) => [h.standard_address, h]));

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
    const { place } = row;
    const values: HouseValues = {
      floor: place.kind === 'estate' ? place.floor : null,
      lon: place.kind === 'village' ? place.lon : null,
      lat: place.kind === 'village' ? place.lat : null,
      area: row.area,
      house_use: row.houseUse,
      rental_mode: row.rentalMode,
      rental_channel: row.rentalChannel,
      monthly_rent: row.monthlyRent,
      tenant_count: row.tenantCount,
      grid_id: grid?.id ?? null,
      region_path: grid?.path ?? community.path,
    };
    const address = importedAddress(row);
    const current = existing.get(address);
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
    if (place.kind === 'village') {
      await deps.houses.insert({
        ...values,
        community_id: community.id,
        village_group: place.villageGroup,
        door_number: place.doorNumber,
        standard_address: address,
      });
      out.created++;
      continue;
    }
    const estate = await deps.houses.estateId(community, place.estate, `平阴县${row.town}${row.community}${place.estate}`);
    const unit = await deps.houses.unitId(estate, { name: place.building, floor: place.floor, gridId: grid?.id ?? null }, place.unit);
    if (await deps.houses.roomTaken(unit, place.room)) {
      out.errors.push(reject(row, '房号', 'HOUSE_EXISTS', '该单元已有此房号，但地址不同，请核对'));
      continue;
    }
    await deps.houses.insert({
      ...values,
      unit_id: unit,
      estate_id: estate,
      community_id: community.id,
      room: place.room,
      standard_address: address,
    });
    out.created++;
  }
  return out;
}

function isUnchanged(current: StoredHouse, values: HouseValues) {
  return (
    current.floor === values.floor &&
    current.lon === values.lon &&
    current.lat === values.lat &&
    Number(current.area) === values.area &&
    current.house_use === values.house_use &&
    current.rental_mode === values.rental_mode &&
    current.rental_channel === values.rental_channel &&
    (current.monthly_rent === null ? null : Number(current.monthly_rent)) === values.monthly_rent &&
    current.tenant_count === values.tenant_count &&
    current.grid_id === values.grid_id
  );
}
