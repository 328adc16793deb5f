import { REFERENCE_TIMESTAMP } from './calendar.js';
import type { CommunityPlan } from './county-plan.js';
import type { IdSequence } from '../platform/db/bulk-insert.js';
import { STREETS, XIANGSHENG_COMPANY, XIANGSHENG_ESTATE, XIANGSHENG_TOWN, estateName } from './place-names.js';
import { WeightedTable, type Random } from './random.js';
import { buildingPosition, farthestFrom, pointNear, villageHousePosition, type Point } from './positions.js';
import { standardAddress, villageAddress } from '../domains/regions/index.js';
import type { BuildingRow, EstateRow, HouseRow, HouseUse, UnitRow } from './rows.js';

/**
 * 小区 → 楼栋 → 单元 → 房屋 for one community, built a building at a time as the residents
 * need them, so a community ends with about as many houses as its people fill. A village's houses
 * are not in estates (docs/decisions/049): they are built a 组 at a time, each house with its
 * 门牌 (小河村3组15号) and its own point inside the village's area.
 */
const PROVINCE_CITY_COUNTY = '山东省济南市平阴县';

export interface PlaceIds {
  estates: IdSequence;
  buildings: IdSequence;
  units: IdSequence;
  houses: IdSequence;
}
export interface Company {
  id: number;
  name: string;
}

export interface CommunityPlaces {
  estates: EstateRow[];
  buildings: BuildingRow[];
  units: UnitRow[];
  houses: HouseRow[];
  /** Buildings, or a village's 组, in the order built: a grid takes each whole. */
  blocks: HouseBlock[];
}

/** A building and its houses, or a village's 组 (no building); where it stands is the grid's centre's share. */
export interface HouseBlock {
  building: BuildingRow | null;
  houses: HouseRow[];
  lon: number;
  lat: number;
}

interface EstateStyle {
  minFloors: number;
  maxFloors: number;
  buildingsLeft: number;
  buildingsBuilt: number;
}

// 自住/出租/空置/商用 aiming at about 70/15/12/3 county-wide; the last building of each community
// adds a few more vacancies.
const URBAN_USE = new WeightedTable<HouseUse>([
  ['owner_occupied', 68.5],
  ['rented', 21.5],
  ['vacant', 10],
]);
const VILLAGE_USE = new WeightedTable<HouseUse>([
  ['owner_occupied', 73],
  ['rented', 10],
  ['vacant', 14],
  ['commercial', 3],
]);
const RENTAL_CHANNELS = new WeightedTable<NonNullable<HouseRow['rental_channel']>>([
  ['agency', 40],
  ['owner', 35],
  ['platform', 15],
  ['employer', 10],
]);

export class BuildingSource {
  readonly places: CommunityPlaces = { estates: [], buildings: [], units: [], houses: [], blocks: [] };
  private estate: EstateRow | undefined;
  private style: EstateStyle | undefined;
  private readonly isVillage: boolean;
  private readonly parking = new Map<number, number>();
  private readonly managedEstates = new Set<number>();
  private readonly builtYears = new Map<number, number>();
  /** A village's houses were built over the decades before its people's arrival is drawn from. */
  private readonly villageBuilt: number | null = null;

  constructor(
    private readonly random: Random,
    /** Positions draw from a stream of their own, so placing things changes nothing else generated. */
    private readonly positions: Random,
    private readonly community: CommunityPlan,
    private readonly ids: PlaceIds,
    private readonly companies: readonly Company[],
    private readonly estateNames: Set<string>,
  ) {
    this.isVillage = community.kind === '村';
    if (this.isVillage) this.villageBuilt = random.int(1975, 2010);
  }

  /**
   * The houses of one more building (a new 小区 when the current one is complete), no bigger
   * than needed when only `housesWanted` more houses are wanted, so a small community does not
   * end with a half-empty tower.
   */
  nextBuilding(housesWanted = Number.POSITIVE_INFINITY): HouseRow[] {
    if (this.isVillage) return this.nextVillageGroup(housesWanted);
    if (!this.estate || !this.style || this.style.buildingsLeft <= 0) this.openEstate();
    const estate = this.estate!,
      style = this.style!;
    style.buildingsLeft--;
    const r = this.random;
    const number = ++style.buildingsBuilt;
    const [lon, lat] = buildingPosition(this.positions, [estate.lon, estate.lat], number - 1);
    const perFloor = r.pick([2, 2, 2, 2, 3, 4]);
    let units = r.pick([1, 2, 2, 3, 3, 4]);
    let floors = r.int(style.minFloors, style.maxFloors);
    if (units * perFloor * floors > housesWanted) {
      units = Math.max(1, Math.min(units, Math.ceil(housesWanted / (perFloor * style.minFloors))));
      floors = Math.max(style.minFloors, Math.min(floors, Math.ceil(housesWanted / (units * perFloor))));
    }
    const building: BuildingRow = {
      id: this.ids.buildings.next(),
      estate_id: estate.id,
      name: `${number}号楼`,
      floors,
      grid_id: null,
      lon,
      lat,
    };
    const houses = this.apartmentBlock(estate, building, units, perFloor);
    this.places.buildings.push(building);
    this.places.blocks.push({ building, houses, lon, lat });
    this.places.houses.push(...houses);
    return houses;
  }

  /**
   * One more 组 of a village: 30–60 houses (fewer when fewer are wanted) around a point of the
   * village's area away from the 组 already placed, each with its 门牌号 and its own point.
   */
  private nextVillageGroup(housesWanted: number): HouseRow[] {
    const r = this.random,
      c = this.community;
    const group = `${this.places.blocks.length + 1}组`;
    const candidates = Array.from({ length: 8 }, () => pointNear(this.positions, c.position, 700, c.area));
    const [lon, lat] = farthestFrom(
      candidates,
      this.places.blocks.map((b): Point => [b.lon, b.lat]),
    );
    const count = Math.min(r.int(30, 60), Math.max(3, housesWanted));
    const houses: HouseRow[] = [];
    for (let k = 1; k <= count; k++) {
      const area = Math.round(r.around(130, 30, 70, 180) * 100) / 100; // 宅基地 courtyards
      const [houseLon, houseLat] = villageHousePosition(this.positions, [lon, lat], k - 1, c.area);
      const doorNumber = `${k}号`;
      const address = villageAddress({ town: c.town.name, community: c.name, villageGroup: group, doorNumber });
      houses.push({
        ...this.house(area, VILLAGE_USE.pick(r), address),
        village_group: group,
        door_number: doorNumber,
        lon: houseLon,
        lat: houseLat,
      });
    }
    this.places.blocks.push({ building: null, houses, lon, lat });
    this.places.houses.push(...houses);
    return houses;
  }

  /** The year a house was built: its estate's, or its village's. */
  builtYear(house: HouseRow): number {
    return house.estate_id === null ? this.villageBuilt! : this.builtYears.get(house.estate_id)!;
  }

  /** A parking space label in an estate with a property company; villages park at home. */
  parkingSpace(estateId: number | null): string | null {
    if (estateId === null || !this.managedEstates.has(estateId)) return null;
    const n = (this.parking.get(estateId) ?? 0) + 1;
    this.parking.set(estateId, n);
    return this.random.chance(0.6) ? `B1-${String(n).padStart(3, '0')}` : `地面${String(n).padStart(3, '0')}`;
  }

  private openEstate() {
    const r = this.random,
      c = this.community;
    const first = this.places.estates.length === 0;
    let name: string, company: Company | null, builtYear: number;
    const xiangsheng = first && c.town.name === XIANGSHENG_TOWN && !this.estateNames.has(XIANGSHENG_ESTATE);
    if (xiangsheng) {
      name = XIANGSHENG_ESTATE;
      this.estateNames.add(name);
      builtYear = 2020;
      company = this.companies.find((co) => co.name === XIANGSHENG_COMPANY) ?? null;
    } else {
      const stemName = `${c.name.replace(/社区$/, '')}小区`; // 锦源社区 → 锦源小区
      name = first && !this.estateNames.has(stemName) ? stemName : estateName(r, this.estateNames);
      this.estateNames.add(name);
      builtYear = r.int(1995, 2023);
      const localCompanies = this.companies.filter((co) => co.name !== XIANGSHENG_COMPANY);
      company = builtYear < 2002 && r.chance(0.5) ? null : r.pick(localCompanies); // 老旧小区 often have none
    }
    const street = c.town.kind === '街道';
    const [minFloors, maxFloors] = builtYear < 2003 ? [6, 6] : builtYear < 2012 ? [6, 11] : street ? [11, 18] : [6, 11];
    this.style = { minFloors, maxFloors, buildingsLeft: r.int(4, 18), buildingsBuilt: 0 };
    const estate: EstateRow = {
      id: this.ids.estates.next(),
      community_id: c.id,
      region_path: c.path,
      name,
      address: `${PROVINCE_CITY_COUNTY}${c.town.name}${r.pick(STREETS)}${r.int(1, 300)}号`,
      property_company_id: company?.id ?? null,
      built_year: builtYear,
      ...this.estatePosition(),
    };
    this.places.estates.push(estate);
    if (estate.property_company_id !== null) this.managedEstates.add(estate.id);
    this.builtYears.set(estate.id, builtYear);
    this.estate = estate;
  }

  /** A community's estates stand near its centre (a street's spread wider), each away from the estates already placed. */
  private estatePosition(): { lon: number; lat: number } {
    const c = this.community;
    const radius = c.town.kind === '街道' ? 900 : 600;
    const candidates = Array.from({ length: 8 }, () => pointNear(this.positions, c.position, radius, c.area));
    const [lon, lat] = farthestFrom(
      candidates,
      this.places.estates.map((e): Point => [e.lon, e.lat]),
    );
    return { lon, lat };
  }

  private apartmentBlock(estate: EstateRow, building: BuildingRow, unitCount: number, perFloor: number): HouseRow[] {
    const r = this.random;
    const baseArea = r.around(100, 25, 60, 150);
    const houses: HouseRow[] = [];
    for (let u = 1; u <= unitCount; u++) {
      const unit: UnitRow = { id: this.ids.units.next(), building_id: building.id, name: `${u}单元` };
      this.places.units.push(unit);
      for (let floor = 1; floor <= building.floors; floor++) {
        for (let k = 1; k <= perFloor; k++) {
          const room = `${floor}${String(k).padStart(2, '0')}`;
          // Ground floors on the street side are shops (底商) far more often than flats above.
          const use = r.chance(floor === 1 ? 0.15 : 0.025) ? 'commercial' : URBAN_USE.pick(r);
          const area = Math.round(r.around(baseArea + (k === 1 ? 12 : 0), 12, 40, 180) * 100) / 100;
          const c = this.community;
          const address = standardAddress({
            town: c.town.name,
            community: c.name,
            estate: estate.name,
            building: building.name,
            unit: unit.name,
            room,
          });
          houses.push({ ...this.house(area, use, address), unit_id: unit.id, estate_id: estate.id, room, floor });
        }
      }
    }
    return houses;
  }

  /** A house of either shape, its place's columns empty for the caller to fill. */
  private house(area: number, use: HouseUse, address: string): HouseRow {
    const c = this.community;
    return {
      id: this.ids.houses.next(),
      unit_id: null,
      estate_id: null,
      community_id: c.id,
      grid_id: null,
      region_path: c.path,
      room: null,
      floor: null,
      village_group: null,
      door_number: null,
      lon: null,
      lat: null,
      area,
      house_use: use,
      rental_mode: null,
      rental_channel: null,
      monthly_rent: null,
      tenant_count: null,
      standard_address: address,
      updated_at: REFERENCE_TIMESTAMP,
    };
  }

  /** Terms of a let (出租): set once the tenants are known, since tenant_count counts them. */
  letHouse(house: HouseRow, mode: 'whole' | 'shared', tenants: number) {
    const r = this.random;
    const perSquareMetre = this.isVillage ? r.float(4, 7) : r.float(9, 16);
    const rent = Math.round((house.area * perSquareMetre * (mode === 'shared' ? 1.15 : 1)) / 50) * 50;
    house.house_use = 'rented';
    house.rental_mode = mode;
    house.rental_channel = RENTAL_CHANNELS.pick(r);
    house.monthly_rent = Math.min(2500, Math.max(600, rent));
    house.tenant_count = tenants;
  }
}
