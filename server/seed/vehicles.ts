import { ageOnReference, dayOf } from './calendar.js';
import type { IdSequence } from '../platform/db/bulk-insert.js';
import type { PlateIssuer } from './identifiers.js';
import { VEHICLE_BRANDS, VEHICLE_COLORS } from './place-names.js';
import { WeightedTable, type Random } from './random.js';
import type { HouseRow, HouseholdRow, ResidentRow, VehicleRow } from './rows.js';

/** 车辆: about one for every five residents, registered to a driving-age member of a household. */
const URBAN_TYPES = new WeightedTable<string>([
  ['car', 52],
  ['suv', 28],
  ['ev', 13],
  ['van', 3],
  ['truck', 1],
  ['motorcycle', 2],
  ['other', 1],
]);
const RURAL_TYPES = new WeightedTable<string>([
  ['car', 40],
  ['suv', 20],
  ['ev', 10],
  ['van', 8],
  ['truck', 12],
  ['motorcycle', 8],
  ['other', 2],
]);
const VEHICLES_PER_PERSON = 0.2;

export function householdVehicles(
  random: Random,
  rural: boolean,
  household: HouseholdRow,
  members: readonly ResidentRow[],
  house: HouseRow,
  ids: IdSequence,
  plates: PlateIssuer,
  parkingSpace: (estateId: number | null) => string | null,
): VehicleRow[] {
  const drivers = members.filter((m) => {
    const age = ageOnReference(dayOf(m.birth_date));
    return age >= 20 && age <= 72;
  });
  if (drivers.length === 0) return [];
  // Only driving-age members own cars, so they carry the whole household's share.
  const expected = VEHICLES_PER_PERSON * members.length * (house.house_use === 'rented' ? 0.7 : 1.1);
  const count = Math.min(drivers.length, Math.floor(expected) + (random.chance(expected % 1) ? 1 : 0));
  const vehicles: VehicleRow[] = [];
  for (let i = 0; i < count; i++) {
    const owner =
      i === 0 && drivers.some((d) => d.id === household.householder_id)
        ? drivers.find((d) => d.id === household.householder_id)!
        : random.pick(drivers);
    const type = (rural ? RURAL_TYPES : URBAN_TYPES).pick(random);
    vehicles.push({
      id: ids.next(),
      plate: plates.issue(random, type === 'ev'),
      vehicle_type: type,
      brand: random.pick(VEHICLE_BRANDS[type]),
      color: random.pick(VEHICLE_COLORS),
      owner_id: owner.id,
      estate_id: house.estate_id,
      parking_space: parkingSpace(house.estate_id),
      region_path: house.region_path,
    });
  }
  return vehicles;
}
