import type { ResidentDetail, ResidentItem, SpecialGroupRecord } from '../../../common/contracts/people.js';
import { ageOn } from '../../../common/id-card.js';
import { maskIdCard, maskPhone } from '../../../common/mask.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { HouseholdRow, MoveRow, ResidentRow } from './people.repository.js';

/**
 * The one place a resident leaves the server. ID numbers and phones are masked unless the
 * viewer's role needs them in full ('personal_data.full') or the resident is the viewer. The
 * age is on `today`, the date in Pingyin ('YYYY-MM-DD').
 */
const seesInFull = (row: ResidentRow, viewer: Viewer) => viewer.permissions.has('personal_data.full') || viewer.residentId === row.id;

export function presentResident(row: ResidentRow, viewer: Viewer, today: string): ResidentItem {
  const full = seesInFull(row, viewer);
  const age = ageOn(row.birth_date, new Date(today));
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: row.birth_date,
    age,
    idCard: full ? row.id_card : maskIdCard(row.id_card),
    phone: row.phone === null ? null : full ? row.phone : maskPhone(row.phone),
    populationType: row.population_type,
    relation: row.relation,
    tags: age >= 60 ? [...row.tags, 'over_60'] : row.tags,
    communityId: row.community_id,
    communityName: row.community_name,
    gridId: row.grid_id,
    gridName: row.grid_name,
    houseId: row.house_id,
    address: row.address,
    movedOut: row.moved_out_on !== null,
  };
}

/** A car of the resident's, as their page lists it. */
export interface OwnedVehicle {
  id: number;
  plate: string;
  vehicle_type: string;
}

export interface ResidentRecords {
  household?: HouseholdRow;
  /** The household's members in the viewer's scope. */
  members: ResidentRow[];
  vehicles: OwnedVehicle[];
  moves: MoveRow[];
}

export function presentResidentDetail(row: ResidentRow, records: ResidentRecords, viewer: Viewer, today: string): ResidentDetail {
  const { household } = records;
  return {
    ...presentResident(row, viewer, today),
    ethnicity: row.ethnicity,
    employer: row.employer,
    movedInOn: row.moved_in_on,
    movedOutOn: row.moved_out_on,
    house: row.house_id !== null && row.address !== null ? { id: row.house_id, address: row.address } : null,
    household: household
      ? {
          id: household.id,
          householdNo: household.household_no,
          householderId: household.householder_id,
          members: records.members.map((m) => presentResident(m, viewer, today)),
        }
      : null,
    vehicles: records.vehicles.map((v) => ({ id: v.id, plate: v.plate, vehicleType: v.vehicle_type })),
    moves: records.moves.map((m) => ({ kind: m.kind, movedOn: m.moved_on, place: m.place, note: m.note })),
    specialGroupsVisible: viewer.permissions.has('special_groups.read'),
    numbersInFull: seesInFull(row, viewer),
    numbersRevealable: !seesInFull(row, viewer) && viewer.permissions.has('personal_data.reveal'),
  };
}

export function presentSpecialGroup(r: {
  category: string;
  since_on: string | null;
  supervisor: string | null;
  note: string | null;
}): SpecialGroupRecord {
  return { category: r.category, sinceOn: r.since_on, supervisor: r.supervisor, note: r.note };
}
