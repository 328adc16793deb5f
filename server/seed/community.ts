import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { insertLinked, insertRows, type IdSequence } from '../platform/db/bulk-insert.js';
import type { CommunityPlan } from './county-plan.js';
import { gridRegions, gridWorkers, splitIntoGrids } from './grids.js';
import type { IdCardIssuer, PhoneIssuer, PlateIssuer } from './identifiers.js';
import { PeopleBuilder } from './people.js';
import { BuildingSource, type Company } from './places.js';
import { createRandom, deriveSeed } from './random.js';
import {
  BUILDINGS,
  ESTATES,
  GRID_WORKERS,
  HOUSEHOLDS,
  HOUSES,
  REGIONS,
  RESIDENT_MOVES,
  RESIDENTS,
  SPECIAL_GROUP_RECORDS,
  UNITS,
  VEHICLES,
  type BuildingRow,
  type EstateRow,
  type GridWorkerRow,
  type HouseRow,
  type HouseholdRow,
  type RegionRow,
  type ResidentMoveRow,
  type ResidentRow,
  type SpecialGroupRow,
  type UnitRow,
  type VehicleRow,
} from './rows.js';
import { specialGroupRecords } from './special-groups.js';
import { householdVehicles } from './vehicles.js';

/** What the whole run shares: the seed, id sequences, and the registers of unique numbers. */
export interface GeneratorContext {
  seed: number;
  ids: {
    regions: IdSequence;
    estates: IdSequence;
    buildings: IdSequence;
    units: IdSequence;
    houses: IdSequence;
    households: IdSequence;
    residents: IdSequence;
    moves: IdSequence;
    specialGroups: IdSequence;
    vehicles: IdSequence;
    gridWorkers: IdSequence;
  };
  idCards: IdCardIssuer;
  phones: PhoneIssuer;
  plates: PlateIssuer;
  companies: readonly Company[];
  estateNames: Set<string>;
  regionCodes: Set<string>;
  townNames: readonly string[];
}

export interface CommunityRows {
  grids: RegionRow[];
  estates: EstateRow[];
  buildings: BuildingRow[];
  units: UnitRow[];
  houses: HouseRow[];
  households: HouseholdRow[];
  residents: ResidentRow[];
  moves: ResidentMoveRow[];
  specialGroups: SpecialGroupRow[];
  vehicles: VehicleRow[];
  gridWorkers: GridWorkerRow[];
}

/** Residents per house, vacant houses and shops included; sizes the community's last building. */
const PEOPLE_PER_HOUSE = 2.3;

/**
 * Everything inside one community, in memory: houses a building at a time until its residents
 * are housed, then grids drawn over the buildings, then grid workers, vehicles and special groups.
 * Each community draws from its own random stream, derived from the seed and its code.
 */
export function generateCommunity(ctx: GeneratorContext, community: CommunityPlan): CommunityRows {
  const random = createRandom(deriveSeed(ctx.seed, community.code));
  const positions = createRandom(deriveSeed(ctx.seed, community.code, 'positions'));
  const source = new BuildingSource(random, positions, community, ctx.ids, ctx.companies, ctx.estateNames);
  const otherTowns = ctx.townNames.filter((t) => t !== community.town.name);
  const people = new PeopleBuilder(
    random,
    community,
    otherTowns.length ? otherTowns : ctx.townNames,
    { households: ctx.ids.households, residents: ctx.ids.residents, moves: ctx.ids.moves },
    { idCards: ctx.idCards, phones: ctx.phones },
    source,
  );

  let left = community.quota;
  while (left > 0) {
    for (const house of source.nextBuilding(Math.ceil(left / PEOPLE_PER_HOUSE))) {
      if (left > 0) left -= people.occupy(house, left);
      else if (house.house_use !== 'commercial') house.house_use = 'vacant'; // the last building is not yet full
    }
  }

  // A grid takes buildings, or a village's 组, whole (docs/decisions/049: village houses are in no building).
  const { blocks } = source.places;
  const split = splitIntoGrids(blocks.map((b) => b.houses.length));
  const grids = gridRegions(community, split.gridCount, ctx.ids.regions, ctx.regionCodes);
  const houseById = new Map<number, HouseRow>();
  blocks.forEach((block, i) => {
    const grid = grids[split.gridOfBuilding[i]];
    if (block.building) block.building.grid_id = grid.id;
    for (const house of block.houses) {
      house.grid_id = grid.id;
      house.region_path = grid.path;
      houseById.set(house.id, house);
    }
  });
  // A grid stands at the middle of its buildings or 组.
  for (const grid of grids) {
    const own = blocks.filter((b, i) => grids[split.gridOfBuilding[i]] === grid);
    grid.lon = round6(own.reduce((sum, b) => sum + b.lon, 0) / own.length);
    grid.lat = round6(own.reduce((sum, b) => sum + b.lat, 0) / own.length);
  }
  for (const household of people.households) household.region_path = houseById.get(household.house_id)!.region_path;
  for (const resident of people.residents) {
    const house = houseById.get(resident.house_id)!;
    resident.grid_id = house.grid_id;
    resident.region_path = house.region_path;
  }

  const workers = grids.flatMap((grid) => gridWorkers(random, grid, ctx.ids.gridWorkers, ctx.phones));
  const supervisors = new Map(workers.filter((w) => w.employment === 'full_time').map((w) => [w.grid_id, w.name]));
  const specialGroups = specialGroupRecords(random, people.residents, (gridId) => supervisors.get(gridId)!, ctx.ids.specialGroups);

  const vehicles: VehicleRow[] = [];
  let next = 0;
  for (const household of people.households) {
    const members: ResidentRow[] = [];
    while (next < people.residents.length && people.residents[next].household_id === household.id) members.push(people.residents[next++]);
    vehicles.push(
      ...householdVehicles(
        random,
        community.kind === '村',
        household,
        members,
        houseById.get(household.house_id)!,
        ctx.ids.vehicles,
        ctx.plates,
        (estateId) => source.parkingSpace(estateId),
      ),
    );
  }

  return {
    grids,
    estates: source.places.estates,
    buildings: source.places.buildings,
    units: source.places.units,
    houses: source.places.houses,
    households: people.households,
    residents: people.residents,
    moves: people.moves,
    specialGroups,
    vehicles,
    gridWorkers: workers,
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Writes one community in one transaction: its rows appear together or not at all. */
export async function writeCommunity(db: Kysely<DB>, rows: CommunityRows): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertRows(trx, REGIONS, rows.grids);
    await insertRows(trx, ESTATES, rows.estates);
    await insertRows(trx, BUILDINGS, rows.buildings);
    await insertRows(trx, UNITS, rows.units);
    await insertRows(trx, HOUSES, rows.houses);
    await insertLinked(
      trx,
      HOUSEHOLDS,
      rows.households,
      RESIDENTS,
      rows.residents,
      (r) => r.household_id,
      (h) => h.id,
    );
    await insertRows(trx, RESIDENT_MOVES, rows.moves);
    await insertRows(trx, SPECIAL_GROUP_RECORDS, rows.specialGroups);
    await insertRows(trx, VEHICLES, rows.vehicles);
    await insertRows(trx, GRID_WORKERS, rows.gridWorkers);
  });
}
