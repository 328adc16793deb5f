import type {
  EstateDetail,
  EstateItem,
  EstateQuery,
  GridDetail,
  GridItem,
  GridQuery,
  HouseDetail,
  HouseItem,
  HouseQuery,
} from '../../../common/contracts/regions.js';
import type { ResidentItem } from '../../../common/contracts/people.js';
import type { Page } from '../../../common/contracts/shared.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import type { HousesRepository } from './houses.repository.js';
import type { EstatesRepository } from './estates.repository.js';
import type { GridsRepository } from './grids.repository.js';
import { presentBuildings, presentEstate, presentGrid, presentHouse } from './places.presenter.js';

/** What the place services need: the scope's houses, estates and grids, and who lives in a house. */
export interface PlacesDeps {
  houses: HousesRepository;
  estates: EstatesRepository;
  grids: GridsRepository;
  /** The people living in a house, as the people domain presents them to the viewer. */
  residentsOf(houseId: number): Promise<ResidentItem[]>;
  /** Whether the viewer may reveal a grid worker's masked phone (grid-workers.service.ts). */
  workerPhonesRevealable: boolean;
}

/** A grid's page shows its first houses by address. */
const GRID_HOUSES = 50;

export async function listHouses(deps: PlacesDeps, query: HouseQuery): Promise<Page<HouseItem>> {
  const { rows, total } = await deps.houses.list(
    { q: query.q || undefined, houseUse: query.houseUse, estateId: query.estateId, gridId: query.gridId },
    { offset: offsetOf(query), limit: query.pageSize, sort: query.sort, order: query.order },
  );
  return { items: rows.map(presentHouse), total };
}

export async function houseDetail(deps: PlacesDeps, viewer: Viewer, id: number): Promise<HouseDetail> {
  const house = await deps.houses.byId(id);
  if (!house) throw notFound('房屋');
  const [households, residents] = await Promise.all([
    deps.houses.householdsOf(house.id),
    viewer.permissions.has('residents.read') ? deps.residentsOf(house.id) : [],
  ]);
  return {
    ...presentHouse(house),
    households: households.map((h) => ({ id: h.id, householdNo: h.household_no, householderName: h.householder_name })),
    residents,
  };
}

export async function listEstates(deps: PlacesDeps, query: EstateQuery): Promise<Page<EstateItem>> {
  const { rows, total } = await deps.estates.list(query.q || undefined, { offset: offsetOf(query), limit: query.pageSize });
  return { items: rows.map(presentEstate), total };
}

export async function estateDetail(deps: PlacesDeps, id: number): Promise<EstateDetail> {
  const estate = await deps.estates.byId(id);
  if (!estate) throw notFound('小区');
  return { ...presentEstate(estate), buildings: presentBuildings(await deps.estates.unitsOf(estate.id)) };
}

export async function listGrids(deps: PlacesDeps, query: GridQuery): Promise<Page<GridItem>> {
  const { rows, total } = await deps.grids.list({ offset: offsetOf(query), limit: query.pageSize });
  const workers = await deps.grids.workersOf(rows.map((g) => g.id));
  return { items: rows.map((g) => presentGrid(g, workers, deps.workerPhonesRevealable)), total };
}

export async function gridDetail(deps: PlacesDeps, id: number): Promise<GridDetail> {
  const grid = await deps.grids.byId(id);
  if (!grid) throw notFound('网格');
  const [workers, houses] = await Promise.all([
    deps.grids.workersOf([grid.id]),
    deps.houses.list({ gridId: grid.id }, { offset: 0, limit: GRID_HOUSES, sort: 'address', order: 'asc' }),
  ]);
  return {
    ...presentGrid(grid, workers, deps.workerPhonesRevealable),
    houses: { items: houses.rows.map(presentHouse), total: houses.total },
  };
}
