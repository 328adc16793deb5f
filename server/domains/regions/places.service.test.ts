import { describe, expect, it } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import type { ResidentItem } from '../../../common/contracts/people.js';
import type { Role } from '../../../common/enums.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { HouseRow, HousesRepository } from './houses.repository.js';
import type { EstateRow, EstateUnitRow, EstatesRepository } from './estates.repository.js';
import type { GridRow, GridsRepository, GridWorkerRow } from './grids.repository.js';
import { estateDetail, gridDetail, houseDetail, listGrids, listHouses, type PlacesDeps } from './places.service.js';

/** The place services with fake repositories: what each page is made of, and 404 outside the scope. */
const viewer = (role: Role): Viewer => fakeViewer(role, { userId: 1, regionId: 3, regionPath: '/1/2/3/' });

const house: HouseRow = {
  id: 11,
  standard_address: '山东省济南市平阴县榆山街道锦源社区锦绣花园1号楼1单元101室',
  room: '101',
  floor: 1,
  village_group: null,
  door_number: null,
  lon: null,
  lat: null,
  area: 88.5,
  house_use: 'rented',
  rental_mode: 'whole',
  rental_channel: 'agency',
  monthly_rent: 1200,
  tenant_count: 2,
  estate_id: 6,
  grid_id: 4,
  community_id: 3,
  estate_name: '锦绣花园',
  building_name: '1号楼',
  unit_name: '1单元',
  community_name: '锦源社区',
  grid_name: '第一网格',
  resident_count: 2,
};
const estate: EstateRow = {
  id: 6,
  name: '锦绣花园',
  address: '平阴县榆山街道锦源社区锦绣花园',
  built_year: 2008,
  community_id: 3,
  community_name: '锦源社区',
  company_id: null,
  company_name: null,
  building_count: 2,
  house_count: 3,
};
const unit = (buildingId: number, unitId: number, houses: number): EstateUnitRow => ({
  building_id: buildingId,
  building_name: `${buildingId}号楼`,
  floors: 6,
  grid_id: 4,
  grid_name: '第一网格',
  lon: null,
  lat: null,
  unit_id: unitId,
  unit_name: `${unitId}单元`,
  house_count: houses,
});
const grid: GridRow = {
  id: 4,
  code: 'G4',
  name: '第一网格',
  path: '/1/2/3/4/',
  community_name: '锦源社区',
  house_count: 1,
  resident_count: 2,
};
const workers: GridWorkerRow[] = [
  { id: 1, grid_id: 4, name: '钱网格', phone: '13600000002', employment: 'full_time', user_id: null },
  { id: 2, grid_id: 9, name: '孙网格', phone: '13600000003', employment: 'full_time', user_id: null },
];

function fake(): PlacesDeps & { asked: unknown[] } {
  const asked: unknown[] = [];
  const houses: HousesRepository = {
    list: async (f, page) => {
      asked.push({ f, page });
      return { rows: [house], total: 1 };
    },
    after: async () => [house],
    byId: async (id) => (id === house.id ? house : undefined),
    householdsOf: async () => [{ id: 21, household_no: 'HH-1', householder_name: '王秀兰' }],
    placeOf: async () => undefined,
    byAddress: async () => [],
  };
  const estates: EstatesRepository = {
    list: async () => ({ rows: [estate], total: 1 }),
    byId: async (id) => (id === estate.id ? estate : undefined),
    unitsOf: async () => [unit(1, 1, 1), unit(1, 2, 1), unit(2, 3, 1)],
  };
  const grids: GridsRepository = {
    list: async () => ({ rows: [grid], total: 1 }),
    byId: async (id) => (id === grid.id ? grid : undefined),
    workersOf: async (ids) => workers.filter((w) => ids.includes(w.grid_id)),
  };
  return {
    houses,
    estates,
    grids,
    residentsOf: async () => [{ id: 7, name: '王秀兰' } as ResidentItem],
    workerPhonesRevealable: true,
    asked,
  };
}

describe('place services', () => {
  it("passes a house list's filters and page to the repository, and presents numbers as numbers", async () => {
    const deps = fake();
    const page = await listHouses(deps, { page: 2, pageSize: 50, sort: 'area', order: 'desc', q: '', houseUse: 'rented' });
    expect(deps.asked).toEqual([
      {
        f: { q: undefined, houseUse: 'rented', estateId: undefined, gridId: undefined },
        page: { offset: 50, limit: 50, sort: 'area', order: 'desc' },
      },
    ]);
    expect(page.items[0]).toMatchObject({
      address: house.standard_address,
      area: 88.5,
      monthlyRent: 1200,
      residentCount: 2,
      rentalMode: 'whole',
    });
  });

  it("shows a house's residents only to roles that read residents", async () => {
    expect((await houseDetail(fake(), viewer('community_staff'), 11)).residents).toEqual([{ id: 7, name: '王秀兰' }]);
    const forProperty = await houseDetail(fake(), viewer('property_staff'), 11);
    expect(forProperty).toMatchObject({ residents: [], households: [{ householdNo: 'HH-1', householderName: '王秀兰' }] });
    await expect(houseDetail(fake(), viewer('community_staff'), 12)).rejects.toMatchObject({ status: 404 });
  });

  it("groups an estate's units under their buildings", async () => {
    const detail = await estateDetail(fake(), 6);
    expect(detail).toMatchObject({ name: '锦绣花园', propertyCompany: null, buildingCount: 2, houseCount: 3 });
    expect(detail.buildings.map((b) => [b.name, b.units.map((u) => u.name)])).toEqual([
      ['1号楼', ['1单元', '2单元']],
      ['2号楼', ['3单元']],
    ]);
    await expect(estateDetail(fake(), 7)).rejects.toMatchObject({ status: 404 });
  });

  it("gives each grid its own workers, and a grid's page its first houses by address", async () => {
    const deps = fake();
    expect((await listGrids(deps, { page: 1, pageSize: 20 })).items[0].workers.map((w) => w.name)).toEqual(['钱网格']);
    const detail = await gridDetail(deps, 4);
    expect(detail).toMatchObject({
      workers: [{ name: '钱网格', phone: '136****0002', phoneRevealable: true }],
      houses: { total: 1, items: [{ id: 11 }] },
    });
    expect(deps.asked).toEqual([{ f: { gridId: 4 }, page: { offset: 0, limit: 50, sort: 'address', order: 'asc' } }]);
    await expect(gridDetail(deps, 5)).rejects.toMatchObject({ status: 404 });
  });
});
