import { describe, expect, it } from 'vitest';
import type { HouseBatchRepository, StoredHouse } from './house-batch.repository.js';
import { importedAddress, placeIndex, storeHouseBatch, type ImportedHouse } from './house-batch.js';

/** A house import's batch with a fake repository: new and changed houses, their residents, and refused rows. */
const row = (n: number, over: Partial<ImportedHouse> = {}): ImportedHouse => ({
  row: n,
  town: '榆山街道',
  community: '锦源社区',
  place: { kind: 'estate', estate: '锦绣花园', building: '1号楼', unit: '1单元', room: `10${n}`, floor: 1 },
  area: 88.5,
  houseUse: 'owner_occupied',
  rentalMode: null,
  rentalChannel: null,
  monthlyRent: null,
  tenantCount: null,
  grid: null,
  ...over,
});
const village = (n: number, over: Partial<ImportedHouse> = {}): ImportedHouse =>
  row(n, { community: '小河村', place: { kind: 'village', villageGroup: '3组', doorNumber: `${n}号`, lon: 116.45, lat: 36.28 }, ...over });
const stored = (r: ImportedHouse, id: number): StoredHouse => ({
  id,
  unit_id: r.place.kind === 'estate' ? 1 : null,
  estate_id: r.place.kind === 'estate' ? 6 : null,
  community_id: 3,
  grid_id: null,
  region_path: '/1/2/3/',
  room: r.place.kind === 'estate' ? r.place.room : null,
  floor: r.place.kind === 'estate' ? r.place.floor : null,
  village_group: r.place.kind === 'village' ? r.place.villageGroup : null,
  door_number: r.place.kind === 'village' ? r.place.doorNumber : null,
  lon: r.place.kind === 'village' ? r.place.lon : null,
  lat: r.place.kind === 'village' ? r.place.lat : null,
  area: r.area,
  house_use: r.houseUse,
  rental_mode: null,
  rental_channel: null,
  monthly_rent: null,
  tenant_count: null,
  standard_address: importedAddress(r),
  updated_at: new Date(),
});

async function places() {
  return placeIndex({
    communities: async () => [
      { id: 3, name: '锦源社区', path: '/1/2/3/', town: '榆山街道' },
      { id: 5, name: '小河村', path: '/1/2/5/', town: '榆山街道' },
    ],
    grids: async () => [{ id: 4, name: '第一网格', path: '/1/2/3/4/', parent_id: 3 }],
  });
}

function fake(existing: StoredHouse[], takenRooms: string[] = []) {
  const calls = { inserted: [] as unknown[], updated: [] as number[], followed: [] as unknown[] };
  const houses: HouseBatchRepository = {
    byAddress: async (addresses) => existing.filter((h) => addresses.includes(h.standard_address)),
    update: async (id) => {
      calls.updated.push(id);
      return [];
    },
    estateId: async () => 6,
    unitId: async () => 1,
    roomTaken: async (_unit, room) => takenRooms.includes(room),
    insert: async (house) => {
      calls.inserted.push(house);
      return [];
    },
  };
  return {
    deps: {
      houses,
      residentsFollow: async (houseId: number, place: unknown) => {
        calls.followed.push({ houseId, place });
      },
    },
    calls,
  };
}

describe('a batch of imported houses', () => {
  it('creates new houses under the community, and leaves an identical one alone', async () => {
    const same = row(1);
    const { deps, calls } = fake([stored(same, 11)]);
    const out = await storeHouseBatch(deps, await places(), [same, row(2, { grid: '第一网格' })]);
    expect(out).toEqual({ created: 1, updated: 0, unchanged: 1, errors: [] });
    expect(calls.inserted).toEqual([
      expect.objectContaining({ room: '102', grid_id: 4, region_path: '/1/2/3/4/', estate_id: 6, unit_id: 1, community_id: 3 }),
    ]);
  });

  it("moves a changed house's residents with it to its new grid", async () => {
    const before = row(1);
    const { deps, calls } = fake([stored(before, 11)]);
    const out = await storeHouseBatch(deps, await places(), [{ ...before, grid: '第一网格' }]);
    expect(out.updated).toBe(1);
    expect(calls.followed).toEqual([{ houseId: 11, place: { gridId: 4, regionPath: '/1/2/3/4/' } }]);
  });

  it('refuses a community outside the scope, an unknown grid and a room taken under another address', async () => {
    const { deps } = fake([], ['103']);
    const out = await storeHouseBatch(deps, await places(), [row(1, { community: '锦东社区' }), row(2, { grid: '第九网格' }), row(3)]);
    expect(out.errors.map((e) => [e.row, e.code])).toEqual([
      [1, 'COMMUNITY_NOT_FOUND'],
      [2, 'GRID_NOT_FOUND'],
      [3, 'HOUSE_EXISTS'],
    ]);
  });

  it('stores a village house by its 门牌, with no estate, building or unit, and updates its point', async () => {
    const moved = village(2);
    const { deps, calls } = fake([stored(moved, 12)]);
    const out = await storeHouseBatch(deps, await places(), [
      village(1),
      { ...moved, place: { ...moved.place, lon: 116.46 } as ImportedHouse['place'] },
    ]);
    expect(out).toEqual({ created: 1, updated: 1, unchanged: 0, errors: [] });
    expect(calls.inserted).toEqual([
      {
        floor: null,
        lon: 116.45,
        lat: 36.28,
        area: 88.5,
        house_use: 'owner_occupied',
        rental_mode: null,
        rental_channel: null,
        monthly_rent: null,
        tenant_count: null,
        grid_id: null,
        region_path: '/1/2/5/',
        community_id: 5,
        village_group: '3组',
        door_number: '1号',
        standard_address: '山东省济南市平阴县榆山街道小河村3组1号',
      },
    ]);
    expect(calls.updated).toEqual([12]);
  });
});
